/**
 * Sharing the one thread between searches and pages. SQLite answers synchronously, so without these a
 * search ran from its first read to its last in one go, and eight searches at once kept every page
 * waiting behind all of them (bench/crafted-load.bench.ts).
 */

/** Lets whatever else is waiting (a page, another request) run first: one turn of the event loop. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * At most `limit` tasks at a time; the rest wait their turn in arrival order. A search waits here
 * rather than sharing the thread with every other search in progress, so a page asked for meanwhile
 * waits for at most `limit` searches' current steps.
 */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('a gate lets at least one task through');
  }

  /** Tasks running now, and waiting. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      // The place passes straight to the next in line, so nobody arriving meanwhile slips ahead.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
