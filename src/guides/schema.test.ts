import { describe, expect, it } from 'vitest';
import { makeGuide } from '../../test/helpers.ts';
import { guideSchema, stepKind } from './schema.ts';

const issues = (value: unknown) => {
  const result = guideSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the guide schema', () => {
  it('accepts sources on the web only (https or http)', () => {
    const source = (url: string) => makeGuide({ sources: [{ title: 'Docs', url, publisher: 'Vendor' }] });
    expect(issues(source('https://learn.microsoft.com/x'))).toEqual([]);
    expect(issues(source('http://example.org/x'))).toEqual([]);
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.org/x',
      'javascript:alert(1)',
      'data:text/html,x',
    ]) {
      expect(issues(source(url)), url).toEqual([expect.stringMatching(/^sources\.0\.url: /)]);
    }
  });

  it('lets a step declare its kind, check or fix, and reads a step without one as a fix', () => {
    const step = { action: 'Read the log.', why: 'It names the cause.' };
    expect(issues(makeGuide({ steps: [{ ...step, kind: 'check' }] }))).toEqual([]);
    expect(issues(makeGuide({ steps: [{ ...step, kind: 'maybe' as 'check' }] }))).toEqual([
      expect.stringMatching(/^steps\.0\.kind: /),
    ]);
    expect(stepKind({ kind: 'check' })).toBe('check');
    expect(stepKind({})).toBe('fix');
  });
});
