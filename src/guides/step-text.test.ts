import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../base/config.ts';
import { parseGuideYaml } from './content-file.ts';
import { actionBesideCommands } from './step-text.ts';

describe('actionBesideCommands', () => {
  it('names the block instead of repeating the commands of the 0x80244007 guide, step 4', () => {
    const file = join(PACKAGE_ROOT, 'content', 'operating-systems', 'windows-update-0x80244007.yaml');
    const parsed = parseGuideYaml(readFileSync(file, 'utf8'), file);
    if (!parsed.ok) throw new Error('the guide does not parse');
    const step = parsed.guide.steps[3]!;
    expect(step.commands).toHaveLength(7);
    const text = actionBesideCommands(step.action, step.commands);
    for (const command of step.commands!) expect(text).not.toContain(command);
    expect(text).toContain("reset the PC's WSUS identity");
    expect(text).toMatch(/run these commands in order \(below\)\.$/);
  });

  it('names a single command by where it is, keeping the sentence', () => {
    expect(
      actionBesideCommands('In PowerShell, run `Get-WindowsUpdateLog`, then open the file.', [
        'Get-WindowsUpdateLog',
      ]),
    ).toBe('In PowerShell, run the command below, then open the file.');
  });

  it('names commands apart from each other by their place in the block', () => {
    expect(
      actionBesideCommands('Run `net stop wuauserv` to stop it; later `net start wuauserv`.', [
        'net stop wuauserv',
        'net start wuauserv',
      ]),
    ).toBe('Run the first command below to stop it; later the second command below.');
    expect(actionBesideCommands('Run `a`, then `b`. Check `c`.', ['a', 'b', 'c'])).toBe(
      'Run commands 1 and 2 below. Check the third command below.',
    );
    expect(actionBesideCommands('Run `a`, then `b` and finally `c`.', ['a', 'b', 'c'])).toBe(
      'Run the commands below.',
    );
  });

  it('keeps inline code that is not one of the commands, and text without commands', () => {
    const action = 'Look for `0x80244007` near `Soap fault detail`.';
    expect(actionBesideCommands(action, ['Get-WindowsUpdateLog'])).toBe(action);
    expect(actionBesideCommands(action, undefined)).toBe(action);
  });
});
