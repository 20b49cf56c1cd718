/**
 * Page budgets, checked through inject() without a browser: every guide page's HTML ≤ 30 KB, the
 * stylesheet ≤ 15 KB, no render-blocking script (every <script src> is defer/async or a module; no inline
 * executable script, JSON-LD data is fine), and images and fonts either absent or sized.
 * KB here is 1,024 bytes; sizes are of the uncompressed bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { makeApp } from './helpers.ts';

const KB = 1024;
const BUDGET = { guideHtml: 30 * KB, css: 15 * KB } as const;

/** Script types a browser does not execute: data blocks. */
const DATA_SCRIPT = /^(application\/ld\+json|application\/json|text\/template|text\/plain)$/i;

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const re = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const m of tag.replace(/^<\w+/, '').replace(/\/?>$/, '').matchAll(re)) {
    found.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return found;
}

/** Every way an HTML page breaks the rules above; empty when it keeps them. */
function pageProblems(html: string, budget = Infinity): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(html);
  if (bytes > budget) problems.push(`HTML is ${bytes} bytes, over the ${budget}-byte budget`);
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)) {
    const open = /^<script\b[^>]*>/i.exec(m[0])![0];
    const attrs = attributes(open);
    const type = attrs.get('type') ?? '';
    if (attrs.has('src')) {
      if (!attrs.has('defer') && !attrs.has('async') && type.toLowerCase() !== 'module')
        problems.push(`render-blocking script: ${open}`);
    } else if (!DATA_SCRIPT.test(type) && m[1]!.trim() !== '') {
      problems.push(`inline executable script: ${open}${m[1]!.slice(0, 60)}`);
    }
  }
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html.replace(/<script\b[\s\S]*?<\/script>/gi, '')))
    problems.push('inline event handler attribute (on…=) runs script');
  for (const m of html.matchAll(/<img\b[^>]*>/gi)) {
    const attrs = attributes(m[0]);
    if (!attrs.has('width') || !attrs.has('height')) problems.push(`image without width and height: ${m[0]}`);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(m[0]);
    if (attrs.get('as') === 'font' || /\.(woff2?|ttf|otf)(\?|$)/i.test(attrs.get('href') ?? ''))
      problems.push(`web font loaded: ${m[0]}`);
  }
  return problems;
}

/** Stylesheet problems: over budget, fonts without font-display, imports that chain requests. */
function cssProblems(css: string, budget = BUDGET.css): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(css);
  if (bytes > budget) problems.push(`CSS is ${bytes} bytes, over the ${budget}-byte budget`);
  if (/@import\b/i.test(css)) problems.push('@import chains a render-blocking request');
  for (const m of css.matchAll(/@font-face\s*{[^}]*}/gi))
    if (!/font-display\s*:\s*(swap|optional|fallback)/i.test(m[0]))
      problems.push(`@font-face without font-display: ${m[0].slice(0, 80)}`);
  return problems;
}

describe('budget checks themselves', () => {
  it('fail when a budget is exceeded or a script blocks rendering', () => {
    expect(pageProblems('x'.repeat(BUDGET.guideHtml + 1), BUDGET.guideHtml)).toHaveLength(1);
    expect(pageProblems('<script src="/a.js"></script>')).toHaveLength(1);
    expect(pageProblems('<script>alert(1)</script>')).toHaveLength(1);
    expect(pageProblems('<button onclick="go()">x</button>')).toHaveLength(1);
    expect(pageProblems('<img src="/a.png" alt="">')).toHaveLength(1);
    expect(pageProblems('<link rel="preload" as="font" href="/f.woff2">')).toHaveLength(1);
    expect(cssProblems('a{}'.repeat(BUDGET.css))).toHaveLength(1);
    expect(cssProblems('@font-face{font-family:x;src:url(x.woff2)}')).toHaveLength(1);
    // What is allowed.
    expect(
      pageProblems(
        '<script src="/a.js" defer></script><script type="module" src="/m.js"></script>' +
          '<script type="application/ld+json">{"@type":"Thing"}</script><img src="/a.png" width="1" height="1" alt="">',
      ),
    ).toEqual([]);
  });
});

describe('page budgets (uncompressed)', () => {
  let app: FastifyInstance;
  let guidePaths: string[] = [];

  beforeAll(async () => {
    ({ app } = await makeApp());
    const sitemap = (await app.inject('/sitemap.xml')).body;
    // Guide pages are the sitemap entries with a lastmod, four segments deep.
    guidePaths = [...sitemap.matchAll(/<loc>https?:\/\/[^/]+(\/[^<]*)<\/loc><lastmod>/g)]
      .map((m) => m[1]!)
      .filter((path) => path.split('/').length === 5);
  });
  afterAll(async () => {
    await app?.close();
  });

  it(`every guide page is at most ${BUDGET.guideHtml / KB} KB of HTML with no render-blocking script`, async () => {
    expect(guidePaths.length).toBeGreaterThan(10);
    const problems: string[] = [];
    let largest = { path: '', bytes: 0 };
    for (const path of guidePaths) {
      const res = await app.inject(path);
      expect(res.statusCode, path).toBe(200);
      const bytes = Buffer.byteLength(res.body);
      if (bytes > largest.bytes) largest = { path, bytes };
      problems.push(...pageProblems(res.body, BUDGET.guideHtml).map((p) => `${path}: ${p}`));
    }
    expect(problems).toEqual([]);
    expect(largest.bytes).toBeLessThanOrEqual(BUDGET.guideHtml);
  });

  it('the other page types load no render-blocking script, unsized image or web font', async () => {
    const guide = guidePaths[0]!;
    const paths = [
      '/',
      '/search?q=catalitic+convertor',
      '/lookup?q=12002',
      '/reference/win32/error_internet_timeout',
      `${guide}/fix/1`,
      '/operating-systems',
      '/no-such-page',
    ];
    const problems: string[] = [];
    for (const path of paths) {
      const res = await app.inject(path);
      expect(res.headers['content-type'], path).toMatch(/text\/html/);
      problems.push(...pageProblems(res.body).map((p) => `${path}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it(`the stylesheet is at most ${BUDGET.css / KB} KB, as a file and as served`, async () => {
    const file = readFileSync(join(PACKAGE_ROOT, 'public', 'site.css'), 'utf8');
    expect(cssProblems(file)).toEqual([]);
    const served = await app.inject({ url: '/assets/site.css', headers: { 'accept-encoding': 'identity' } });
    expect(served.statusCode).toBe(200);
    expect(cssProblems(served.body)).toEqual([]);
  });
});
