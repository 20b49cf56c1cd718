/**
 * What waits to be written: taken whole for each batch, and given back when the database refused the
 * batch. Bounded: what does not fit is dropped and counted.
 */
export interface BatchBuffer<B> {
  /** Items waiting. */
  readonly size: number;
  /** Everything waiting, leaving the buffer empty. */
  take(): B;
  /** Puts a refused batch back ahead of what came since; how many items it dropped to stay in bounds. */
  putBack(batch: B): number;
  /** Items in a batch taken earlier. */
  sizeOf(batch: B): number;
  /** Empties the buffer; how many items it held. */
  clear(): number;
}

/** A queue of items in arrival order; beyond `maxPending` the oldest are dropped. */
export class QueueBuffer<T> implements BatchBuffer<T[]> {
  private items: T[] = [];
  constructor(private readonly maxPending: number) {}
  get size(): number {
    return this.items.length;
  }
  push(item: T): void {
    this.items.push(item);
  }
  take(): T[] {
    const batch = this.items;
    this.items = [];
    return batch;
  }
  putBack(batch: T[]): number {
    this.items = batch.concat(this.items);
    const dropped = Math.max(0, this.items.length - this.maxPending);
    if (dropped > 0) this.items.splice(0, dropped);
    return dropped;
  }
  sizeOf(batch: T[]): number {
    return batch.length;
  }
  clear(): number {
    return this.take().length;
  }
}

/** Counts by key, merged while they wait; at most `maxKeys` keys, further keys' counts are dropped. */
export class CountBuffer implements BatchBuffer<Map<string, number>> {
  private counts = new Map<string, number>();
  /** Counts not kept because `maxKeys` keys were already waiting. */
  dropped = 0;
  constructor(private readonly maxKeys: number) {}
  get size(): number {
    return this.counts.size;
  }
  /** Adds `n` to a key's count; false (and counted as dropped) when the key does not fit. */
  add(key: string, n = 1): boolean {
    const count = this.counts.get(key);
    if (count === undefined && this.counts.size >= this.maxKeys) {
      this.dropped += n;
      return false;
    }
    this.counts.set(key, (count ?? 0) + n);
    return true;
  }
  take(): Map<string, number> {
    const batch = this.counts;
    this.counts = new Map();
    return batch;
  }
  putBack(batch: Map<string, number>): number {
    const before = this.dropped;
    for (const [key, n] of batch) this.add(key, n);
    return this.dropped - before;
  }
  sizeOf(batch: Map<string, number>): number {
    return batch.size;
  }
  clear(): number {
    return this.take().size;
  }
}

export interface BatchedWriterOptions {
  /** How long items gather before one write. */
  intervalMs: number;
  /** Items that start a write at once instead of waiting for the interval. */
  maxBatch?: number;
  /** First wait before a retry after the database refused a batch; doubles up to 30 s. */
  retryMs?: number;
  /** Told about each failed write, with how many items wait and how many were dropped. */
  onError?: (error: unknown, state: { pending: number; dropped: number }) => void;
  /** What an item is, for the message about items left when closing ("answer(s)"). */
  items: string;
}

/**
 * Writes what gathers in a buffer in one call per interval, so a burst costs a few commits and never
 * holds up a request. A batch the database refuses goes back into the buffer (within its bounds) and is
 * retried with a doubling wait: the write must be one transaction, so a refused batch wrote nothing.
 */
export class BatchedWriter<B> {
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private failures = 0;
  private readonly maxBatch: number;
  private readonly retryMs: number;
  private readonly onError: NonNullable<BatchedWriterOptions['onError']>;

  constructor(
    private readonly buffer: BatchBuffer<B>,
    private readonly write: (batch: B) => Promise<void>,
    private readonly options: BatchedWriterOptions,
  ) {
    this.maxBatch = options.maxBatch ?? Infinity;
    this.retryMs = options.retryMs ?? 1000;
    this.onError = options.onError ?? (() => {});
  }

  /** Items waiting (not written yet). */
  get pending(): number {
    return this.buffer.size;
  }

  /** Call after adding to the buffer: schedules the write (a retry already waiting covers it). */
  added(): void {
    if (this.failures > 0) return;
    if (this.buffer.size >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.intervalMs);
  }

  /** Writes everything waiting; resolves once written or kept for a retry (never rejects). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer.take();
    this.flushing = this.flushing.then(async () => {
      if (this.buffer.sizeOf(batch) === 0) return;
      try {
        await this.write(batch);
        this.failures = 0;
      } catch (error) {
        this.keep(batch, error);
      }
    });
    return this.flushing;
  }

  /** Writes what it can and stops retrying; items still refused are reported as dropped. */
  async close(): Promise<void> {
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
    const dropped = this.buffer.clear();
    if (dropped > 0) {
      this.onError(new Error(`${dropped} ${this.options.items} could not be written before closing`), {
        pending: 0,
        dropped,
      });
    }
  }

  private keep(batch: B, error: unknown): void {
    const dropped = this.buffer.putBack(batch);
    this.failures++;
    this.onError(error, { pending: this.buffer.size, dropped });
    const wait = Math.min(30_000, this.retryMs * 2 ** (this.failures - 1));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), wait);
    this.timer.unref();
  }
}
