import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepTitle } from './step-title.ts';

describe('stepTitle', () => {
  it('takes the first sentence, without Markdown', () => {
    expect(stepTitle('Restart the PC. Then try again.')).toBe('Restart the PC');
    expect(stepTitle('Run `sfc /scannow` as administrator.')).toBe('Run sfc /scannow as administrator');
  });

  it('cuts a long first sentence at a word, with an ellipsis', () => {
    const title = stepTitle(
      'If the fault names `InstalledNonLeafUpdateIDs`: on the WSUS server, back up `%ProgramFiles%\\Update Services\\WebServices\\ClientWebService\\web.config`, then raise the limit.',
    );
    expect(title).toBe('If the fault names InstalledNonLeafUpdateIDs: on the WSUS server, back up…');
  });

  it('is never longer than the limit (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 500 }), (text) => {
        expect(stepTitle(text).length).toBeLessThanOrEqual(80);
      }),
    );
  });
});
