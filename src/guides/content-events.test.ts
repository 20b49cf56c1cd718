import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeGuide } from '../../test/helpers.ts';
import { migrate, openSqlite, type Db } from '../store/db.ts';
import { PublicContentWatcher } from './content-events.ts';
import { saveWorkingCopy, workingCopy } from './editing.ts';
import type { LifecycleAction } from './lifecycle.ts';
import { saveGuides } from './repository.ts';
import type { Guide } from './schema.ts';

async function freshDb(): Promise<Db> {
  const { db } = openSqlite(':memory:');
  await migrate(db);
  return db;
}

/** A watcher that has seen the current version, and the events it receives from now on. */
async function watch(db: Db) {
  const watcher = new PublicContentWatcher(db);
  const events: string[] = [];
  watcher.subscribe((version) => void events.push(version));
  await watcher.check();
  events.length = 0;
  return { watcher, events };
}

async function act(db: Db, id: string, action: LifecycleAction) {
  const copy = (await workingCopy(db, id))!;
  return saveWorkingCopy(db, {
    guide: copy.guide,
    action,
    expectedRevision: copy.revision,
    author: 'editor@example.com',
    message: action,
  });
}

describe('the public content event', () => {
  it('fires on every lifecycle action exactly when public content changes', async () => {
    const db = await freshDb();
    await saveGuides(db, [makeGuide({ id: 'g', status: 'draft' })]);
    const { watcher, events } = await watch(db);
    // [action, whether what the public sees changed]: from draft through published and back.
    const steps: [LifecycleAction, boolean][] = [
      ['save', false],
      ['submit', false],
      ['publish', true],
      ['save', false], // a pending edit waits beside the published text
      ['submit', false],
      ['restore', false],
      ['publish', true],
      ['unpublish', true],
      ['publish', true],
      ['archive', true],
      ['restore', false], // nothing old goes live without a review
      ['archive', false],
    ];
    for (const [action, changes] of steps) {
      const before = events.length;
      const saved = await act(db, 'g', action);
      expect([action, saved.publicChanged]).toEqual([action, changes]);
      // The event has fired by the time the write returns: the next request sees it.
      expect([action, events.length - before]).toEqual([action, changes ? 1 : 0]);
    }
    watcher.close();
  });

  it('fires on an import only when a published guide is added, changed or taken off', async () => {
    const db = await freshDb();
    const { watcher, events } = await watch(db);
    const published = makeGuide({ id: 'p' });
    const draft = makeGuide({ id: 'd', code: '0x80244007', status: 'draft' });
    const cases: [string, readonly Guide[], { pending?: Guide[] }, number][] = [
      ['a new published guide', [published], {}, 1],
      ['the same again', [published], {}, 0],
      ['a new draft', [draft], {}, 0],
      ['a changed draft', [{ ...draft, title: `${draft.title} again` }], {}, 0],
      ['a pending edit', [], { pending: [{ ...published, title: 'Pending title' }] }, 0],
      ['a changed published guide', [{ ...published, title: 'New title' }], {}, 1],
      ['a published guide made a draft', [{ ...published, title: 'New title', status: 'draft' }], {}, 1],
    ];
    for (const [name, guides, options, fired] of cases) {
      const before = events.length;
      await saveGuides(db, guides, options);
      expect([name, events.length - before]).toEqual([name, fired]);
    }
    watcher.close();
  });

  it('reaches a process sharing the database through the poll, once per change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'errata-events-'));
    try {
      const file = join(dir, 'errata.db');
      const writer = openSqlite(file).db;
      await migrate(writer);
      const reader = openSqlite(file).db; // another instance: its own connection, no shared watchers
      const { watcher, events } = await watch(reader);
      await saveGuides(writer, [makeGuide({ id: 'elsewhere' })]);
      expect(events).toEqual([]);
      watcher.poll(20, { failing: () => {}, recovered: () => {} });
      await expect.poll(() => events.length, { timeout: 2000 }).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(events.length).toBe(1); // the version did not move again
      watcher.close();
      await Promise.all([writer.destroy(), reader.destroy()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells listeners in order, one version after another, and stops telling a closed watcher', async () => {
    const db = await freshDb();
    const { watcher, events } = await watch(db);
    const order: string[] = [];
    watcher.subscribe(async (v) => {
      await new Promise((r) => setTimeout(r, 5));
      order.push(`second ${v}`);
    });
    await saveGuides(db, [makeGuide({ id: 'a' })]);
    expect(events).toHaveLength(1);
    expect(order).toEqual([`second ${events[0]}`]);
    watcher.close();
    await saveGuides(db, [makeGuide({ id: 'b', code: '0x80244007' })]);
    expect(events).toHaveLength(1);
  });
});
