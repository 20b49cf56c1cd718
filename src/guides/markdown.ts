import MarkdownIt from 'markdown-it';

// Inline only: code, emphasis, links. Raw HTML is escaped, unsafe link schemes are refused by markdown-it.
const md = new MarkdownIt('zero', { html: false, linkify: false, typographer: false }).enable([
  'backticks',
  'emphasis',
  'link',
  'escape',
  'entity',
]);

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet('href') ?? '');
  if (/^https?:/i.test(href)) token.attrSet('rel', 'noopener nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Renders the small Markdown subset guides allow into safe inline HTML. */
export function inlineMarkdown(text: string): string {
  return md.renderInline(text);
}

/** The same text without markup, for titles, meta descriptions and JSON-LD. */
export function plainText(text: string): string {
  let out = '';
  for (const token of md.parseInline(text, {})) {
    for (const child of token.children ?? []) {
      if (child.type === 'text' || child.type === 'code_inline') out += child.content;
      else if (child.type === 'softbreak' || child.type === 'hardbreak') out += ' ';
    }
  }
  return out;
}
