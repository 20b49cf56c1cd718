import { describe, expect, it } from 'vitest';
import { moved, positionMessage, renumberIds, renumberLabel, renumberName } from '../public/editor-rows.js';
import { bodyToForm } from '../src/admin/guide-form.ts';
import { fieldId } from '../src/admin/views/editor-labels.ts';

// The in-place editor's renumbering: what the page's script renames must read back as the server reads it.

describe('renumbering list items in the page', () => {
  it('renames an item of its own list only', () => {
    expect(renumberName('steps.3.why', 'steps', 1)).toBe('steps.1.why');
    expect(renumberName('causes.7', 'causes', 0)).toBe('causes.0');
    expect(renumberName('faq.2.question', 'steps', 0)).toBe('faq.2.question');
    expect(renumberName('summary', 'steps', 0)).toBe('summary');
    expect(renumberName('stepsx.1.why', 'steps', 0)).toBe('stepsx.1.why');
  });

  it('renames ids made by fieldId, hints and lists of ids included', () => {
    const id = fieldId('steps.12.why');
    expect(renumberIds(id, 'steps', 2)).toBe(fieldId('steps.2.why'));
    expect(renumberIds(`${id}-hint ${id}-warning field-summary`, 'steps', 0)).toBe(
      `${fieldId('steps.0.why')}-hint ${fieldId('steps.0.why')}-warning field-summary`,
    );
    expect(renumberIds(fieldId('faq.1.answer'), 'steps', 0)).toBe(fieldId('faq.1.answer'));
  });

  it('numbers labels from one', () => {
    expect(renumberLabel('Step 7', 0)).toBe('Step 1');
    expect(renumberLabel(' (step 12)', 2)).toBe(' (step 3)');
    expect(renumberLabel(' 4', 9)).toBe(' 10');
    expect(renumberLabel('Error: ', 3)).toBe('Error: ');
  });

  it('moves one item and keeps the others in order, clamped to the list', () => {
    expect(moved(4, 3, 1)).toEqual([0, 3, 1, 2]);
    expect(moved(4, 0, 1)).toEqual([1, 0, 2, 3]);
    expect(moved(3, 0, -1)).toEqual([0, 1, 2]);
    expect(moved(3, 2, 5)).toEqual([0, 1, 2]);
    expect(positionMessage('Step', 2, 5)).toBe('Step moved to position 2 of 5.');
  });

  it('renamed items read back in their new order, ids with their steps', () => {
    // Two steps as the page has them after the second was moved up and both were renumbered.
    const steps = [
      { id: 's2', action: 'Second', why: 'b' },
      { id: 's1', action: 'First', why: 'a' },
    ];
    const body: Record<string, string> = {};
    steps.forEach((step, index) => {
      for (const [key, value] of Object.entries(step)) {
        body[renumberName(`steps.${1 - index}.${key}`, 'steps', index)] = value;
      }
      body[renumberName(`steps.${1 - index}.order`, 'steps', index)] = String(index + 1);
    });
    expect(bodyToForm(body).steps.map((s) => [s.id, s.action])).toEqual([
      ['s2', 'Second'],
      ['s1', 'First'],
    ]);
  });
});
