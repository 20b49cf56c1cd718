import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, makeGuide } from '../../test/helpers.ts';
import { formatProblem, guideToYaml, parseGuideYaml } from './content-file.ts';

const modelFile = join(CONTENT_DIR, 'operating-systems', 'windows-update-0x80244007.yaml');
const model = readFileSync(modelFile, 'utf8');

function problems(text: string): string[] {
  const result = parseGuideYaml(text, 'guide.yaml');
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('parseGuideYaml', () => {
  it('reads the bundled 0x80244007 guide', () => {
    const result = parseGuideYaml(model, modelFile);
    expect(result.ok && result.guide.code).toBe('0x80244007');
  });

  it('names the file, the line and the field of a bad value', () => {
    const text = model.replace('severity: moderate', 'severity: urgent');
    expect(problems(text)).toEqual([
      'guide.yaml:6: severity: Invalid option: expected one of "minor"|"moderate"|"serious"|"critical"',
    ]);
  });

  it('points a missing field at its parent', () => {
    const text = model.replace(/^callAPro:.*\n(?: {2}.*\n)*/m, '');
    expect(problems(text)).toEqual(['guide.yaml:1: callAPro: required field is missing (string)']);
  });

  it('names nested fields with their index', () => {
    const text = model.replace(
      '  - action: >-\n      Check the Windows Update log',
      '  - actio: >-\n      Check the Windows Update log',
    );
    expect(problems(text)).toContain('guide.yaml:29: steps[0].action: required field is missing (string)');
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('id: a\ncode: [unclosed\n')[0]).toMatch(/^guide\.yaml:\d+: YAML syntax: /);
  });

  it('refuses codes it cannot read and sources without a URL', () => {
    const text = model
      .replace("code: '0x80244007'", "code: 'not a code'")
      .replace(/url: https:\S+0x80244007\n/, 'url: nope\n');
    const found = problems(text);
    expect(found.some((p) => p.startsWith('guide.yaml:2: code: "not a code" is not a code'))).toBe(true);
    expect(found.some((p) => /^guide\.yaml:\d+: sources\[0\]\.url: /.test(p))).toBe(true);
  });

  it('writes YAML that reads back to the same guide', () => {
    const guide = makeGuide({
      summary: 'A: tricky — "quoted" text\nwith a newline',
      related: ['0x80070002'],
    });
    const again = parseGuideYaml(guideToYaml(guide), 'x.yaml');
    expect(again.ok && again.guide).toEqual(guide);
  });
});

describe('parseGuideYaml on broken aliases', () => {
  it('reports an unresolved alias as a YAML problem instead of throwing', () => {
    const result = parseGuideYaml('*\u0000', 'guide.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/^YAML: Unresolved alias/);
  });
});
