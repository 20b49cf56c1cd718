// The words of the guide editor: field labels, list headings, option labels.
import type { AUDIENCES, CONFIDENCES, STATUSES } from '../../guides/schema.ts';
import { SCALAR_FIELDS, type ListName, type ScalarField } from '../guide-form.ts';

/** The id of the input for a form field name: `steps.2.why` → `field-steps-2-why`. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export const SCALAR_LABEL: Record<ScalarField, string> = {
  id: 'Guide id',
  code: 'Code as people see it',
  kind: 'Kind of guide',
  covers: 'Codes a family guide covers',
  category: 'Category',
  brand: 'Brand',
  product: 'Product',
  severity: 'Severity',
  safeToUse: 'Safe to keep using?',
  title: 'Title',
  summary: 'Summary',
  callAPro: 'When to call a professional',
  confidence: 'Confidence',
  reviewed: 'Last reviewed',
  status: 'Status',
};

export interface ListText {
  heading: string;
  item: string;
  add: string;
  remove: string;
  optional: boolean;
}

export const LIST_TEXT: Record<ListName, ListText> = {
  affected: {
    heading: 'Affected products and versions',
    item: 'Affected product',
    add: 'Add an affected product',
    remove: 'Remove this product',
    optional: true,
  },
  causes: {
    heading: 'Causes',
    item: 'Cause',
    add: 'Add a cause',
    remove: 'Remove this cause',
    optional: false,
  },
  steps: { heading: 'Steps', item: 'Step', add: 'Add a step', remove: 'Remove this step', optional: false },
  faq: {
    heading: 'Questions and answers',
    item: 'Question',
    add: 'Add a question',
    remove: 'Remove this question',
    optional: true,
  },
  related: {
    heading: 'Related codes',
    item: 'Related code',
    add: 'Add a related code',
    remove: 'Remove this code',
    optional: true,
  },
  sources: {
    heading: 'Sources',
    item: 'Source',
    add: 'Add a source',
    remove: 'Remove this source',
    optional: false,
  },
};

export const ITEM_KEY_LABEL: Record<string, string> = {
  action: 'What to do',
  why: 'Why it helps',
  commands: 'Commands',
  audience: 'Who can do this',
  kind: 'Kind of step',
  question: 'Question',
  answer: 'Answer',
  title: 'Title',
  url: 'Address (URL)',
  publisher: 'Publisher',
  order: 'Position',
  remove: 'Remove',
};

export const AUDIENCE_LABEL: Record<(typeof AUDIENCES)[number], string> = {
  everyone: 'Anyone',
  'it-pro': 'IT staff',
  technician: 'A technician',
};

export const CONFIDENCE_LABEL: Record<(typeof CONFIDENCES)[number], string> = {
  high: 'High — the vendor documents this meaning and fix',
  medium: 'Medium — the meaning is documented; fixes come from established practice',
  low: 'Low — not yet checked against authoritative sources',
};

export const STATUS_LABEL: Record<(typeof STATUSES)[number], string> = {
  draft: 'Draft',
  review: 'In review',
  published: 'Published',
  archived: 'Archived',
};

/** A readable name for a form field name, for the error and warning summaries. */
export function fieldLabel(name: string): string {
  if (name === 'message') return 'Revision message';
  if ((SCALAR_FIELDS as readonly string[]).includes(name)) return SCALAR_LABEL[name as ScalarField];
  const [list, index, key] = name.split('.');
  if (list === undefined || !Object.hasOwn(LIST_TEXT, list)) return name;
  const text = LIST_TEXT[list as ListName];
  if (index === undefined) return text.heading;
  const item = `${text.item} ${Number(index) + 1}`;
  if (key === undefined) return item;
  const label = ITEM_KEY_LABEL[key] ?? key;
  return `${item}, ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}
