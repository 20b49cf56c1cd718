// Fixtures shared by the form and editor tests (not part of the build).
import type { Guide } from '../guides/schema.ts';
import { SCALAR_FIELDS, TEXT_LISTS, type FormBody, type FormFields } from './guide-form.ts';

/** A published guide using every field, optional parts included. */
export function fullGuide(overrides: Partial<Guide> = {}): Guide {
  return {
    id: 'test-product-0x80070005',
    code: '0x80070005',
    category: 'Test category',
    brand: 'Test brand',
    product: 'Test product',
    severity: 'moderate',
    safeToUse: 'with-care',
    title: 'Access is denied',
    summary: 'Windows refused access. The code is `E_ACCESSDENIED`.',
    affected: ['Windows 11', 'Windows 10'],
    causes: ['Missing permissions', 'A locked file'],
    steps: [
      {
        action: 'Run it as administrator.',
        why: 'It needs administrator rights.',
        commands: ['whoami /groups', 'icacls C:\\Data'],
        audience: 'it-pro',
      },
      { action: 'Restart.', why: 'It releases locks.' },
      { action: 'Check the owner.', why: 'Owners can grant access.', audience: 'everyone' },
    ],
    callAPro: 'Ask your IT department.',
    faq: [{ question: 'Is it a virus?', answer: 'Rarely.' }],
    related: ['0x80070002', 'P0300'],
    sources: [
      { title: 'Docs', url: 'https://learn.microsoft.com/example', publisher: 'Microsoft' },
      { title: 'More docs', url: 'https://example.com/a?b=c', publisher: 'Example' },
    ],
    confidence: 'high',
    reviewed: '2026-11-26',
    status: 'published',
    ...overrides,
  };
}

/**
 * The body a browser sends for the rendered form: every input by name, orders as rendered (1, 2, …),
 * no remove boxes ticked (unticked checkboxes are not sent), the button pressed as `action`.
 */
export function flatten(form: FormFields, extra: FormBody = {}): FormBody {
  const body: FormBody = { _csrf: 'token', expectedRevision: '3', message: '', action: 'save' };
  for (const field of SCALAR_FIELDS) body[field] = form[field];
  for (const list of TEXT_LISTS) {
    form[list].forEach((value, i) => {
      body[`${list}.${i}`] = value;
      body[`${list}.${i}.order`] = String(i + 1);
    });
  }
  for (const list of ['steps', 'faq', 'sources'] as const) {
    form[list].forEach((item, i) => {
      for (const [key, value] of Object.entries(item)) body[`${list}.${i}.${key}`] = value;
      body[`${list}.${i}.order`] = String(i + 1);
    });
  }
  return { ...body, ...extra };
}
