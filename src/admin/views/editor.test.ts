import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import {
  FORM_ERROR_KEY,
  LIST_NAMES,
  emptyGuideForm,
  formToDraft,
  guideToForm,
  validateDraft,
} from '../guide-form.ts';
import { flatten, fullGuide } from '../guide-form.fixtures.ts';
import { GuideEditor, type GuideEditorProps } from './editor.tsx';
import { fieldId, fieldLabel } from './editor-labels.ts';

describe('GuideEditor', () => {
  const render = (props: Partial<GuideEditorProps> = {}) =>
    renderToString(
      h(GuideEditor, {
        origin: 'https://errata.test',
        csrfToken: 'tok-123',
        form: guideToForm(fullGuide()),
        revision: 7,
        mode: 'edit',
        ...props,
      }),
    );

  it('escapes guide text everywhere', () => {
    const evil = '<script>alert(1)</script>';
    const guide = fullGuide({
      title: evil,
      summary: evil,
      causes: [evil],
      steps: [{ action: evil, why: evil, commands: [evil] }],
      faq: [{ question: evil, answer: evil }],
      sources: [{ title: evil, url: 'https://example.com/"><script>alert(1)</script>', publisher: evil }],
    });
    const html = render({
      form: guideToForm(guide),
      errors: { title: evil, [FORM_ERROR_KEY]: evil },
      warnings: [{ field: 'summary', message: evil }],
      message: evil,
      notice: evil,
      csrfToken: '"><script>alert(1)</script>',
    });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('posts to the guide, with the CSRF token and the revision', () => {
    const html = render();
    expect(html).toContain('action="/admin/guides/test-product-0x80070005"');
    expect(html).toContain('method="post"');
    expect(html).toContain('<input type="hidden" name="_csrf" value="tok-123"/>');
    expect(html).toContain('<input type="hidden" name="expectedRevision" value="7"/>');
    expect(html).toContain('<title>Edit Access is denied | Errata</title>');
    expect(html).toContain('name="robots" content="noindex"');
    const fresh = render({ mode: 'new', form: emptyGuideForm(), revision: undefined });
    expect(fresh).toContain('action="/admin/guides"');
    expect(fresh).toMatch(/<input type="hidden" name="expectedRevision" value(="")?\/>/);
    expect(fresh).toContain('<title>New guide | Errata</title>');
  });

  it('renders exactly the inputs formToDraft reads, each with a label', () => {
    const form = guideToForm(fullGuide());
    const page = render({ form });
    // Template rows are inert until the page's script copies one in: never posted as they are.
    const html = page
      .slice(page.indexOf('<form method="post"'))
      .replace(/<template[\s\S]*?<\/template>/g, '');
    const names = new Set(
      [...html.matchAll(/<(?:input|textarea|select)[^>]* name="([^"]+)"/g)].map((m) => m[1]),
    );
    const expected = new Set(Object.keys(flatten(form)));
    expected.delete('action');
    // The status follows the button pressed: the form has no status control.
    expected.delete('status');
    for (const list of LIST_NAMES) form[list].forEach((_, i) => expected.add(`${list}.${i}.remove`));
    expect([...names].sort()).toEqual([...expected].sort());

    const ids = [...html.matchAll(/<(?:input|textarea|select)[^>]* id="([^"]+)"/g)].map((m) => m[1]!);
    const labelled = new Set([...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]));
    for (const id of ids) expect(labelled, id).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html).not.toMatch(/ style=/);
    expect(html).not.toMatch(
      /<script(?! src="\/assets\/site\.js")(?! type="module" src="\/assets\/admin-editor\.js")/,
    );
  });

  it('has an empty template row for each list the page script adds to, numbered after the last row', () => {
    const form = guideToForm(fullGuide());
    const page = render({ form });
    const templates = [
      ...page.matchAll(
        /<section[^>]* data-list="(\w+)"[\s\S]*?<template class="item-template">([\s\S]*?)<\/template>/g,
      ),
    ];
    expect(templates.map((m) => m[1])).toEqual(['affected', 'causes', 'steps', 'faq', 'related', 'sources']);
    const steps = templates.find((m) => m[1] === 'steps')![2]!;
    const names = [...steps.matchAll(/ name="([^"]+)"/g)].map((m) => m[1]);
    const n = form.steps.length;
    expect(names).toEqual(
      ['action', 'why', 'id', 'commands', 'audience', 'kind', 'order', 'remove'].map(
        (k) => `steps.${n}.${k}`,
      ),
    );
    expect(steps).not.toMatch(/<textarea[^>]*>[^<]/);
    expect(steps).toMatch(/name="steps\.\d+\.id" value\/>/);
  });

  it('shows the values: selected options, textareas and commands one per line', () => {
    const html = render();
    expect(html).toMatch(
      /<select id="field-severity" name="severity"[^>]*>.*?<option value="moderate" selected>/s,
    );
    expect(html).toMatch(/<option value="it-pro" selected>IT staff<\/option>/);
    expect(html).toContain(
      '<textarea id="field-steps-0-commands" name="steps.0.commands" aria-describedby="field-steps-0-commands-hint" spellcheck="false" class="code-input" rows="3">whoami /groups\nicacls C:\\Data</textarea>',
    );
    expect(html).toContain('name="steps.2.order" type="number"');
    expect(html).toContain('value="3"');
    expect(html).toMatch(/<input id="field-id" name="id"[^>]* readonly/);
  });

  it('has add buttons for every list and a save default button first', () => {
    const html = render();
    for (const list of LIST_NAMES) expect(html).toContain(`name="action" value="add:${list}"`);
    expect(html).toContain('>Add a step</button>');
    const firstButton = /<button type="submit" name="action" value="(\w+)"/.exec(
      html.slice(html.indexOf('<form method')),
    );
    expect(firstButton?.[1]).toBe('save');
  });

  it('offers publishing and archiving only to those allowed', () => {
    const plain = render();
    expect(plain).toContain('value="save"');
    expect(plain).toContain('value="preview"');
    expect(plain).toContain('value="submit"');
    expect(plain).not.toContain('value="publish"');
    expect(plain).not.toContain('value="unpublish"');
    expect(plain).not.toContain('value="archive"');
    const live = { status: 'published', publicStatus: 'published', pending: false } as const;
    const editor = render({ canPublish: true, canArchive: true, state: live });
    expect(editor).toContain('value="publish"');
    expect(editor).toContain('value="unpublish"');
    expect(editor).toContain('value="archive"');
    // Only what applies: a draft cannot be unpublished, an archived guide not archived again.
    const draft = render({
      canPublish: true,
      canArchive: true,
      state: { ...live, status: 'draft', publicStatus: 'draft' },
    });
    expect(draft).not.toContain('value="unpublish"');
    expect(draft).toContain('value="archive"');
    const archived = render({
      canPublish: true,
      canArchive: true,
      state: { ...live, status: 'archived', publicStatus: 'archived' },
    });
    expect(archived).not.toContain('value="archive"');
    const fresh = render({ canPublish: true, canArchive: true, mode: 'new' });
    expect(fresh).toContain('value="publish"');
    expect(fresh).not.toContain('value="archive"');
  });

  it('shows errors beside their fields and in a summary linking to them', () => {
    const form = guideToForm(fullGuide());
    form.steps[1]!.why = '';
    form.causes = [];
    const result = validateDraft(formToDraft(flatten(form)).draft);
    if (result.ok) throw new Error('expected problems');
    const html = render({
      form,
      errors: { ...result.errors, [FORM_ERROR_KEY]: 'Someone else saved first.' },
    });
    expect(html).toContain('<title>Error: Edit Access is denied | Errata</title>');
    expect(html).toContain('class="error-summary" role="alert"');
    expect(html).toContain('There are 3 problems');
    expect(html).toContain('<a href="#field-steps-1-why">Step 2, why it helps: must not be empty</a>');
    expect(html).toContain('<a href="#field-causes">Causes: add at least one</a>');
    expect(html).toContain('<li>Someone else saved first.</li>');
    expect(html).toMatch(
      /<textarea id="field-steps-1-why" name="steps.1.why" aria-describedby="field-steps-1-why-error" aria-invalid="true"/,
    );
    expect(html).toContain('<p class="field-error" id="field-steps-1-why-error">');
    // An empty required list still gets a row to fill in.
    expect(html).toContain('name="causes.0"');
  });

  it('shows warnings beside their fields and in a summary', () => {
    const html = render({
      warnings: [
        { field: 'steps[0].action', message: 'Long sentence.' },
        { field: 'summary', message: 'Mentions a full disk.' },
        { field: 'steps.0.action', message: 'Second warning.' },
        { field: '', message: 'About the whole guide.' },
      ],
    });
    expect(html).toContain('4 things to check');
    expect(html).toContain('<a href="#field-steps-0-action">Step 1, what to do: Long sentence.</a>');
    expect(html).toContain('<li>About the whole guide.</li>');
    expect(html).toMatch(
      /id="field-steps-0-action" name="steps.0.action" aria-describedby="[^"]*field-steps-0-action-warning"/,
    );
    expect(html).toMatch(/id="field-steps-0-action-warning">.*Long sentence\..*Second warning\./s);
    expect(html).not.toContain('aria-invalid');
  });

  it('labels fields readably', () => {
    expect(fieldLabel('callAPro')).toBe('When to call a professional');
    expect(fieldLabel('sources.0.url')).toBe('Source 1, address (URL)');
    expect(fieldLabel('related.2')).toBe('Related code 3');
    expect(fieldLabel('faq')).toBe('Questions and answers');
    expect(fieldId('steps.2.why')).toBe('field-steps-2-why');
  });

  it('tells list items apart in their labels', () => {
    const html = render();
    expect(html).toContain(
      '<label for="field-steps-1-why">Why it helps<span class="visually-hidden"> (step 2)</span></label>',
    );
    expect(html).toContain(
      '<label for="field-causes-1">Cause<span class="visually-hidden"> 2</span></label>',
    );
    expect(html).toContain(
      '<label for="field-sources-0-remove">Remove this source<span class="visually-hidden"> (source 1)</span></label>',
    );
  });
});
