import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { CONTENT_DIR, makeApp } from './helpers.ts';

/**
 * Issue 17's examples: codes people meet that once resolved to nothing. Each must resolve to its own
 * entry (or the guide filed under that code) first, on the page, in the API and in the CLI.
 */
const EXAMPLES: ReadonlyArray<{ q: string; symbol: string; code: string; title?: string }> = [
  { q: 'DPC_WATCHDOG_VIOLATION', symbol: 'DPC_WATCHDOG_VIOLATION', code: '0x00000133' },
  { q: '0x00000133', symbol: 'DPC_WATCHDOG_VIOLATION', code: '0x00000133' },
  { q: 'stop code 0x124', symbol: 'WHEA_UNCORRECTABLE_ERROR', code: '0x00000124' },
  { q: 'WHEA_UNCORRECTABLE_ERROR', symbol: 'WHEA_UNCORRECTABLE_ERROR', code: '0x00000124' },
  { q: 'KERNEL_SECURITY_CHECK_FAILURE', symbol: 'KERNEL_SECURITY_CHECK_FAILURE', code: '0x00000139' },
  { q: 'Stop code: 0x139', symbol: 'KERNEL_SECURITY_CHECK_FAILURE', code: '0x00000139' },
  { q: 'bug check 0x116', symbol: 'VIDEO_TDR_FAILURE', code: '0x00000116' },
  { q: 'VIDEO_TDR_FAILURE', symbol: 'VIDEO_TDR_FAILURE', code: '0x00000116' },
  { q: 'CBS_E_SOURCE_MISSING', symbol: 'CBS_E_SOURCE_MISSING', code: '0x800F081F' },
  { q: '0x800F081F', symbol: 'CBS_E_SOURCE_MISSING', code: '0x800F081F' },
  { q: '0xC1900101', symbol: 'MOSETUP_E_SETUP_PLATFORM', code: '0xC1900101' },
  { q: '0xC004F074', symbol: 'SL_E_VL_BINDING_SERVICE_UNAVAILABLE', code: '0xC004F074' },
  { q: 'FVE_E_LOCKED_VOLUME', symbol: 'FVE_E_LOCKED_VOLUME', code: '0x80310000' },
  { q: '0x80310000', symbol: 'FVE_E_LOCKED_VOLUME', code: '0x80310000' },
  { q: 'CR_NO_SUCH_DEVNODE', symbol: 'CR_NO_SUCH_DEVNODE', code: '0x0000000D' },
  { q: 'COR_E_TYPELOAD', symbol: 'COR_E_TYPELOAD', code: '0x80131522' },
  { q: '0x80131522', symbol: 'COR_E_TYPELOAD', code: '0x80131522' },
  { q: 'DXGI_ERROR_DEVICE_REMOVED', symbol: 'DXGI_ERROR_DEVICE_REMOVED', code: '0x887A0005' },
  { q: 'ERR_CONNECTION_REFUSED', symbol: 'ERR_CONNECTION_REFUSED', code: '-102' },
  { q: 'net::ERR_NAME_NOT_RESOLVED', symbol: 'ERR_NAME_NOT_RESOLVED', code: '-105' },
  { q: 'NET::ERR_CERT_DATE_INVALID', symbol: 'ERR_CERT_DATE_INVALID', code: '-201' },
  { q: 'ERR_TOO_MANY_REDIRECTS', symbol: 'ERR_TOO_MANY_REDIRECTS', code: '-310' },
  { q: 'E_HANDLE', symbol: 'E_HANDLE', code: '0x80070006', title: 'Invalid handle' },
  { q: 'ERROR_CRC', symbol: 'ERROR_CRC', code: '23', title: 'Data error (cyclic redundancy check)' },
  { q: 'ER_DUP_ENTRY', symbol: 'ER_DUP_ENTRY', code: '1062' },
  { q: 'SEC_ERROR_UNKNOWN_ISSUER', symbol: 'SEC_ERROR_UNKNOWN_ISSUER', code: '-8179' },
  { q: 'fnfErr', symbol: 'fnfErr', code: '-43' },
  // Words around a number name the family: MySQL's client line, macOS's OSStatus.
  {
    q: "ERROR 1045 (28000): Access denied for user 'app'@'localhost'",
    symbol: 'ER_ACCESS_DENIED_ERROR',
    code: '1045',
  },
  { q: 'mysql error 1062', symbol: 'ER_DUP_ENTRY', code: '1062' },
  { q: 'OSStatus error -43', symbol: 'fnfErr', code: '-43' },
];

