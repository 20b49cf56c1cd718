import { describe, expect, it } from 'vitest';
import { snippet } from './snippet.ts';

describe('snippet', () => {
  it('marks matched words and escapes everything else', () => {
    expect(snippet('Access <b>denied</b> & more', new Set(['denied']))).toBe(
      'Access &lt;b&gt;<mark>denied</mark>&lt;/b&gt; &amp; more',
    );
  });

  it('shows a window around the first match in long text', () => {
    const text = `${'word '.repeat(100)}catalytic converter ${'tail '.repeat(100)}`;
    const out = snippet(text, new Set(['catalytic']));
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('<mark>catalytic</mark>');
    expect(out.length).toBeLessThan(260);
  });
});
