import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { bundledCatalog } from '../src/catalog/load.ts';
import { buildSite } from '../src/static/build.ts';
import type { Db } from '../src/store/db.ts';
import { makeApp, ORIGIN } from './helpers.ts';

/*
 * The operators' static hosting, as docs/deploy.md writes it: the export served by a real nginx with
 * the documented server block (its listen, TLS and server_name lines swapped for a local port).
 * Canonical URLs answer 200 without a redirect, missing pages the 404 page with status 404, the search
 * index goes out precompressed, and a page removed since the last build is gone after a rebuild.
 */
const NGINX = spawnSync('nginx', ['-v']).error ? undefined : 'nginx';
const PORT = 4751;
const root = `http://127.0.0.1:${PORT}`;

/** The documented server block (the one under "Static hosting" that names gzip_static). */
async function documentedBlock(site: string): Promise<string> {
  const doc = await readFile(join(PACKAGE_ROOT, 'docs', 'deploy.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Static hosting'));
  const block = [...section.matchAll(/```nginx\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((b) => b.includes('gzip_static'));
  if (!block) throw new Error('docs/deploy.md has no nginx block with gzip_static under Static hosting');
  return block
    .split('\n')
    .filter((line) => !/^\s*(listen|http2|ssl_\w+|server_name)\b/.test(line))
    .join('\n')
    .replace(/^(\s*)root \S+;/m, `$1root ${site};`)
    .replace(/server \{/, `server {\n    listen 127.0.0.1:${PORT};`);
}

function waitForPort(port: number, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > until) reject(new Error(`nginx did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

describe.skipIf(!NGINX)('static export served by nginx with the documented block', () => {
  let app: FastifyInstance;
  let db: Db;
  let folder: string;
  let site: string;
  let nginx: ChildProcess | undefined;

  beforeAll(async () => {
    ({ app, db } = await makeApp());
    folder = await mkdtemp(join(tmpdir(), 'errata-nginx-'));
    // nginx's workers run as another user: the folders above the site must be enterable (docs/deploy.md).
    await chmod(folder, 0o755);
    site = join(folder, 'site');
    await buildSite(app, site, { db, referenceLimit: 80 });
    const prefix = join(folder, 'nginx');
    await mkdir(join(prefix, 'logs'), { recursive: true });
    const mime = existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : '';
    const conf = join(prefix, 'nginx.conf');
    await writeFile(
      conf,
      `pid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log;\nevents {}\nhttp {\n${mime}\naccess_log off;\n` +
        `client_body_temp_path ${prefix}/body;\nproxy_temp_path ${prefix}/proxy;\nfastcgi_temp_path ${prefix}/fcgi;\n` +
        `uwsgi_temp_path ${prefix}/uwsgi;\nscgi_temp_path ${prefix}/scgi;\n${await documentedBlock(site)}\n}\n`,
    );
    const check = spawnSync('nginx', ['-t', '-p', prefix, '-c', conf], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`nginx -t: ${check.stderr}`);
    nginx = spawn('nginx', ['-p', prefix, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
    await waitForPort(PORT);
  }, 120_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await app?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('answers canonical URLs with 200, without redirects, with or without a trailing slash', async () => {
    const sitemap = await (await fetch(`${root}/sitemap.xml`)).text();
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replace(ORIGIN, root));
    expect(urls.length).toBeGreaterThan(20);
    for (const url of [...urls, `${root}/search?q=update`, `${root}/operating-systems/microsoft/`]) {
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toMatch(/^text\/html/);
    }
    const entry = bundledCatalog().entries[10]!;
    expect((await fetch(`${root}${entry.url}`, { redirect: 'manual' })).status).toBe(200);
  });

  it('redirects /browse as the server does and answers missing pages with the 404 page', async () => {
    const browse = await fetch(`${root}/browse`, { redirect: 'manual' });
    expect(browse.status).toBe(301);
    expect(browse.headers.get('location')).toMatch(/\/#browse$/);
    const missing = await fetch(`${root}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page not found');
  });

  it('sends the search index and scripts precompressed to clients that accept gzip', async () => {
    for (const path of ['/search-index.json', '/assets/static-search.js']) {
      const response = await fetch(`${root}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-encoding'), path).toBe('gzip');
    }
    const index = await fetch(`${root}/search-index.json`);
    expect(index.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await index.json()) as { format: number }).format).toBe(2);
  });

  it('no longer serves a page removed from the site after a rebuild', async () => {
    const removed = bundledCatalog().entries[60]!.url;
    expect((await fetch(`${root}${removed}`)).status).toBe(200);
    const result = await buildSite(app, site, { db, referenceLimit: 20 });
    expect(result.replaced).toBe(true);
    expect((await fetch(`${root}${removed}`)).status).toBe(404);
    expect((await fetch(`${root}/`)).status).toBe(200);
  }, 60_000);
});

describe.skipIf(NGINX)('static export served by nginx', () => {
  it.skip('needs nginx on the PATH (apt-get install nginx-light)', () => {});
});
