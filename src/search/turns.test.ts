import { describe, expect, it } from 'vitest';
import { Gate, nextTurn } from './turns.ts';

describe('Gate', () => {
  it('runs at most `limit` tasks at once, the others in arrival order', async () => {
    const gate = new Gate(2);
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((n) =>
      gate.run(async () => {
        started.push(n);
        await new Promise<void>((resolve) => (finish[n] = resolve));
        return n * 10;
      }),
    );
    await nextTurn();
    expect(started).toEqual([0, 1]);
    expect(gate.load).toEqual({ running: 2, waiting: 3 });
    finish[1]!();
    await nextTurn();
    expect(started).toEqual([0, 1, 2]);
    finish[0]!();
    finish[2]!();
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    finish[3]!();
    finish[4]!();
    expect(await Promise.all(tasks)).toEqual([0, 10, 20, 30, 40]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('passes its place on when a task fails, and the failure to its caller', async () => {
    const gate = new Gate(1);
    const failing = gate.run(() => Promise.reject(new Error('broken')));
    const next = gate.run(() => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('broken');
    expect(await next).toBe('next');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a limit under one', () => {
    expect(() => new Gate(0)).toThrow(RangeError);
  });
});

describe('nextTurn', () => {
  it('lets a callback queued before it run first', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('waiting'));
    await nextTurn();
    order.push('after');
    expect(order).toEqual(['waiting', 'after']);
  });
});
