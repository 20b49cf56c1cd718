import { withStepIds } from '../guides/schema.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../base/config.ts';
import { formatProblem, parseGuideYaml } from '../guides/content-file.ts';
import type { Guide } from '../guides/schema.ts';
import {
  FORM_ERROR_KEY,
  LIST_NAMES,
  emptyGuideForm,
  formFieldName,
  formToDraft,
  guideToForm,
  lintFieldToFormField,
  parseAction,
  splitCommands,
  validateDraft,
  type FormBody,
} from './guide-form.ts';
import { flatten, fullGuide } from './guide-form.fixtures.ts';

function roundTrip(guide: Guide): Guide {
  const { draft } = formToDraft(flatten(guideToForm(guide)));
  const result = validateDraft(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.guide;
}

function bundledGuides(): Guide[] {
  const guides: Guide[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.yaml') && entry.name !== 'sections.yaml') {
        const result = parseGuideYaml(readFileSync(path, 'utf8'), path);
        if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
        guides.push(result.guide);
      }
    }
  };
  walk(join(PACKAGE_ROOT, 'content'));
  return guides;
}

describe('guideToForm / formToDraft / validateDraft', () => {
  it('round-trips a guide using every field', () => {
    const guide = fullGuide();
    expect(roundTrip(guide)).toEqual(withStepIds(guide));
  });

  it('round-trips a family guide: its kind and covers, one per line', () => {
    const guide = fullGuide({
      code: 'P03xx',
      kind: 'family',
      covers: [
        { family: 'obd', prefix: 'P03' },
        { family: 'chromium-net', range: [-299, -200] },
        { family: 'hresult', prefix: 'WU_E_', range: [0x80240000, 0x8024ffff] },
      ],
    });
    expect(guideToForm(guide).covers).toBe(
      'obd prefix=P03\nchromium-net range=-299..-200\nhresult prefix=WU_E_ range=0x80240000..0x8024FFFF',
    );
    expect(roundTrip(guide)).toEqual(withStepIds(guide));
  });

  it('reports an unreadable covers line on the covers field', () => {
    const form = {
      ...guideToForm(fullGuide({ code: '5xx' })),
      kind: 'family',
      covers: 'http\nhttp from=500',
    };
    const result = validateDraft(formToDraft(flatten(form)).draft);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.covers).toMatch(/^line 2: write a family id/);
  });

  it('round-trips every bundled guide', () => {
    const guides = bundledGuides();
    expect(guides.length).toBeGreaterThan(0);
    for (const guide of guides) expect(roundTrip(guide)).toEqual(withStepIds(guide));
  });

  it('reads the action, the expected revision and the revision message', () => {
    const body = flatten(guideToForm(fullGuide()), {
      action: 'publish',
      expectedRevision: '12',
      message: '  Fixed the second step\r\n',
    });
    const submission = formToDraft(body);
    expect(submission.action).toBe('publish');
    expect(submission.expectedRevision).toBe(12);
    expect(submission.message).toBe('Fixed the second step');
    expect(formToDraft(flatten(emptyGuideForm(), { expectedRevision: '' })).expectedRevision).toBeUndefined();
    expect(
      formToDraft(flatten(emptyGuideForm(), { expectedRevision: 'x1' })).expectedRevision,
    ).toBeUndefined();
  });

  it('knows every action and falls back to save', () => {
    for (const action of ['save', 'preview', 'submit', 'publish', 'unpublish', 'archive']) {
      expect(parseAction(action)).toBe(action);
    }
    for (const list of LIST_NAMES) expect(parseAction(`add:${list}`)).toBe(`add:${list}`);
    expect(parseAction(undefined)).toBe('save');
    expect(parseAction('add:id')).toBe('save');
    expect(parseAction('delete')).toBe('save');
    expect(parseAction(['preview', 'save'])).toBe('preview');
  });

  it('adds one empty row to the named list without changing the draft', () => {
    const guide = fullGuide();
    const base = formToDraft(flatten(guideToForm(guide)));
    for (const list of LIST_NAMES) {
      const submission = formToDraft(flatten(guideToForm(guide), { action: `add:${list}` }));
      expect(submission.action).toBe(`add:${list}`);
      expect(submission.draft).toEqual(base.draft);
      expect(submission.form[list]).toHaveLength(guide[list].length + 1);
      const others = LIST_NAMES.filter((l) => l !== list);
      for (const other of others) expect(submission.form[other]).toHaveLength(guide[other].length);
    }
    const steps = formToDraft(flatten(guideToForm(guide), { action: 'add:steps' })).form.steps;
    expect(steps.at(-1)).toEqual({ id: '', action: '', why: '', commands: '', audience: '', kind: '' });
  });

  it('removes ticked rows', () => {
    const body = flatten(guideToForm(fullGuide()), {
      'steps.1.remove': 'on',
      'causes.0.remove': 'on',
      'sources.1.remove': 'on',
      'faq.0.remove': 'on',
    });
    const result = validateDraft(formToDraft(body).draft);
    expect(result.ok && result.guide.steps.map((s) => s.action)).toEqual([
      'Run it as administrator.',
      'Check the owner.',
    ]);
    expect(result.ok && result.guide.causes).toEqual(['A locked file']);
    expect(result.ok && result.guide.sources.map((s) => s.title)).toEqual(['Docs']);
    expect(result.ok && result.guide.faq).toEqual([]);
  });

  it('reorders rows by their position, ties and blanks keeping their order', () => {
    const body = flatten(guideToForm(fullGuide()), {
      'steps.0.order': '3',
      'steps.1.order': '1',
      'steps.2.order': '2',
      'causes.0.order': '5',
      'causes.1.order': '5',
      'related.0.order': '9',
      'related.1.order': '',
    });
    const { draft, form } = formToDraft(body);
    const result = validateDraft(draft);
    expect(result.ok && result.guide.steps.map((s) => s.action)).toEqual([
      'Restart.',
      'Check the owner.',
      'Run it as administrator.',
    ]);
    expect(result.ok && result.guide.causes).toEqual(['Missing permissions', 'A locked file']);
    // related.1 has no position, so it keeps its place (2) and comes before 9.
    expect(result.ok && result.guide.related).toEqual(['P0300', '0x80070002']);
    expect(form.steps.map((s) => s.action)).toEqual([
      'Restart.',
      'Check the owner.',
      'Run it as administrator.',
    ]);
  });

  it('sorts rows by index, not by the order the body lists them in', () => {
    const body: FormBody = {
      ...flatten(emptyGuideForm()),
      'causes.10': 'tenth',
      'causes.2': 'second',
      'causes.0': '',
    };
    expect(formToDraft(body).form.causes).toEqual(['second', 'tenth']);
  });

  it('drops rows whose every field is blank', () => {
    const body = flatten(guideToForm(fullGuide()), {
      'steps.3.action': '  ',
      'steps.3.why': '',
      'steps.3.commands': '\r\n',
      'steps.3.audience': '',
      'steps.3.order': '4',
      'faq.1.question': '',
      'faq.1.answer': '',
      'sources.2.title': '',
      'sources.2.url': ' ',
      'sources.2.publisher': '',
      'affected.2': '',
      'causes.2': '   ',
      'related.2.order': '3',
    });
    const result = validateDraft(formToDraft(body).draft);
    expect(result).toEqual({ ok: true, guide: withStepIds(fullGuide()) });
  });

  it('keeps a partly filled row so its blank fields are reported', () => {
    const body = flatten(guideToForm(fullGuide()), { 'steps.3.action': 'Reinstall.', 'steps.3.why': '' });
    const result = validateDraft(formToDraft(body).draft);
    expect(result).toEqual({ ok: false, errors: { 'steps.3.why': 'must not be empty' } });
  });

  it('splits commands by lines, trimming and skipping blank lines', () => {
    expect(splitCommands('  a \r\n\r\nb\n\nc\rd  ')).toEqual(['a', 'b', 'c', 'd']);
    const body = flatten(guideToForm(fullGuide()), {
      'steps.1.commands': 'sfc /scannow\r\n\r\n  DISM /Online  \r\n',
    });
    const result = validateDraft(formToDraft(body).draft);
    expect(result.ok && result.guide.steps[1]?.commands).toEqual(['sfc /scannow', 'DISM /Online']);
    const noCommands = validateDraft(
      formToDraft(flatten(guideToForm(fullGuide()), { 'steps.0.commands': ' \n ' })).draft,
    );
    expect(noCommands.ok && noCommands.guide.steps[0]).not.toHaveProperty('commands');
  });

  it('leaves out a blank audience', () => {
    const result = validateDraft(
      formToDraft(flatten(guideToForm(fullGuide()), { 'steps.0.audience': '' })).draft,
    );
    expect(result.ok && result.guide.steps[0]).not.toHaveProperty('audience');
  });

  it('ignores names outside the form', () => {
    const body = flatten(guideToForm(fullGuide()), {
      'steps.0.evil': 'x',
      'causes.0.action': 'x',
      'steps.1': 'x',
      ['__proto__']: 'x',
      'constructor.0': 'x',
      'steps.99999.action': 'x',
    });
    expect(validateDraft(formToDraft(body).draft)).toEqual({ ok: true, guide: withStepIds(fullGuide()) });
  });

  it('takes the first of repeated values', () => {
    const body = flatten(guideToForm(fullGuide()), { title: ['First', 'Second'] });
    const result = validateDraft(formToDraft(body).draft);
    expect(result.ok && result.guide.title).toBe('First');
  });

  it('maps a missing step reason to the field beside it', () => {
    const form = guideToForm(fullGuide());
    form.steps[1]!.why = '   ';
    const result = validateDraft(formToDraft(flatten(form)).draft);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({ 'steps.1.why': 'must not be empty' });
  });

  it('maps problems throughout the guide to form field names', () => {
    const form = guideToForm(fullGuide());
    form.id = 'Not A Slug';
    form.severity = '';
    form.brand = 'x'.repeat(81);
    form.causes = [];
    form.sources[1]!.url = 'not a url';
    form.steps[0]!.commands = `ok\n${'x'.repeat(501)}`;
    form.reviewed = '2026-13-01';
    const result = validateDraft(formToDraft(flatten(form)).draft);
    expect(!result.ok && result.errors).toEqual({
      id: 'must be a lowercase slug such as windows-update-0x80244007',
      severity: 'choose one of the options',
      brand: 'must be at most 80 characters',
      causes: 'add at least one',
      'sources.1.url': expect.stringMatching(/^must be a full web address/),
      'steps.0.commands': 'command 2: must be at most 500 characters',
      reviewed: 'must be a date such as 2026-11-26',
    });
  });

  it('maps refinement problems: unreadable codes', () => {
    const form = guideToForm(fullGuide());
    form.related[1] = 'not a code!';
    const result = validateDraft(formToDraft(flatten(form)).draft);
    expect(!result.ok && result.errors).toEqual({ 'related.1': '"not a code!" is not a readable code' });
  });

  it('rejects the empty form with a message for each required field', () => {
    const result = validateDraft(formToDraft(flatten(emptyGuideForm())).draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(
      expect.arrayContaining(['id', 'code', 'title', 'safeToUse', 'causes', 'steps', 'sources']),
    );
    expect(result.errors.sources).toBe('a guide needs at least one source');
    // The defaults are valid as they stand.
    expect(result.errors.severity).toBeUndefined();
    expect(result.errors.confidence).toBeUndefined();
    expect(result.errors.reviewed).toBeUndefined();
  });

  it('starts a new guide at moderate severity, low confidence, reviewed today', () => {
    const form = emptyGuideForm('2026-12-03');
    expect([form.severity, form.confidence, form.reviewed]).toEqual(['moderate', 'low', '2026-12-03']);
  });

  it('names fields for schema paths and lint fields', () => {
    expect(formFieldName([])).toBe(FORM_ERROR_KEY);
    expect(formFieldName(['steps', 2, 'why'])).toBe('steps.2.why');
    expect(formFieldName(['steps', 2, 'commands', 4])).toBe('steps.2.commands');
    expect(formFieldName(['related', 0])).toBe('related.0');
    expect(lintFieldToFormField('steps[2].action')).toBe('steps.2.action');
    expect(lintFieldToFormField('steps[0].commands[1]')).toBe('steps.0.commands');
    expect(lintFieldToFormField('related[0]')).toBe('related.0');
    expect(lintFieldToFormField('summary')).toBe('summary');
    expect(lintFieldToFormField('')).toBe(FORM_ERROR_KEY);
  });
});
