/// <reference lib="dom" />
/**
 * The static site's search page script (bundled by build.ts into assets/static-search.js). Reads ?q=,
 * loads search-index.json beside the site root and lists text matches, ranked as the server ranks them.
 * Links in the index are site paths (/a/b); they are prefixed with the site's base, found from this
 * script's own address (<base>assets/static-search.js).
 */
import { titleBesideCode } from '../codes/list-title.ts';
import { loadIndex, textSearch, type StaticIndexFile } from './search-core.ts';

const LIMIT = 50;

function el(tag: string, className?: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function run(): void {
  const script = document.querySelector<HTMLScriptElement>('script[data-static-search]');
  const base = script ? new URL('../', script.src).href : new URL('/', window.location.href).href;
  const page = (path: string) => new URL(path.replace(/^\//, '') + (path === '/' ? '' : '/'), base).href;
  const query = (new URLSearchParams(window.location.search).get('q') ?? '').trim().slice(0, 200);
  const hits = document.querySelector('.hits');
  const heading = document.querySelector('main h1');
  document.querySelectorAll<HTMLInputElement>('form.search input[name="q"]').forEach((input) => {
    input.value = query;
  });
  if (!hits || query === '') return;
  document.title = `${query} — search | Errata`;
  if (heading) heading.textContent = `Results for “${query}”`;
  const status = el('p', 'hint', 'Searching…');
  status.setAttribute('role', 'status');
  hits.replaceChildren(status);
  fetch(new URL('search-index.json', base).href)
    .then((response) => {
      if (!response.ok) throw new Error(`search index: ${response.status}`);
      return response.json() as Promise<StaticIndexFile>;
    })
    .then((file) => textSearch(loadIndex(file), query))
    .then((results) => {
      if (results.length === 0) {
        const empty = el('div', 'empty');
        empty.append(
          el(
            'p',
            undefined,
            `Nothing close to “${query}”. Try fewer words, the code alone, or the exact message.`,
          ),
        );
        hits.replaceChildren(empty);
        return;
      }
      status.textContent =
        `${results.length} result${results.length === 1 ? '' : 's'}` +
        (results.length > LIMIT ? ` · showing the first ${LIMIT}` : '');
      const list = el('ol', 'results search-results');
      for (const r of results.slice(0, LIMIT)) {
        const item = el('li');
        const link = el('a') as HTMLAnchorElement;
        link.href = page(r.url);
        link.append(
          el('code', undefined, r.code),
          ' ',
          el('span', undefined, titleBesideCode(r.code, r.title)),
        );
        const meta = el(
          'span',
          'meta',
          (r.kind === 'guide' ? `Guide · ${r.brand} ${r.product}` : `Reference · ${r.product}`) +
            (r.severity ? ` · ${r.severity}` : ''),
        );
        item.append(link, meta);
        if (r.kind === 'guide' && r.summary) item.append(el('p', 'snippet', r.summary));
        list.append(item);
      }
      hits.replaceChildren(status, list);
    })
    .catch(() => {
      status.textContent = 'Search is unavailable: the index could not be loaded.';
    });
}

run();
