import { plainText } from '../guides/markdown.ts';

/**
 * A short heading for a guided step: its first sentence in plain text, cut at a word before `max`
 * characters (with an ellipsis). The whole step text follows the heading on the page.
 */
export function stepTitle(action: string, max = 80): string {
  const text = plainText(action).replace(/\s+/g, ' ').trim();
  const sentence = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (sentence.length <= max) return sentence.replace(/\.$/, '');
  const cut = sentence.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
