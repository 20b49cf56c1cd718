import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSitePath, safeLocalPath, sitePath } from './redirect.ts';

describe('site paths for Location headers', () => {
  it('encodes decoded segments so they never name another host', () => {
    expect(sitePath(['/evil.com'])).toBe('/%2Fevil.com');
    expect(sitePath(['\\evil.com'])).toBe('/%5Cevil.com');
    expect(sitePath(['a\u2028', 'b\r\nc'])).toBe('/a%E2%80%A8/b%0D%0Ac');
  });

  it('any segments give a site path (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (segments) => {
        expect(isSitePath(sitePath(segments))).toBe(true);
      }),
    );
  });

  it('keeps `next` under /admin as a browser would resolve it', () => {
    expect(safeLocalPath('/admin/guides?x=1', '/admin', '/admin')).toBe('/admin/guides?x=1');
    for (const next of [
      '/admin/..//Evil.com',
      '/admin/../\\Evil.com',
      '//evil.example/admin',
      'https://evil.example/admin',
      '/administrator',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      expect(safeLocalPath(next, '/admin', '/admin'), next).toBe('/admin');
    }
    expect(safeLocalPath('/admin/\r\nSet-Cookie: x', '/admin', '/admin')).toBe('/admin/Set-Cookie:%20x');
    expect(safeLocalPath('/admin/\u2028', '/admin', '/admin')).toBe('/admin/%E2%80%A8');
  });

  it('any `next` gives a site path under the prefix (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (next) => {
        const path = safeLocalPath(`/admin/${next}`, '/admin', '/admin');
        expect(isSitePath(path)).toBe(true);
        expect(path).toMatch(/^\/admin([/?]|$)/);
      }),
    );
  });
});
