/**
 * A title shown beside its code in a list ("<code>EIO</code> Input/output error"): lists print the code
 * first, so a title that repeats it ("EIO: Input/output error", "Windows Update error 0x80244007 — …",
 * "P0299 (P0299)") would show it twice. One function for every list: pages, suggestions, the static
 * search.
 */

const SEPARATORS = /^[\s:—–-]+/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The first of `titles` that says more than the code, without its repetitions of the code; the last
 * title unchanged when none does.
 */
export function titleBesideCode(code: string, ...titles: (string | undefined)[]): string {
  const given = titles.filter((t): t is string => Boolean(t?.trim()));
  for (const title of given) {
    const text = stripCode(code, title);
    if (text !== undefined) return text;
  }
  return given.at(-1) ?? '';
}

function stripCode(code: string, title: string): string | undefined {
  const trimmedCode = code.trim();
  if (!trimmedCode) return title;
  const c = escapeRegExp(trimmedCode);
  // The code as a whole word: not inside a longer code or name.
  const word = (pattern: string) => new RegExp(`(?<![\\w*])${pattern}(?![\\w*])`, 'giu');
  let text = title
    // "(0xC000007B)" — a bracket holding only the code.
    .replace(new RegExp(`\\s*\\(\\s*${c}\\s*\\)`, 'giu'), '');
  // Leading code and its separator ("EIO: …", "ECONNREFUSED — …", "404 Not Found").
  text = text.replace(new RegExp(`^\\s*${c}(?![\\w*])`, 'iu'), '').replace(SEPARATORS, '');
  // What it was filed under, repeated ("Windows Update error 0x80244007 — …"): unless inside brackets
  // with other words, where it names the family ("(ERR_CONNECTION_* and others)").
  text = text.replace(word(c), (match, offset: number, whole: string) =>
    insideBracketsWithWords(whole, offset, match.length) ? match : ' ',
  );
  // A code echoed at the end ("EIO EIO"), and leftovers: "( )", doubled spaces, a space before
  // punctuation, a leading bracketed value becomes plain ("(0x0000000A) — …" → "0x0000000A — …").
  text = text
    .replace(/\(\s*\)/g, ' ')
    .replace(/\s+([,.;:)])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim()
    .replace(/^\(([^()]+)\)(?=\s)/, '$1')
    .replace(/\s+[—–-]\s*$/, '')
    .trim();
  return /[\p{L}\p{N}]/u.test(text) ? text : undefined;
}

function insideBracketsWithWords(text: string, offset: number, length: number): boolean {
  const open = text.lastIndexOf('(', offset);
  const close = text.indexOf(')', offset + length);
  if (open === -1 || close === -1 || text.lastIndexOf(')', offset) > open) return false;
  const rest = (text.slice(open + 1, offset) + text.slice(offset + length, close)).trim();
  return rest.length > 0;
}
