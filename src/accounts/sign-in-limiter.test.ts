import { describe, expect, it } from 'vitest';
import { SignInLimiter } from './sign-in-limiter.ts';

describe('SignInLimiter', () => {
  const t0 = 1_800_000_000_000;

  it('blocks an account after its failures, from any address, until the window passes', () => {
    const limiter = new SignInLimiter(3, 100, 60_000);
    for (let i = 0; i < 3; i++) limiter.fail('a@example.org', `10.0.0.${i}`, t0 + i);
    expect(limiter.blocked('a@example.org', '10.9.9.9', t0 + 10)).toBe(true);
    expect(limiter.blocked('b@example.org', '10.9.9.9', t0 + 10)).toBe(false);
    expect(limiter.blocked('a@example.org', '10.9.9.9', t0 + 60_001)).toBe(false);
  });

  it('blocks an address trying many accounts', () => {
    const limiter = new SignInLimiter(100, 4, 60_000);
    for (let i = 0; i < 4; i++) limiter.fail(`user${i}@example.org`, '192.0.2.1', t0);
    expect(limiter.blocked('someone@example.org', '192.0.2.1', t0 + 1)).toBe(true);
    expect(limiter.blocked('someone@example.org', '192.0.2.2', t0 + 1)).toBe(false);
  });

  it('a success clears the account count, not the address count', () => {
    const limiter = new SignInLimiter(2, 3, 60_000);
    limiter.fail('a@example.org', '192.0.2.1', t0);
    limiter.fail('a@example.org', '192.0.2.1', t0);
    limiter.succeed('a@example.org');
    expect(limiter.blocked('a@example.org', '192.0.2.9', t0)).toBe(false);
    limiter.fail('a@example.org', '192.0.2.1', t0);
    expect(limiter.blocked('x@example.org', '192.0.2.1', t0)).toBe(true);
  });
});
