import { sql } from 'kysely';
import type { Db } from '../store/db.ts';

/** Moves the content version on: inside the transaction of a write that changed public content. */
export async function bumpContentVersion(db: Db): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key: 'content_version', value: '1' })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: sql<string>`cast(cast(meta.value as integer) + 1 as text)` }),
    )
    .execute();
}

/** A number that changes whenever guides change, for cache invalidation across processes. */
export async function contentVersion(db: Db): Promise<string> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'content_version')
    .executeTakeFirst();
  return row?.value ?? '0';
}

/** Told the new content version, in the order subscribed; the next listener waits for this one. */
export type ContentListener = (version: string) => Promise<void> | void;

/** The watchers of each database, so a write in this process reaches them without waiting for a poll. */
const watchers = new WeakMap<Db, Set<PublicContentWatcher>>();

/**
 * The one event "what the public sees changed". Every guide write that changes public content moves
 * the content version (guides/repository.ts) and then calls publicContentChanged(db); a change made by
 * another process sharing the database (an import from the CLI, another instance) is seen by the poll.
 * Either way the watcher reads the version and, when it moved, tells its listeners: the read model,
 * search and the page cache refresh in one place (src/app.ts), never in the routes that wrote.
 */
export class PublicContentWatcher {
  private version: string | undefined;
  private readonly listeners: ContentListener[] = [];
  /** Checks run one after another, so an older version never lands after a newer one. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db) {
    let set = watchers.get(db);
    if (!set) watchers.set(db, (set = new Set()));
    set.add(this);
  }

  /** The content version the listeners were last told; undefined before the first check. */
  get current(): string | undefined {
    return this.version;
  }

  subscribe(listener: ContentListener): void {
    this.listeners.push(listener);
  }

  /** Reads the content version and tells the listeners when it moved; true when it did. */
  check(): Promise<boolean> {
    const run = this.queue.then(async () => {
      const version = await contentVersion(this.db);
      if (version === this.version) return false;
      for (const listener of this.listeners) await listener(version);
      this.version = version;
      return true;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Checks every `ms` for changes made elsewhere. During a database outage every check fails: the
   * first failure and the recovery are reported, not each attempt.
   */
  poll(ms: number, report: { failing: (error: unknown) => void; recovered: () => void }): void {
    let failing = false;
    this.timer = setInterval(
      () =>
        void this.check().then(
          () => {
            if (failing) report.recovered();
            failing = false;
          },
          (error: unknown) => {
            if (!failing) report.failing(error);
            failing = true;
          },
        ),
      ms,
    );
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
    watchers.get(this.db)?.delete(this);
  }
}

/**
 * Emits the event after a write to `db` changed public content: every watcher of that database checks
 * now, so the writer's next request already sees the change. Call it after the transaction committed.
 */
export async function publicContentChanged(db: Db): Promise<void> {
  await Promise.all([...(watchers.get(db) ?? [])].map((w) => w.check()));
}