interface Match {
  kind: 'guide' | 'reference';
  code: string;
  title: string;
  url: string;
  symbol?: string;
}

const hexValue = (s: string) => (/^0x[0-9a-f]+$/i.test(s) ? Number.parseInt(s, 16) : Number.NaN);
const name = (s: string) => s.toUpperCase().replace(/^NET::/, '');

/** The match is the example's own: its catalog entry, or the guide filed under its code or name. */
function isOwn(match: Match | undefined, ex: (typeof EXAMPLES)[number]): boolean {
  if (!match) return false;
  if (match.kind === 'reference') return match.symbol === ex.symbol;
  const code = match.code;
  return (
    name(code) === name(ex.symbol) ||
    code.toUpperCase() === ex.code.toUpperCase() ||
    (!Number.isNaN(hexValue(code)) && hexValue(code) === hexValue(ex.code))
  );
}

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await makeApp());
});
afterAll(() => app.close());

const get = (url: string) => app.inject({ method: 'GET', url });

describe("issue 17's examples", () => {
  it.each(EXAMPLES)('$q: its own entry first in the API, and the page goes there', async (ex) => {
    const res = await get(`/api/v1/lookup?q=${encodeURIComponent(ex.q)}`);
    expect(res.statusCode).toBe(200);
    const first = (res.json() as { matches: Match[] }).matches[0];
    expect(isOwn(first, ex), JSON.stringify(first)).toBe(true);
    if (first?.kind === 'reference') {
      expect(first.code).toBe(ex.code);
      if (ex.title) expect(first.title).toBe(ex.title);
    }

    // The page goes straight to a clear answer, or lists the answers with this one first.
    const page = await get(`/lookup?q=${encodeURIComponent(ex.q)}`);
    const matches = (res.json() as { matches: Match[] }).matches;
    if (page.statusCode === 302) {
      expect(page.headers.location).toBe(first!.url);
      const target = await get(String(page.headers.location));
      expect(target.statusCode).toBe(200);
      if (first!.kind === 'reference') expect(target.body).toContain(ex.symbol);
    } else {
      expect(page.statusCode).toBe(200);
      const at = page.body.indexOf(`href="${first!.url}"`);
      expect(at).toBeGreaterThan(-1);
      for (const other of matches.slice(1))
        if (other.url !== first!.url) expect(page.body.indexOf(`href="${other.url}"`)).not.toBeLessThan(at);
    }
  });

  it('keep a bare short hex value a Win32 error first, with the stop code next', async () => {
    // "0x133" is also Win32 error 307 written in hex; the lookup ranks that reading first unless the
    // text says it is a stop code (above) or writes all eight digits.
    const res = await get(`/api/v1/lookup?q=0x133`);
    const matches = (res.json() as { matches: Match[] }).matches;
    expect(matches.slice(0, 3).map((m) => m.symbol)).toContain('DPC_WATCHDOG_VIOLATION');
  });

  it('resolve the same way in the CLI', async () => {
    const out: string[] = [];
    const db = join(mkdtempSync(join(tmpdir(), 'errata-examples-')), 'errata.db');
    const code = await runCli(['lookup', '--batch'], {
      out: (l) => out.push(l),
      err: () => undefined,
      stdinLines: async function* () {
        yield* EXAMPLES.map((e) => e.q);
      },
      env: { ERRATA_DB: db, ERRATA_CONTENT: CONTENT_DIR },
    });
    expect(code).toBe(0);
    const firsts = out.map((l) => (JSON.parse(l) as { matches: Match[] }).matches[0]);
    expect(firsts).toHaveLength(EXAMPLES.length);
    const wrong = EXAMPLES.filter((ex, i) => !isOwn(firsts[i], ex)).map(
      (ex, i) => `${ex.q}: ${JSON.stringify(firsts[i])}`,
    );
    expect(wrong).toEqual([]);
  });
});
