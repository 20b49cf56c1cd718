import { createHash } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Failed sign-ins counted per account and per address in a sliding window, in memory: addresses are
 * hashed and never written anywhere.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perAccount = 5,
    private readonly perAddress = 20,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** `email` as normaliseEmail gives it: every spelling of an account shares one count. */
  blocked(email: string, address: string, now = Date.now()): boolean {
    return (
      this.recent(`a:${email}`, now).length >= this.perAccount ||
      this.recent(`i:${sha256(address)}`, now).length >= this.perAddress
    );
  }

  fail(email: string, address: string, now = Date.now()): void {
    for (const key of [`a:${email}`, `i:${sha256(address)}`]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  succeed(email: string): void {
    this.failures.delete(`a:${email}`);
  }
}
