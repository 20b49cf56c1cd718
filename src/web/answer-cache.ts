/**
 * Recent answers of one kind (where a lookup redirects, a rendered search page), the least recently
 * used dropped first, bounded by count and by bytes. Every answer belongs to one content version: a
 * new version empties the cache, so an answer never outlives the content it was computed from.
 */
export class AnswerCache<V> {
  private current = '';
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;
  /** Answers given from the cache, and answers that had to be computed (for /metrics). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly limits: { entries: number; bytes: number },
    /** The bytes one value holds, roughly: the key is counted apart. */
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The content version answers are kept for; read it before computing an answer to set(). */
  get version(): string {
    return this.current;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  setVersion(version: string): void {
    if (version === this.current) return;
    this.current = version;
    this.entries.clear();
    this.total = 0;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    // Most recently used goes last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps an answer computed under `version`; one computed before the content changed is dropped. */
  set(key: string, value: V, version = this.current): void {
    if (version !== this.current) return;
    const bytes = this.sizeOf(value) + key.length * 2;
    if (bytes > this.limits.bytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    while (this.entries.size > this.limits.entries || this.total > this.limits.bytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.entries.delete(oldestKey);
      this.total -= oldest.bytes;
    }
  }
}
