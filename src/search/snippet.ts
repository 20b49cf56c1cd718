import { fold, stem, tokenize } from './text.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * A short window of text around the first matched word, HTML-escaped, with every matched word in
 * <mark>. `matched` holds index terms (folded); a word matches when its folded form is one of them.
 */
export function snippet(text: string, matched: ReadonlySet<string>, width = 180): string {
  if (text === '') return '';
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const isHit = (w: string) => matched.has(fold(w)) || matched.has(stem(fold(w)));
  const first = words.find((m) => isHit(m[0]));
  let start = 0;
  if (first && first.index > width / 3) {
    start = text.lastIndexOf(' ', first.index - Math.floor(width / 3)) + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), start + 1);
  const slice = text.slice(start, end);
  let out = '';
  let last = 0;
  for (const m of slice.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!isHit(m[0])) continue;
    out += escapeHtml(slice.slice(last, m.index)) + `<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  out += escapeHtml(slice.slice(last));
  return `${start > 0 ? '…' : ''}${out}${end < text.length ? '…' : ''}`;
}

/** Folded words of a text, for matching highlight terms. */
export function foldedWords(text: string): string[] {
  return tokenize(text).map(fold);
}
