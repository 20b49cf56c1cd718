import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/store/db.ts';
import { normaliseQuery } from '../src/search/text.ts';
import { zeroResults } from '../src/search/log.ts';
import { bundledCatalog } from '../src/catalog/load.ts';
import { makeApp, makeGuide } from './helpers.ts';

const GUIDE = '/operating-systems/microsoft/windows-update/0x80244007';
let app: FastifyInstance;
let db: Db;

beforeAll(async () => {
  ({ app, db } = await makeApp({
    guides: [
      makeGuide({ id: 'test-0x000001f7', code: '0x000001F7', title: 'A Win32 reading of 503' }),
      makeGuide({ id: 'test-draft', code: '0x80070002', status: 'draft', title: 'Unpublished draft' }),
      makeGuide({
        id: 'test-xss',
        code: '0x8007000E',
        title: '<script>alert(1)</script> title',
        summary: 'Text with <b>html</b> and [a link](javascript:alert(1)) and `code`.',
      }),
    ],
  }));
});
afterAll(() => app.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

describe('lookup page', () => {
  it.each([
    '0x80244007',
    '0X80244007',
    '80244007',
    '0x80244007L',
    '-2145107961',
    '2149859335',
    'error 0x80244007',
  ])('redirects %s to the guide', async (q) => {
    const res = await get(`/lookup?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(GUIDE);
  });

  it('shows a choice page when a query has several matches', async () => {
    const res = await get('/lookup?q=503');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('can mean several things');
    expect(res.body).toContain('/test-category/test-brand/test-product/0x000001f7');
  });

  it('answers an unknown exact code with its structure, nearby guides and a search link, never another code', async () => {
    const res = await get('/lookup?q=0x80244ffe');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('0x80244ffe: not in Errata’s catalogs');
    expect(res.body).toContain('FACILITY_WINDOWSUPDATE');
    expect(res.body).toContain('href="/search?q=0x80244ffe"');
    const suggestions = res.body.split('Guides for nearby codes (not this code)')[1] ?? '';
    const links = [...suggestions.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    // Same facility first: Windows Update (0x8024xxxx) guides.
    expect(links[0]).toMatch(/\/0x8024[0-9a-f]{4}$/);
  });

  it.each(['dishwasher E24', 'DNS_PROBE_FINISHED_BAD_CONFIG', 'P9999', 'zzzz'])(
    'answers %s with suggestions from the query, a search link and a recorded zero result',
    async (q) => {
      const res = await get(`/lookup?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain(`href="/search?q=${encodeURIComponent(q)}"`);
      // Not the same Windows guides for everything: only what this query finds.
      if (q !== 'DNS_PROBE_FINISHED_BAD_CONFIG') expect(res.body).not.toContain('/windows-update/');
      expect(res.body).not.toContain('Guides for similar codes');
      const misses = (await zeroResults(db)).map((r) => r.query);
      expect(misses).toContain(normaliseQuery(q));
    },
  );

  it("never offers other families' readings of a device code, not even through search", async () => {
    const res = await get(`/lookup?q=${encodeURIComponent('HP printer error 49')}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("a device maker's own code");
    for (const other of ['PHASE0_INITIALIZATION_FAILED', 'EUNATCH', 'id="structure"'])
      expect(res.body).not.toContain(other);
  });

  it('names the family of each reading on the choice page and says why it is listed', async () => {
    const res = await get('/lookup?q=5');
    expect(res.statusCode).toBe(200);
    for (const family of [
      'Windows system error (Win32)',
      'Linux/POSIX errno',
      'Windows stop code (bug check)',
    ])
      expect(res.body).toContain(family);
    expect(res.body).toContain('Why listed');
  });

  it('answers a browser error with its guide, reached through its Chromium entry', async () => {
    const res = await get(`/lookup?q=${encodeURIComponent('net::ERR_CONNECTION_REFUSED')}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/web/chromium-browsers/error-pages/err-connection-refused');
  });

  it('goes straight to the answer when pasted text is clear', async () => {
    const res = await get(`/lookup?q=${encodeURIComponent('npm ERR! code EACCES')}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/developer-tools/posix/system-errors-errno/eacces');
    const stop = await get(`/lookup?q=${encodeURIComponent('stop code 0x0000007E')}`);
    expect(stop.headers.location).toBe(
      '/operating-systems/microsoft/windows-stop-codes/system-thread-exception-not-handled',
    );
    // With no guide, the answer is the catalog entry itself.
    const entry = await get(`/lookup?q=${encodeURIComponent('Stop code: 0x000000BE')}`);
    expect(entry.headers.location).toBe('/reference/bugcheck/attempted_write_to_readonly_memory');
  });

  it('sends an empty query home', async () => {
    const res = await get('/lookup?q=%20');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
  });

  it('reads pasted text up to 8,192 characters and refuses more with a clear message', async () => {
    const log = `${'2024-01-09 14:22:31, Info CBS Loaded servicing stack v10.0.22621.3007. '.repeat(40)}[HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]`;
    expect(log.length).toBeGreaterThan(2000);
    const read = await get(`/lookup?q=${encodeURIComponent(log)}`);
    expect(read.statusCode).toBe(302);
    expect(read.headers.location).toMatch(/\/0x800f081f$/);
    const res = await get(`/lookup?q=${'a'.repeat(8193)}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The text is 8193 characters long; lookup reads up to 8192.');
  });

  it('shows HTML, SQL and control characters in a query as text', async () => {
    const q = `<script>alert(1)</script>' OR 1=1;--\u0007`;
    const res = await get(`/lookup?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
  });
});

describe('guide page', () => {
  it('renders every section in order with severity, safety, sources, confidence and review date', async () => {
    const res = await get(GUIDE);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const order = [
      'Severity',
      'Safe to keep using?',
      'What does this error mean?',
      'Affected models and versions',
      'Common causes',
      'How to fix it',
      'When to call a professional',
      'Frequently asked questions',
      'Related codes',
      'Sources',
      'Confidence:',
      'Last reviewed:',
    ];
    const positions = order.map((heading) => res.body.indexOf(heading));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(res.body).toContain('<code>WU_E_PT_SOAPCLIENT_SOAPFAULT</code>');
    expect(res.body).toContain('https://learn.microsoft.com/troubleshoot/windows-server/');
  });

  it('carries JSON-LD for the how-to and the FAQ, and a canonical URL', async () => {
    const res = await get(GUIDE);
    const blocks = [...res.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) =>
      JSON.parse(m[1]!),
    );
    expect(blocks.map((b) => b['@type'])).toEqual(['HowTo', 'FAQPage']);
    expect(blocks[0].step.length).toBeGreaterThan(2);
    expect(res.body).toContain(`<link rel="canonical" href="https://errata.test${GUIDE}"/>`);
  });

  it('says when nothing is close and offers what is known: the code read by lookup, browsing', async () => {
    const res = await get('/search?q=xbox+error+0x87e10bef');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Nothing close to “xbox error 0x87e10bef”');
    expect(res.body).toContain('href="/lookup?q=xbox%20error%200x87e10bef"');
    expect(res.body).toContain('href="/browse"');
    expect(res.body).not.toContain('search-results');
  });

  it('prints each command once, in the command block of its step (step 4 on the page and in guided mode)', async () => {
    for (const url of [GUIDE, `${GUIDE}/fix/4`]) {
      const body = (await get(url)).body;
      const step =
        url === GUIDE
          ? (body.split('id="step-4"')[1]?.split('</li>')[0] ?? '')
          : (body.split('<main')[1] ?? '');
      const block = /<pre class="commands"[^>]*><code>([^<]*)<\/code>/.exec(step)?.[1] ?? '';
      expect(block).toContain('net stop wuauserv');
      expect(block).toContain('wuauclt.exe /resetauthorization /detectnow');
      expect(step.split('net stop wuauserv')).toHaveLength(2);
      expect(step.split('/v SusClientId /f')).toHaveLength(2);
      expect(step).toContain('run these commands in order (below)');
    }
  });

  it('answers 304 when the browser has the same version', async () => {
    const first = await get(GUIDE);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get(GUIDE, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('names the catalog entry of a guide filed under a symbol (stop codes, errno, browser errors)', async () => {
    const stop = await get('/operating-systems/microsoft/windows-stop-codes/dpc-watchdog-violation');
    expect(stop.statusCode).toBe(200);
    expect(stop.body).toContain('href="/reference/bugcheck/dpc_watchdog_violation"');
    expect(stop.body).not.toContain('No reference catalog of Errata has this code');
  });

  it('lets browsers and proxies keep public pages for seconds, then revalidate them', async () => {
    const paths = [GUIDE, '/', '/operating-systems', '/reference/hresult/wu_e_pt_soapclient_soapfault'];
    for (const path of paths) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe(
        'public, max-age=0, s-maxage=10, stale-while-revalidate=30',
      );
      expect(res.headers.etag, path).toMatch(/^".+"$/);
      expect(res.headers['set-cookie'], path).toBeUndefined(); // nothing personal in a shared copy
    }
  });

  it('redirects uppercase and other spellings of the code to the canonical URL', async () => {
    const upper = await get('/Operating-Systems/Microsoft/Windows-Update/0x80244007');
    expect(upper.statusCode).toBe(301);
    expect(upper.headers.location).toBe(GUIDE);
    for (const code of ['80244007', '-2145107961', '2149859335']) {
      const res = await get(`/operating-systems/microsoft/windows-update/${code}`);
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(GUIDE);
    }
  });

  it('does not publish drafts', async () => {
    expect((await get('/test-category/test-brand/test-product/0x80070002')).statusCode).toBe(404);
    expect((await get('/api/v1/guides/test-draft')).statusCode).toBe(404);
  });

  it('renders guide text inert: raw HTML escaped, unsafe links not linked', async () => {
    const res = await get('/test-category/test-brand/test-product/0x8007000e');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).not.toContain('<b>html</b>');
    expect(res.body).not.toContain('href="javascript:');
    expect(res.body).toContain('&lt;b>html&lt;/b>');
    expect(res.body).toContain('<code>code</code>');
  });

  it('sends security headers', async () => {
    const res = await get(GUIDE);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('other pages', () => {
  it('home has one search box and browse links', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="q-home"');
    expect(res.body).toContain('href="/operating-systems"');
  });

  it('browses category → brand → product', async () => {
    const category = await get('/operating-systems');
    expect(category.statusCode).toBe(200);
    expect(category.body).toContain('href="/operating-systems/microsoft"');
    const brand = await get('/operating-systems/microsoft');
    expect(brand.body).toContain('href="/operating-systems/microsoft/windows-update"');
    const product = await get('/operating-systems/microsoft/windows-update');
    expect(product.body).toContain(`href="${GUIDE}"`);
  });

  it('answers unknown pages with a 404 page', async () => {
    for (const url of [
      '/no-such-category',
      '/a/b/c/d/e/f',
      '/operating-systems/microsoft/windows-update/0x12345678',
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
    }
  });

  it('serves sitemap.xml, robots.txt, health and assets', async () => {
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.body).toContain(`<loc>https://errata.test${GUIDE}</loc>`);
    expect((await get('/robots.txt')).body).toContain('Sitemap: https://errata.test/sitemap.xml');
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const css = await get('/assets/site.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/assets/nope.css')).statusCode).toBe(404);
  });
});

describe('API v1', () => {
  it.each([
    '0x80244007',
    '0X80244007',
    '80244007',
    '0x80244007L',
    '-2145107961',
    '2149859335',
    'error 0x80244007',
  ])('looks up %s', async (q) => {
    const res = await get(`/api/v1/lookup?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.query).toBe(q);
    expect(body.matches[0]).toMatchObject({ kind: 'guide', code: '0x80244007', url: GUIDE });
  });

  it('answers an empty or over-long query with 400 and a message', async () => {
    const empty = await get('/api/v1/lookup?q=');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('must not be empty'),
    });
    const long = await get(`/api/v1/lookup?q=${'9'.repeat(8193)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toBe('q is 8193 characters long; lookup reads up to 8192');
    const missing = await get('/api/v1/lookup');
    expect(missing.statusCode).toBe(400);
  });

  it('returns a guide by id, and 404 JSON for an unknown one', async () => {
    const res = await get('/api/v1/guides/windows-update-0x80244007');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: '0x80244007', status: 'published', confidence: 'high' });
    const missing = await get('/api/v1/guides/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('GUIDE_NOT_FOUND');
    expect((await get('/api/v1/nothing-here')).json().error.code).toBe('NOT_FOUND');
  });

  it('describes itself in OpenAPI, API routes only', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => !p.startsWith('/api/v1/admin/')).sort()).toEqual([
      '/api/v1/decode',
      '/api/v1/guides/{id}',
      '/api/v1/lookup',
      '/api/v1/search',
      '/api/v1/suggest',
    ]);
    // The admin API is described too (test/admin.test.ts checks each of its routes).
    expect(paths).toContain('/api/v1/admin/guides/{id}');
    expect(paths.every((p) => p.startsWith('/api/v1/'))).toBe(true);
  });
});

describe('reference entries and decoding', () => {
  it('has a page for a catalog entry with structure, provenance, guides and neighbours', async () => {
    const res = await get('/reference/hresult/wu_e_pt_soapclient_soapfault');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<code class="symbol">WU_E_PT_SOAPCLIENT_SOAPFAULT</code>');
    expect(res.body).toContain('FACILITY_WINDOWSUPDATE');
    expect(res.body).toContain('<code>-2145107961</code>');
    expect(res.body).toContain('wuerror.h</code> line');
    expect(res.body).toContain('mingw-w64-common');
    expect(res.body).toContain(`href="${GUIDE}"`);
    expect(res.body).toContain('/reference/hresult/wu_e_pt_soapclient_server');
  });

  it('redirects upper-case reference URLs and answers unknown ones with 404', async () => {
    const upper = await get('/reference/hresult/WU_E_PT_SOAPCLIENT_SOAPFAULT');
    expect(upper.statusCode).toBe(301);
    expect((await get('/reference/hresult/no_such_symbol')).statusCode).toBe(404);
    expect((await get('/reference/obd/p0300')).body).toContain('Powertrain');
  });

  it('explains each family on its own page, linked from every entry of it', async () => {
    const family = await get('/reference/chromium-net');
    expect(family.statusCode).toBe(200);
    expect(family.body).toContain('How to read one');
    expect(family.body).toContain('href="/reference/chromium-net/err_connection_refused"');
    expect((await get('/reference/no-such-family')).statusCode).toBe(404);
    expect((await get('/reference/CmProb')).statusCode).toBe(301);
    const entry = await get('/reference/cmprob/cm_prob_failed_post_start');
    expect(entry.body).toContain('href="/reference/cmprob"');
    expect(entry.body).toContain('<code>43</code>');
  });

  it.each([
    ['choice', '/lookup?q=0'],
    ['decode', '/decode?value=1009'],
    ['search', '/search?q=noerror'],
    ['reference', '/reference/win32/error_baddb'],
    ['family', '/reference/ntstatus'],
  ])('%s page (%s) shows each listed entry with its catalog title', async (_, url) => {
    const byUrl = new Map(bundledCatalog().entries.map((e) => [e.url, e]));
    const body = (await get(url)).body;
    const items = [...body.matchAll(/<li><a href="(\/reference\/[^"]+)">(.*?)<\/li>/g)];
    expect(items.length).toBeGreaterThan(0);
    const wrong = items.flatMap(([, href, item]) => {
      const entry = byUrl.get(href!);
      const text = item!
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&#x27;|&#39;/g, "'");
      return entry && !text.includes(entry.title) ? [`${href}: ${text}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('titles a code that is its own symbol by its meaning: OBD-II structure in words, errno message', async () => {
    const obd = (await get('/reference/obd/p0123')).body;
    expect(obd).toContain(
      '<title>P0123 — Powertrain · generic (SAE) · fuel and air metering | Errata</title>',
    );
    expect(obd).toContain('<h1>Powertrain · generic (SAE) · fuel and air metering</h1>');
    expect(obd).not.toContain('P0123 (P0123)');
    const errno = (await get('/reference/errno/eio')).body;
    expect(errno).toMatch(/<title>EIO — Input\/output error \| Errata<\/title>/);
    expect(errno).not.toContain('EIO (EIO)');
  });

  it.each([
    ['/reference/bugcheck/dpc_watchdog_violation', '0x00000133', 'learn.microsoft.com'],
    ['/reference/bugcheck/whea_uncorrectable_error', '0x00000124', 'Windows SDK'],
    ['/reference/chromium-net/err_cert_date_invalid', '<code>-201</code>', 'BSD-3-Clause'],
    ['/reference/errno/enoent', 'No such file or directory', 'errno(3), Linux man-pages'],
    ['/reference/configret/cr_no_such_devnode', '0x0000000D', 'cfgmgr32.h'],
  ])('%s shows its code and where its data comes from', async (url, code, source) => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(code);
    expect(res.body).toContain(source);
  });

  it('links a Win32 error to the guide for its HRESULT form, and shows other names for the number', async () => {
    const res = await get('/reference/win32/error_access_denied');
    expect(res.body).toContain('0x80070005');
    expect(res.body).toContain('Other names for the same number');
  });

  it('shows the official name on a guide', async () => {
    const res = await get(GUIDE);
    expect(res.body).toContain('href="/reference/hresult/wu_e_pt_soapclient_soapfault"');
    const wrapped = await get('/operating-systems/microsoft/windows-update/0x80070005');
    expect(wrapped.body).toMatch(/E_ACCESSDENIED[\s\S]*wrapping[\s\S]*ERROR_ACCESS_DENIED/);
  });

  it.each([
    ['0x80244007', 'WU_E_PT_SOAPCLIENT_SOAPFAULT'],
    ['-2145107961', 'WU_E_PT_SOAPCLIENT_SOAPFAULT'],
    ['2149859335', 'WU_E_PT_SOAPCLIENT_SOAPFAULT'],
    ['0x80070005', 'ERROR_ACCESS_DENIED'],
    ['0xC0000005', 'STATUS_ACCESS_VIOLATION'],
    ['3221225477', 'STATUS_ACCESS_VIOLATION'],
    ['0xD0000022', 'STATUS_ACCESS_DENIED'],
    ['0x80072EE2', 'ERROR_WINHTTP_TIMEOUT'],
    ['12002', 'ERROR_INTERNET_TIMEOUT'],
    ['0x80244010', 'WU_E_PT_EXCEEDED_MAX_SERVER_TRIPS'],
    ['5', 'ERROR_ACCESS_DENIED'],
    ['0xEF', 'CRITICAL_PROCESS_DIED'],
    ['ENOENT', 'ENOENT'],
    ['soapfault', 'WU_E_PT_SOAPCLIENT_SOAPFAULT'],
  ])('API decode %s finds %s', async (value, symbol) => {
    const res = await get(`/api/v1/decode?value=${encodeURIComponent(value)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().matches.map((m: { symbol?: string }) => m.symbol)).toContain(symbol);
  });

  it.each([
    ['HTTP 503', 'http'],
    ['P0300', 'obd'],
    ['p0420', 'obd'],
    ['ENOENT', 'errno'],
  ])('API lookup %s returns a %s reference', async (q, family) => {
    const body = (await get(`/api/v1/lookup?q=${encodeURIComponent(q)}`)).json();
    expect(
      body.matches.some(
        (m: { kind: string; family?: string }) => m.kind === 'reference' && m.family === family,
      ),
    ).toBe(true);
  });

  it('API decode returns the bit structure and every numeric form', async () => {
    const body = (await get('/api/v1/decode?value=0x80244007')).json();
    expect(body.decoding.forms).toEqual({ hex: '0x80244007', signed: -2145107961, unsigned: 2149859335 });
    expect(body.decoding.hresult).toMatchObject({
      failure: true,
      facility: 36,
      code: 0x4007,
      facilityName: 'FACILITY_WINDOWSUPDATE',
    });
    const ref = body.matches.find((m: { kind: string }) => m.kind === 'reference');
    expect(ref).toMatchObject({
      symbol: 'WU_E_PT_SOAPCLIENT_SOAPFAULT',
      catalog: 'wuerror',
      value: body.decoding.forms,
    });
  });

  it('decode page lists every reading of an ambiguous number', async () => {
    const res = await get('/decode?value=5');
    expect(res.statusCode).toBe(200);
    for (const symbol of ['ERROR_ACCESS_DENIED', 'EIO']) expect(res.body).toContain(symbol);
    expect((await get('/decode')).statusCode).toBe(200);
    expect((await get('/decode?value=zzqqxx')).statusCode).toBe(404);
  });

  it('a bare reference match redirects from lookup; several show the choice page', async () => {
    const one = await get('/lookup?q=0xC000009A');
    expect(one.statusCode).toBe(302);
    expect(one.headers.location).toBe('/reference/ntstatus/status_insufficient_resources');
    const several = await get('/lookup?q=12002');
    expect(several.statusCode).toBe(200);
    expect(several.body).toContain('ERROR_WINHTTP_TIMEOUT');
  });
});

describe('browse pages', () => {
  it('introduce each section and list guides most common first, saying why', async () => {
    const product = await get('/web/http/status-codes');
    expect(product.body).toContain('<p class="lead">');
    expect(product.body).toContain('Guides, most common first');
    expect(product.body).toContain('How this order was chosen');
    const codes = [...product.body.matchAll(/<li><a href="\/web\/http\/status-codes\/(\d+)"/g)].map(
      (m) => m[1],
    );
    expect(codes[0]).toBe('404');
    expect((await get('/vehicles')).body).toContain('<p class="lead">');
  });
});

describe('search', () => {
  it('renders results with facets and highlights, without JavaScript', async () => {
    const res = await get('/search?q=catalitic%20convertor');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/vehicles/obd-ii/powertrain/p0420');
    expect(res.body).toContain('<mark>');
    expect(res.body).toContain('aria-label="Filter results"');
    const filtered = await get('/search?q=update&kind=guide');
    expect(filtered.body).toContain('aria-current="true"');
  });

  it('keeps operators and markup in queries inert', async () => {
    for (const q of ['update AND (proxy', '<img src=x onerror=alert(1)>', '*', '"']) {
      const res = await get(`/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).not.toContain('<img src=x');
    }
  });

  it('answers the API with results, facets and paging', async () => {
    const res = await get('/api/v1/search?q=access%20denied&kind=guide&page=1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results[0]).toMatchObject({
      kind: 'guide',
      url: '/operating-systems/microsoft/windows-update/0x80070005',
    });
    expect(body.facets.kind.guide).toBeGreaterThan(0);
    expect(typeof body.results[0].score).toBe('number');
  });

  it('refuses over-long queries and bad filters with 400', async () => {
    expect((await get(`/api/v1/search?q=${'a'.repeat(201)}`)).statusCode).toBe(400);
    expect((await get('/api/v1/search?q=a&kind=nope')).statusCode).toBe(400);
    expect((await get('/api/v1/search?q=a&page=0')).statusCode).toBe(400);
    expect((await get(`/search?q=${'a'.repeat(201)}`)).statusCode).toBe(400);
  });

  it('suggests as you type', async () => {
    const body = (await get('/api/v1/suggest?q=0x8024400')).json();
    expect(body.suggestions.length).toBeGreaterThan(0);
    const soap = (await get('/api/v1/suggest?q=soap%20fault')).json();
    expect(soap.suggestions[0].url).toBe(GUIDE);
  });

  it('sends words without a code from lookup to search', async () => {
    const res = await get('/lookup?q=catalytic%20converter');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/search?q=catalytic%20converter');
  });
});
