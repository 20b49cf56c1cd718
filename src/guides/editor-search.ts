import type { DraftGuide } from './draft.ts';

/**
 * Editors' text search over every guide, whatever its status. The database narrows the rows with a
 * LIKE over the stored JSON (parameterised, wildcards escaped, the same on SQLite and PostgreSQL);
 * `guideMatches` then confirms on the fields editors mean, so a word that only occurs as a JSON key or
 * in a source URL does not match.
 */

/** Longer queries are refused: the scan is linear in the query and in every guide's text. */
export const EDITOR_QUERY_MAX = 100;
/** At most this many guides are listed at once (the whole bundled corpus fits). */
export const EDITOR_LIST_LIMIT = 500;

/** The text an editor typed, trimmed and lower-cased; spaces inside are kept so phrases match. */
export function normaliseEditorQuery(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A LIKE pattern that matches `needle` literally anywhere (escape character: backslash). */
export function containsPattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** How `needle` looks inside a JSON string, so a quote or a backslash in the query still matches. */
export function asJsonText(needle: string): string {
  return JSON.stringify(needle).slice(1, -1);
}

/** The fields a text search looks in: code, title, summary, causes, steps, when to call a pro, FAQ. */
export function searchableText(guide: DraftGuide): string {
  return [
    guide.id,
    guide.code,
    guide.title,
    guide.summary,
    ...guide.causes,
    ...guide.steps.flatMap((s) => [s.action, s.why, ...(s.commands ?? [])]),
    guide.callAPro,
    ...guide.faq.flatMap((f) => [f.question, f.answer]),
  ]
    .join('\n')
    .toLowerCase();
}

/** Whether a guide's editor-visible text contains the normalised query. */
export function guideMatches(guide: DraftGuide, query: string): boolean {
  if (query === '') return true;
  return searchableText(guide).replace(/\s+/g, ' ').includes(query);
}
