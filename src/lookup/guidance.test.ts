import { describe, expect, it } from 'vitest';
import { readQuery } from '../codes/parse.ts';
import type { Match } from './matches.ts';
import { unguidedTargets } from './guidance.ts';

const reference = (family: string, code: string): Match => ({
  kind: 'reference',
  code,
  title: code,
  url: `/reference/${family}/${code}`,
  reading: code,
  family,
});

describe('unguidedTargets', () => {
  it('counts nothing when a guide was found', () => {
    const guide: Match = { kind: 'guide', code: '503', title: 'x', url: '/x', reading: '503' };
    expect(
      unguidedTargets({ readings: readQuery('503'), matches: [guide, reference('http', '503')] }),
    ).toEqual([]);
  });

  it('counts each reference entry found, else each number, OBD-II code or status read', () => {
    expect(
      unguidedTargets({
        readings: readQuery('5'),
        matches: [reference('win32', '5'), reference('errno', 'EIO')],
      }),
    ).toEqual([
      { family: 'win32', code: '5' },
      { family: 'errno', code: 'EIO' },
    ]);
    expect(unguidedTargets({ readings: readQuery('0xC1900223'), matches: [] })).toEqual([
      { family: 'unknown', code: '0xC1900223' },
    ]);
    expect(unguidedTargets({ readings: readQuery('-2145107961'), matches: [] })).toEqual([
      { family: 'unknown', code: '0x80244007' },
    ]);
  });

  it('never counts free text', () => {
    expect(unguidedTargets({ readings: readQuery('SOME_PRIVATE_NAME'), matches: [] })).toEqual([]);
  });
});
