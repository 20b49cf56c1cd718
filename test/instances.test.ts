import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/db.ts';
import { Client, errata, ServerProcess } from './processes.ts';

/*
 * Two Errata processes on one PostgreSQL database, as behind a load balancer: what one publishes, the
 * other shows in its pages and search within 2 seconds (both search the one index in the database),
 * and a session made on one is valid on the other. `TEST_DATABASE_URL=postgres://… npm run test:pg`;
 * the database's `public` schema is dropped.
 */
const url = process.env.TEST_DATABASE_URL;
const GUIDE_ID = 'windows-update-0x80244007';
const GUIDE_URL = '/operating-systems/microsoft/windows-update/0x80244007';
const EMAIL = 'publisher@example.org';
const PASSWORD = 'two instances, one database';
/** The longest a change may take to reach the other instance. */
const PROPAGATION_MS = 2000;

/** The addresses the instance's search answers `query` with (none when it fails). */
async function searchUrls(server: ServerProcess, query: string): Promise<string[]> {
  const response = await new Client(server.url).get(`/api/v1/search?q=${encodeURIComponent(query)}`);
  if (response.status !== 200) return [];
  return (response.json() as { results: { url: string }[] }).results.map((r) => r.url);
}

/** Whether the instance's search finds the guide by `word`. */
async function searchFinds(server: ServerProcess, word: string): Promise<boolean> {
  return (await searchUrls(server, word)).includes(GUIDE_URL);
}

if (!url) {
  describe('several instances on postgres', () => {
    it.skip('needs TEST_DATABASE_URL (a PostgreSQL server whose public schema may be emptied)', () => {});
  });
} else {
  describe('two instances on one PostgreSQL database', () => {
    const folder = mkdtempSync(join(tmpdir(), 'errata-instances-'));
    // Content and search index are in PostgreSQL: nothing may be written beside ERRATA_DB.
    const env = { DATABASE_URL: url, ERRATA_DB: join(folder, 'errata.db') };
    let a: ServerProcess | undefined;
    let b: ServerProcess | undefined;

    beforeAll(async () => {
      const handle = await openDatabase({ dbFile: '', databaseUrl: url });
      await sql`drop schema if exists public cascade`.execute(handle.db);
      await sql`create schema public`.execute(handle.db);
      await handle.close();
      const made = await errata(['user', 'add', EMAIL, '--role', 'admin'], env, `${PASSWORD}\n`);
      expect(made.status, made.stderr).toBe(0);
      [a, b] = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      rmSync(folder, { recursive: true, force: true });
    });

    it('search from the index in the database: written once, nothing kept beside ERRATA_DB', async () => {
      // The first searches wait for the catalog's index, which one of the two instances writes.
      const [onA, onB] = await Promise.all([
        searchUrls(a!, 'connection refused'),
        searchUrls(b!, 'connection refused'),
      ]);
      expect(onA.some((u) => u.startsWith('/reference/'))).toBe(true);
      expect(onB).toEqual(onA);
      expect(await searchFinds(b!, 'soap fault')).toBe(true);
      const handle = await openDatabase({ dbFile: '', databaseUrl: url });
      try {
        const state = await sql<{ key: string }>`select key from search_state order by key`.execute(
          handle.db,
        );
        expect(state.rows.map((r) => r.key)).toEqual(['guide-changes', 'guides', 'references']);
        const docs = await sql<{ corpus: number; n: string }>`
          select corpus, count(*) as n from search_docs group by corpus order by corpus`.execute(handle.db);
        expect(docs.rows.map((r) => r.corpus)).toEqual([0, 1]);
        // One copy of each reference entry: the instances did not both write it.
        const urls = await sql<{ n: string; distinct: string }>`
          select count(*) as n, count(distinct url) as distinct from search_docs`.execute(handle.db);
        expect(urls.rows[0]!.n).toBe(urls.rows[0]!.distinct);
      } finally {
        await handle.close();
      }
      expect(readdirSync(folder)).toEqual([]);
    }, 120_000);

    it('shares sign-in: a session made on one instance is valid on the other', async () => {
      const onA = new Client(a!.url);
      await onA.signIn(EMAIL, PASSWORD);
      const me = await onA.at(b!.url).get('/api/v1/admin/me');
      expect(me.status).toBe(200);
      expect((me.json() as { email: string }).email).toBe(EMAIL);
    });

    it(`shows a change published on one instance in the other's pages and search within ${PROPAGATION_MS / 1000} s`, async () => {
      const marker = `quokkaprobe${Date.now().toString(36)}`;
      const reader = new Client(b!.url);
      // The other instance has the page in its cache and the word nowhere in its search index.
      const before = await reader.get(GUIDE_URL);
      expect(before.status).toBe(200);
      expect(before.text).not.toContain(marker);
      expect(await searchFinds(b!, marker)).toBe(false);

      const onA = new Client(a!.url);
      const csrf = await onA.signIn(EMAIL, PASSWORD);
      const copy = (await onA.get(`/api/v1/admin/guides/${GUIDE_ID}`)).json() as {
        guide: { summary: string };
        revision: number;
      };
      const edited = { ...copy.guide, summary: `${copy.guide.summary} Checked by ${marker}.` };
      const write = { 'x-csrf-token': csrf };
      const saved = await onA.request(
        'PUT',
        `/api/v1/admin/guides/${GUIDE_ID}`,
        { guide: edited, expectedRevision: copy.revision },
        write,
      );
      expect(saved.status, saved.text).toBe(200);
      const { revision } = saved.json() as { revision: number };
      const published = await onA.request(
        'POST',
        `/api/v1/admin/guides/${GUIDE_ID}/publish`,
        { expectedRevision: revision },
        write,
      );
      expect(published.status, published.text).toBe(200);
      const publishedAt = Date.now();
      // The instance that published shows it at once.
      expect((await onA.get(GUIDE_URL)).text).toContain(marker);

      let seenAfter: number | undefined;
      while (Date.now() - publishedAt < PROPAGATION_MS + 3000) {
        if ((await reader.get(GUIDE_URL)).text.includes(marker) && (await searchFinds(b!, marker))) {
          seenAfter = Date.now() - publishedAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(seenAfter, 'the other instance never showed the change').toBeDefined();
      expect(seenAfter!).toBeLessThanOrEqual(PROPAGATION_MS);
      // What the other instance found is the database's index: the guide's new word is in it.
      const handle = await openDatabase({ dbFile: '', databaseUrl: url });
      try {
        const found = await sql<{ n: string }>`
          select count(*) as n from search_terms where term = ${marker} and corpus = 0`.execute(handle.db);
        expect(Number(found.rows[0]!.n)).toBeGreaterThan(0);
      } finally {
        await handle.close();
      }
    }, 60_000);
  });
}
