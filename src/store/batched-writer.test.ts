import { describe, expect, it } from 'vitest';
import { BatchedWriter, CountBuffer, QueueBuffer } from './batched-writer.ts';

describe('BatchedWriter', () => {
  it('writes what gathered in one call, and nothing when nothing waits', async () => {
    const queue = new QueueBuffer<number>(10);
    const written: number[][] = [];
    const writer = new BatchedWriter(queue, async (b) => void written.push(b), {
      intervalMs: 60_000,
      items: 'n',
    });
    for (const n of [1, 2, 3]) {
      queue.push(n);
      writer.added();
    }
    expect(writer.pending).toBe(3);
    await writer.flush();
    await writer.flush();
    expect(written).toEqual([[1, 2, 3]]);
    expect(writer.pending).toBe(0);
  });

  it('writes at once when a batch is full', async () => {
    const queue = new QueueBuffer<number>(10);
    const written: number[][] = [];
    const writer = new BatchedWriter(queue, async (b) => void written.push(b), {
      intervalMs: 60_000,
      maxBatch: 2,
      items: 'n',
    });
    queue.push(1);
    writer.added();
    queue.push(2);
    writer.added();
    await writer.flush();
    expect(written).toEqual([[1, 2]]);
  });

  it('keeps a refused batch ahead of newer items, within bounds, and reports what it dropped', async () => {
    const queue = new QueueBuffer<number>(3);
    let refuse = true;
    const written: number[][] = [];
    const errors: { pending: number; dropped: number }[] = [];
    const writer = new BatchedWriter(
      queue,
      async (b) => {
        if (refuse) throw new Error('disk full');
        written.push(b);
      },
      { intervalMs: 60_000, retryMs: 60_000, onError: (_e, s) => errors.push(s), items: 'n' },
    );
    queue.push(1);
    queue.push(2);
    await writer.flush();
    queue.push(3);
    queue.push(4);
    writer.added(); // a retry is already waiting: nothing new is scheduled
    await writer.flush();
    expect(errors).toEqual([
      { pending: 2, dropped: 0 },
      { pending: 3, dropped: 1 },
    ]);
    refuse = false;
    await writer.flush();
    expect(written).toEqual([[2, 3, 4]]);
  });

  it('merges counts given back and reports what is left when closing', async () => {
    const counts = new CountBuffer(2);
    const errors: { pending: number; dropped: number }[] = [];
    const writer = new BatchedWriter(
      counts,
      async () => {
        throw new Error('down');
      },
      { intervalMs: 60_000, retryMs: 60_000, onError: (e, s) => errors.push(s), items: 'count(s)' },
    );
    expect([counts.add('a'), counts.add('a'), counts.add('b'), counts.add('c')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(counts.dropped).toBe(1);
    await writer.flush();
    counts.add('a');
    expect(counts.size).toBe(2);
    await writer.close();
    expect(errors.at(-1)).toEqual({ pending: 0, dropped: 2 });
  });
});
