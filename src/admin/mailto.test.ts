import { describe, expect, it } from 'vitest';
import { replyMailto } from './mailto.ts';

describe('replyMailto', () => {
  it('links a plain address with an encoded subject', () => {
    expect(replyMailto(' reader+x@example.org ', 'Your report: "A & B"')).toBe(
      'mailto:reader%2Bx@example.org?subject=Your%20report%3A%20%22A%20%26%20B%22',
    );
  });

  it('gives no link for what is not a plain address', () => {
    for (const contact of [
      null,
      '',
      'call me on 0123 456',
      'a@b',
      'a@example.org?bcc=victim@example.org',
      'a@example.org,b@example.org',
      'a@example.org\r\nbcc: x@y.z',
      'javascript:alert(1)//@example.org',
      '"quoted"@example.org',
      `${'a'.repeat(65)}@example.org`,
    ]) {
      expect(replyMailto(contact, 'Hi'), String(contact)).toBeUndefined();
    }
  });
});
