import { describe, expect, it } from 'vitest';
import { makeGuide } from '../../test/helpers.ts';
import { asJsonText, containsPattern, guideMatches, normaliseEditorQuery } from './editor-search.ts';

describe('editor search', () => {
  it('escapes LIKE wildcards and the escape character itself', () => {
    expect(containsPattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
    expect(containsPattern('plain')).toBe('%plain%');
  });

  it('writes a query the way the stored JSON spells it', () => {
    expect(asJsonText('say "hi"\\')).toBe('say \\"hi\\"\\\\');
  });

  it('normalises spaces and case', () => {
    expect(normaliseEditorQuery('  Access   DENIED ')).toBe('access denied');
  });

  it('matches code, title, summary and steps, not field names or sources', () => {
    const guide = makeGuide({
      steps: [{ action: 'Open the\nSettings app.', why: 'It holds the switch.', commands: ['sfc /scannow'] }],
    });
    expect(guideMatches(guide, '0x80070005')).toBe(true);
    expect(guideMatches(guide, 'access is denied')).toBe(true);
    expect(guideMatches(guide, 'e_accessdenied')).toBe(true);
    expect(guideMatches(guide, 'holds the switch')).toBe(true);
    expect(guideMatches(guide, 'open the settings')).toBe(true);
    expect(guideMatches(guide, 'sfc /scannow')).toBe(true);
    expect(guideMatches(guide, 'callapro')).toBe(false);
    expect(guideMatches(guide, 'learn.microsoft.com')).toBe(false);
    expect(guideMatches(guide, '')).toBe(true);
  });
});
