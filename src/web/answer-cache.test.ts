import { describe, expect, it } from 'vitest';
import { AnswerCache } from './answer-cache.ts';

const strings = (entries = 3, bytes = 1000) => new AnswerCache<string>({ entries, bytes }, (v) => v.length);

describe('AnswerCache', () => {
  it('answers what was kept, and counts hits and misses', () => {
    const cache = strings();
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'one');
    expect(cache.get('a')).toBe('one');
    expect(cache.stats).toEqual({ hits: 1, misses: 1 });
  });

  it('drops the least recently used answer past the entry limit', () => {
    const cache = strings(2);
    cache.set('a', '1');
    cache.set('b', '2');
    cache.get('a'); // a is now the most recent
    cache.set('c', '3');
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('1');
    expect(cache.get('c')).toBe('3');
  });

  it('stays within its byte limit, counting keys too, and refuses an answer larger than all of it', () => {
    const cache = strings(100, 100);
    for (let i = 0; i < 20; i++) cache.set(`k${i}`, 'x'.repeat(20));
    expect(cache.bytes).toBeLessThanOrEqual(100);
    expect(cache.size).toBe(3); // 20 bytes + a 3-character key (6 bytes) each
    cache.set('huge', 'x'.repeat(200));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('k19')).toBe('x'.repeat(20));
  });

  it('replacing an answer does not count its bytes twice', () => {
    const cache = strings();
    cache.set('a', 'xxxx');
    cache.set('a', 'yy');
    expect(cache.bytes).toBe(2 + 2);
    expect(cache.size).toBe(1);
  });

  it('empties when the content version changes, and drops answers computed under the old one', () => {
    const cache = strings();
    cache.setVersion('1');
    cache.set('a', 'old');
    const before = cache.version;
    cache.setVersion('2');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(0);
    cache.set('b', 'computed before the change', before);
    expect(cache.get('b')).toBeUndefined();
    cache.setVersion('2'); // the same version again keeps what is there
    cache.set('c', 'new');
    cache.setVersion('2');
    expect(cache.get('c')).toBe('new');
  });
});
