import type { FastifyInstance } from 'fastify';
import { guideUrl } from '../src/guides/schema.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guideToForm } from '../src/admin/guide-form.ts';
import type { Guide } from '../src/guides/schema.ts';
import {
  formBody,
  makeAdminApp,
  makeGuide,
  openEditor,
  PASSWORD,
  TestBrowser,
  type AdminApp,
} from './helpers.ts';

let app: FastifyInstance;
let signedIn: AdminApp['signedIn'];

beforeAll(async () => {
  ({ app, signedIn } = await makeAdminApp());
});
afterAll(() => app.close());

const NEW_GUIDE: Guide = makeGuide({
  id: 'test-widget-0x8024ffff',
  code: '0x8024FFFF',
  category: 'Operating systems',
  brand: 'Microsoft',
  product: 'Windows Update',
  title: 'Windows Update error 0x8024FFFF: an unexpected update error',
  summary: 'Windows Update hit an unexpected error. Microsoft names it `WU_E_UNEXPECTED`.',
  status: 'draft',
});

describe('the editorial journey', () => {
  it('admin creates, previews and submits; a reviewer publishes; the public site and search show it', async () => {
    const admin = await signedIn('admin@example.org');
    const blank = await admin.get('/admin/guides/new');
    expect(blank.statusCode).toBe(200);
    const csrf = TestBrowser.csrf(blank.body);

    const previewed = await admin.post(
      '/admin/guides',
      formBody(guideToForm(NEW_GUIDE), { _csrf: csrf, action: 'preview' }),
    );
    expect(previewed.statusCode).toBe(303);
    const preview = await admin.get(String(previewed.headers.location));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('an unexpected update error');
    expect(preview.body).toContain('has not been published');

    const created = await admin.post(
      '/admin/guides',
      formBody(guideToForm(NEW_GUIDE), { _csrf: csrf, action: 'save' }),
    );
    expect(created.statusCode).toBe(303);
    expect((await app.inject('/operating-systems/microsoft/windows-update/0x8024ffff')).statusCode).toBe(404);

    const { revision, csrf: csrf2 } = await openEditor(admin, NEW_GUIDE.id);
    const submitted = await admin.post(
      `/admin/guides/${NEW_GUIDE.id}`,
      formBody(guideToForm(NEW_GUIDE), { _csrf: csrf2, action: 'submit', expectedRevision: revision }),
    );
    expect(submitted.statusCode).toBe(303);

    const reviewer = await signedIn('reviewer@example.org');
    const list = await reviewer.get('/admin?status=review');
    expect(list.body).toContain(NEW_GUIDE.id);
    const edit = await openEditor(reviewer, NEW_GUIDE.id);
    const published = await reviewer.post(
      `/admin/guides/${NEW_GUIDE.id}`,
      formBody(guideToForm(NEW_GUIDE), {
        _csrf: edit.csrf,
        action: 'publish',
        expectedRevision: edit.revision,
      }),
    );
    expect(published.statusCode).toBe(303);

    const page = await app.inject('/operating-systems/microsoft/windows-update/0x8024ffff');
    expect(page.statusCode).toBe(200);
    const search = (await app.inject('/api/v1/search?q=unexpected%20update%20error')).json();
    expect(search.results.map((r: { url: string }) => r.url)).toContain(
      '/operating-systems/microsoft/windows-update/0x8024ffff',
    );
  });

  it('an edit is diffed, rolled back, and the published text stays live until republished', async () => {
    const reviewer = await signedIn('reviewer@example.org');
    const before = await openEditor(reviewer, NEW_GUIDE.id);
    const changed = {
      ...NEW_GUIDE,
      summary: 'A rewritten summary about `WU_E_UNEXPECTED` and an unexpected failure.',
    };
    const saved = await reviewer.post(
      `/admin/guides/${NEW_GUIDE.id}`,
      formBody(guideToForm(changed), {
        _csrf: before.csrf,
        action: 'save',
        expectedRevision: before.revision,
        message: 'Rewrite',
      }),
    );
    expect(saved.statusCode).toBe(303);
    const live = await app.inject('/operating-systems/microsoft/windows-update/0x8024ffff');
    expect(live.body).toContain('hit an unexpected error');

    const history = await reviewer.get(`/admin/guides/${NEW_GUIDE.id}/history`);
    expect(history.body).toContain('Rewrite');
    const diff = await reviewer.get(
      `/admin/guides/${NEW_GUIDE.id}/diff?a=${before.revision}&b=${before.revision + 1}`,
    );
    expect(diff.body).toContain('<del class="diff-del">');
    expect(diff.body).toContain('<ins class="diff-ins">');

    const restore = await reviewer.post(
      `/admin/guides/${NEW_GUIDE.id}/revisions/${before.revision}/restore`,
      {
        _csrf: TestBrowser.csrf(history.body),
        expectedRevision: before.revision + 1,
      },
    );
    expect(restore.statusCode).toBe(303);
    const after = await openEditor(reviewer, NEW_GUIDE.id);
    expect(after.revision).toBe(before.revision + 2);
    expect(after.page.body).toContain('hit an unexpected error');
  });

  it('refuses to save over a newer revision (409) and keeps the editor text', async () => {
    const editor = await signedIn('editor@example.org');
    const { revision, csrf } = await openEditor(editor, NEW_GUIDE.id);
    const text = {
      ...NEW_GUIDE,
      summary: 'My own unsaved words about `WU_E_UNEXPECTED`, an unexpected failure.',
    };
    const stale = await editor.post(
      `/admin/guides/${NEW_GUIDE.id}`,
      formBody(guideToForm(text), { _csrf: csrf, action: 'save', expectedRevision: revision - 1 }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('My own unsaved words');
    expect(stale.body).toContain('Someone saved this guide');
  });

  it('a reader reports a problem and it arrives in the inbox', async () => {
    const reader = new TestBrowser(app);
    const form = await reader.get(`/guides/${NEW_GUIDE.id}/report`);
    expect(form.statusCode).toBe(200);
    // The guide's title links its public page, not "#".
    expect(form.body).toContain(`<a href="${guideUrl(NEW_GUIDE)}">`);
    expect(form.body).not.toContain('href="#"');
    const sent = await reader.post(`/guides/${NEW_GUIDE.id}/report`, {
      _csrf: TestBrowser.csrf(form.body),
      message: 'Step 2 names the wrong folder <script>alert(1)</script>',
      contact: '',
      website: '',
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Thank you');
    const bot = await reader.post(`/guides/${NEW_GUIDE.id}/report`, {
      _csrf: TestBrowser.csrf(form.body),
      message: 'Buy cheap things at this site right now',
      website: 'http://spam.example',
    });
    expect(bot.body).toContain('Thank you');
    const admin = await signedIn('admin@example.org');
    const inbox = await admin.get('/admin/reports');
    expect(inbox.body).toContain('Step 2 names the wrong folder &lt;script>alert(1)&lt;/script>');
    expect(inbox.body).not.toContain('Buy cheap things');
  });
});

describe('security', () => {
  it('every /admin and /api/v1/admin route refuses a stranger', async () => {
    const open = new Set(['/admin/login', '/api/v1/admin/csrf', '/api/v1/admin/session']);
    const routes = app.routeList
      .filter((r) => /^\/(api\/v1\/)?admin(\/|$)/.test(r.url) && r.method !== 'HEAD')
      .map((r) => ({ method: r.method, url: r.url.replace(/:(\w+)/g, 'x1') }));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      if (open.has(route.url)) continue;
      const res = await app.inject({
        method: route.method as 'GET',
        url: route.url,
        payload: route.method === 'GET' ? undefined : {},
      });
      const refused =
        res.statusCode === 401 ||
        res.statusCode === 403 ||
        (res.statusCode === 302 && String(res.headers.location).startsWith('/admin/login'));
      expect(refused, `${route.method} ${route.url} answered ${res.statusCode}`).toBe(true);
    }
  });

  it('refuses state changes with a missing or wrong CSRF token', async () => {
    const admin = await signedIn('admin@example.org');
    const missing = await admin.post('/admin/users', {
      email: 'x@example.org',
      password: PASSWORD,
      role: 'editor',
    });
    expect(missing.statusCode).toBe(403);
    const wrong = await admin.post('/admin/users', {
      _csrf: 'forged',
      email: 'x@example.org',
      password: PASSWORD,
      role: 'editor',
    });
    expect(wrong.statusCode).toBe(403);
    const api = await admin.json('POST', '/api/v1/admin/guides/x/publish', { expectedRevision: 1 });
    expect(api.statusCode).toBe(403);
  });

  it('answers unknown accounts and wrong passwords alike, and limits attempts per account', async () => {
    const stranger = new TestBrowser(app);
    const unknown = await stranger.signIn('nobody@example.org', PASSWORD);
    const wrong = await stranger.signIn('editor@example.org', 'not the password at all');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const message = (body: string) => /role="alert">([^<]*)</.exec(body)?.[1];
    expect(message(unknown.body)).toBe(message(wrong.body));
    for (let i = 0; i < 5; i++) await stranger.signIn('reviewer@example.org', 'wrong password number ' + i);
    const limited = await stranger.signIn('reviewer@example.org', PASSWORD);
    expect(limited.statusCode).toBe(429);
  });

  it('gives a new session id at every sign-in', async () => {
    const browser = new TestBrowser(app);
    await browser.signIn('admin@example.org', PASSWORD);
    const first = browser.cookies.get('errata_session');
    await browser.signIn('admin@example.org', PASSWORD);
    const second = browser.cookies.get('errata_session');
    expect(first).toBeDefined();
    expect(second).not.toBe(first);
    const old = new TestBrowser(app);
    old.cookies.set('errata_session', first!);
    expect((await old.get('/admin')).statusCode).toBe(302);
  });

  it('enforces roles on the server: an editor can neither publish nor manage users', async () => {
    const editor = await signedIn('editor@example.org');
    expect((await editor.get('/admin/users')).statusCode).toBe(403);
    const { revision, csrf } = await openEditor(editor, NEW_GUIDE.id);
    const publish = await editor.post(
      `/admin/guides/${NEW_GUIDE.id}`,
      formBody(guideToForm(NEW_GUIDE), { _csrf: csrf, action: 'publish', expectedRevision: revision }),
    );
    expect(publish.statusCode).toBe(403);
    const token = (await editor.json('GET', '/api/v1/admin/csrf')).json().token;
    const api = await editor.json(
      'POST',
      `/api/v1/admin/guides/${NEW_GUIDE.id}/publish`,
      { expectedRevision: revision },
      { 'x-csrf-token': token },
    );
    expect(api.statusCode).toBe(403);
  });

  it('renders XSS payloads inert on the public page, the preview, the admin list and the diff', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const admin = await signedIn('admin@example.org');
    const evil = makeGuide({
      id: 'test-evil-0x8024fffe',
      code: '0x8024FFFE',
      category: 'Operating systems',
      brand: 'Microsoft',
      product: 'Windows Update',
      title: `Evil ${payload}`,
      summary: `Summary ${payload} [x](javascript:alert(1))`,
      causes: [payload],
      steps: [{ action: payload, why: payload }],
      status: 'draft',
    });
    const blank = await admin.get('/admin/guides/new');
    const csrf = TestBrowser.csrf(blank.body);
    const pages = [
      await admin.get(
        String(
          (await admin.post('/admin/guides', formBody(guideToForm(evil), { _csrf: csrf, action: 'preview' })))
            .headers.location,
        ),
      ),
      (await admin.post('/admin/guides', formBody(guideToForm(evil), { _csrf: csrf, action: 'save' })),
      await admin.get('/admin')),
    ];
    const edit = await openEditor(admin, evil.id);
    await admin.post(
      `/admin/guides/${evil.id}`,
      formBody(guideToForm({ ...evil, summary: `Changed ${payload}` }), {
        _csrf: edit.csrf,
        action: 'publish',
        expectedRevision: edit.revision,
      }),
    );
    pages.push(await admin.get(`/admin/guides/${evil.id}/diff?a=1&b=2`));
    pages.push(await app.inject('/operating-systems/microsoft/windows-update/0x8024fffe'));
    for (const page of pages) {
      expect(page.statusCode).toBeLessThan(400);
      expect(page.body).not.toContain('<script>alert(1)');
      expect(page.body).not.toContain('<img src=x');
      expect(page.body).not.toContain('href="javascript:');
    }
  });

  it('sends the security headers on admin and public pages', async () => {
    for (const url of ['/admin/login', '/', '/guides/test-widget-0x8024ffff/report']) {
      const res = await app.inject(url);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('evidence for editors', () => {
  it('shows each step with its success rate, Wilson interval and a suggested order', async () => {
    const editor = await signedIn('editor@example.org');
    const res = await editor.get('/admin/guides/windows-update-0x80244007/stats');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('95% interval (Wilson)');
    expect(res.body).toContain('Order the evidence suggests');
  });
});

describe('the admin JSON API', () => {
  interface Operation {
    tags?: string[];
    parameters?: { in: string; name: string; schema?: object }[];
    requestBody?: { content: Record<string, { schema?: object }> };
    responses: Record<string, { content?: Record<string, { schema?: object }> }>;
  }

  it('describes every /api/v1/admin route in OpenAPI: path params, body and answer', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes = app.routeList.filter((r) => r.url.startsWith('/api/v1/admin') && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThanOrEqual(16);
    for (const { method, url } of routes) {
      const name = `${method} ${url}`;
      const operation = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      expect(operation, name).toBeDefined();
      expect(operation!.tags, name).toContain('admin');
      for (const param of url.match(/:\w+/g) ?? []) {
        const described = operation!.parameters?.find((p) => p.in === 'path' && p.name === param.slice(1));
        expect(described?.schema, `${name}: ${param}`).toBeDefined();
      }
      if (method === 'POST' || method === 'PUT') {
        expect(operation!.requestBody?.content['application/json']?.schema, name).toBeDefined();
      }
      const ok = operation!.responses['200'] ?? operation!.responses['201'];
      expect(ok?.content?.['application/json']?.schema, name).toBeDefined();
    }
  });

  it('answers a bad body or parameter with 400 JSON naming the field, and changes nothing', async () => {
    const admin = await signedIn('admin@example.org');
    const token = (await admin.json('GET', '/api/v1/admin/csrf')).json().token;
    const auditSize = async () => (await admin.json('GET', '/api/v1/admin/audit')).json().entries.length;
    const before = await auditSize();
    const guide = `/api/v1/admin/guides/${NEW_GUIDE.id}`;
    const copy = (await admin.json('GET', guide)).json();
    const cases: [method: 'POST' | 'PUT', url: string, body: unknown, field: RegExp][] = [
      ['POST', `${guide}/publish`, { expectedRevision: 'latest' }, /^expectedRevision: /],
      ['POST', `${guide}/publish`, {}, /^expectedRevision: /],
      ['POST', `${guide}/fly`, { expectedRevision: copy.revision }, /^action: /],
      [
        'PUT',
        guide,
        { guide: { ...copy.guide, title: 5 }, expectedRevision: copy.revision },
        /^guide\.title: /,
      ],
      ['PUT', guide, { guide: { ...copy.guide, sources: [] }, expectedRevision: 1 }, /^guide\.sources: /],
      ['POST', '/api/v1/admin/guides', { guide: { id: 'incomplete' } }, /^guide\.\w+: /],
      [
        'POST',
        '/api/v1/admin/users',
        { email: 'new@example.org', password: PASSWORD, role: 'boss' },
        /^role: /,
      ],
      ['POST', '/api/v1/admin/users/abc', { role: 'editor' }, /^id: must be a positive whole number$/],
      ['POST', '/api/v1/admin/users/2', { disabled: 'yes' }, /^disabled: /],
      ['POST', '/api/v1/admin/reports/1', { status: 'lost' }, /^status: /],
      ['POST', '/api/v1/admin/session', { email: 'admin@example.org' }, /^password: /],
    ];
    for (const [method, url, body, field] of cases) {
      const res = await admin.json(method, url, body, { 'x-csrf-token': token });
      const name = `${method} ${url} ${JSON.stringify(body).slice(0, 60)}`;
      expect(res.statusCode, name).toBe(400);
      expect(res.headers['content-type'], name).toMatch(/^application\/json/);
      const { error } = res.json() as { error: { code: string; message: string; details: string[] } };
      expect(error.code, name).toBe('INVALID_REQUEST');
      expect(error.message, name).toMatch(field);
      expect(error.details.length, name).toBeGreaterThan(0);
      expect(res.body, name).not.toMatch(/at \w+ \(|node_modules|ZodError/);
    }
    // A body that is not JSON at all is a 400 as well.
    const garbled = await app.inject({
      method: 'POST',
      url: `${guide}/publish`,
      payload: '{"expectedRevision":',
      headers: {
        cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/json',
        'x-csrf-token': token,
      },
    });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().error.code).toBe('INVALID_REQUEST');
    expect((await admin.json('GET', guide)).json().revision).toBe(copy.revision);
    expect(await auditSize()).toBe(before);
  });

  it('checks the session before the body: a stranger with a bad body gets 401', async () => {
    const stranger = new TestBrowser(app);
    const token = (await stranger.json('GET', '/api/v1/admin/csrf')).json().token;
    const res = await stranger.json(
      'POST',
      `/api/v1/admin/guides/${NEW_GUIDE.id}/publish`,
      { expectedRevision: 'latest' },
      { 'x-csrf-token': token },
    );
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('creates an account and refuses an address that is not one, with the reason', async () => {
    const admin = await signedIn('admin@example.org');
    const token = (await admin.json('GET', '/api/v1/admin/csrf')).json().token;
    const bad = await admin.json(
      'POST',
      '/api/v1/admin/users',
      { email: 'not an address', password: PASSWORD, role: 'editor' },
      { 'x-csrf-token': token },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/email address/);
    const created = await admin.json(
      'POST',
      '/api/v1/admin/users',
      { email: ' Api.Made@Example.org', password: PASSWORD, role: 'editor' },
      { 'x-csrf-token': token },
    );
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'api.made@example.org', role: 'editor', disabled: false });
    const users = (await admin.json('GET', '/api/v1/admin/users')).json().users;
    expect(users.map((u: { email: string }) => u.email)).toContain('api.made@example.org');
  });
});
