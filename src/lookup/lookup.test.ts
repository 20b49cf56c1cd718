import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, makeGuide } from '../../test/helpers.ts';
import { bundledCatalog } from '../catalog/load.ts';
import { loadContent } from '../guides/load-files.ts';
import type { Guide } from '../guides/schema.ts';
import { lookup, memoryGuides } from './lookup.ts';

const catalog = bundledCatalog();
const { guides: bundled } = loadContent([CONTENT_DIR], 'yaml', '2026-01-01');
const run = (query: string, extra: Guide[] = []) =>
  lookup(memoryGuides([...bundled, ...extra]), catalog, query);

describe('lookup reads what people paste (the examples that went wrong)', () => {
  it('npm ERR! code EACCES answers EACCES, never names matched through ERR', async () => {
    const result = await run('npm ERR! code EACCES');
    // The bundled EACCES guide first, then its errno entry.
    expect(result.matches[0]).toMatchObject({ kind: 'guide', code: 'EACCES' });
    expect(result.matches.find((m) => m.kind === 'reference')).toMatchObject({
      symbol: 'EACCES',
      familyName: 'Linux/POSIX errno',
    });
    expect(result.matches.map((m) => m.symbol)).not.toContain('NOERROR');
    expect(result.matches.some((m) => /ERROR_/.test(m.symbol ?? ''))).toBe(false);
    expect(result.clear).toBe(true);
  });

  it('HP printer error 49 is a device code no catalog has, not a bug check or an errno', async () => {
    const result = await run('HP printer error 49');
    expect(result.matches).toEqual([]);
    expect(result.unknown).toMatchObject({ code: '49', family: 'device' });
    const all = [...result.matches, ...result.others].map((m) => m.symbol);
    expect(all).not.toContain('PHASE0_INITIALIZATION_FAILED');
    expect(all).not.toContain('EUNATCH');
  });

  it('a CBS line longer than 200 characters keeps the code at its end; the time is not a code', async () => {
    const line =
      "2024-01-09 07:51:29, Info                  CBS    Failed to resolve package 'Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.3007.1.6' while processing session 31029583_1003862066 [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]";
    expect(line.length).toBeGreaterThan(200);
    const result = await run(line);
    expect(result.matches[0]).toMatchObject({ kind: 'guide', code: '0x800F081F' });
    expect(result.candidates.map((c) => c.key)).not.toContain('num:51');
    expect(result.candidates.map((c) => c.key)).not.toContain('num:29');
  });

  it('HTTP Error 502.3 - Bad Gateway answers the 502 guide, not readings of 50', async () => {
    const result = await run('HTTP Error 502.3 - Bad Gateway');
    expect(result.matches[0]).toMatchObject({ kind: 'guide', code: '502' });
    expect(result.matches.some((m) => m.value?.unsigned === 50)).toBe(false);
  });

  it.each([
    ['502 Bad Gateway', '502'],
    ['503 Service Unavailable', '503'],
    ['404 not found', '404'],
    ['HTTP Error 503. The service is unavailable.', '503'],
    ['413 Request Entity Too Large', '413'],
  ])('%s reads as that HTTP status', async (query, status) => {
    const first = (await run(query)).matches[0]!;
    expect(first.code).toBe(status);
    expect(first.familyName).toBe('HTTP status');
  });

  it('stop code 0x0000007E answers the bug check first, not ERROR_MOD_NOT_FOUND', async () => {
    const result = await run('stop code 0x0000007E');
    // The bundled stop-code guide, reached through the bug check entry, then the entry itself.
    expect(result.matches[0]).toMatchObject({ kind: 'guide', code: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED' });
    expect(result.matches.find((m) => m.kind === 'reference')).toMatchObject({
      symbol: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED',
      family: 'bugcheck',
    });
    expect(result.clear).toBe(true);
  });

  it('0xC004F074 answers its own guide and never NS_E_WMX_PLAYLIST_EMPTY', async () => {
    const result = await run('0xC004F074');
    expect(result.matches[0]).toMatchObject({ kind: 'guide', code: '0xC004F074' });
    const all = [...result.matches, ...result.others].map((m) => m.symbol);
    expect(all).not.toContain('NS_E_WMX_PLAYLIST_EMPTY');
  });

  it('a code in no catalog and no guide (0xC004F0FE) is decoded; near codes are only others', async () => {
    const result = await run('0xC004F0FE');
    expect(result.matches).toEqual([]);
    expect(result.unknown).toMatchObject({ code: '0xC004F0FE', key: `num:${0xc004f0fe}` });
    expect(result.unknown?.decoded?.hresult).toMatchObject({ failure: true, facility: 4, code: 0xf0fe });
    expect(result.others.every((m) => m.relation === 'near')).toBe(true);
  });

  it('COR_E_FILENOTFOUND is never answered with NS_E_WMPCORE_FILE_NOT_FOUND through a partial name', async () => {
    const result = await run('COR_E_FILENOTFOUND');
    const first = result.matches[0];
    // Either its own entry (0x80070002, with the newer catalogs) or an unknown code, never another one.
    if (first) expect(first.value?.hex ?? first.code).toBe('0x80070002');
    else expect(result.unknown).toMatchObject({ key: 'sym:COR_E_FILENOTFOUND' });
    const all = [...result.matches, ...result.others].map((m) => m.symbol);
    expect(all).not.toContain('NS_E_WMPCORE_FILE_NOT_FOUND');
  });

  it.each(['WHEA_UNCORRECTABLE_ERROR', 'NET::ERR_CERT_DATE_INVALID'])(
    '%s never lands on a Windows Update guide',
    async (query) => {
      const result = await run(query);
      expect(result.matches.some((m) => m.product === 'Windows Update')).toBe(false);
      expect(result.matches.length > 0 || result.unknown !== undefined).toBe(true);
    },
  );

  it('NET::ERR_CERT_DATE_INVALID is read as a browser error', async () => {
    const result = await run('NET::ERR_CERT_DATE_INVALID');
    const about = result.matches[0]?.familyName ?? result.unknown?.familyName;
    expect(about).toBe('Chrome/Edge network error');
  });

  it('5 lists every reading, each named by family and saying why', async () => {
    const result = await run('5');
    expect(result.clear).toBe(false);
    const families = result.matches.map((m) => m.familyName);
    expect(families).toEqual(
      expect.arrayContaining([
        'Windows system error (Win32)',
        'Linux/POSIX errno',
        'Windows stop code (bug check)',
      ]),
    );
    expect(result.matches.every((m) => (m.why ?? '') !== '')).toBe(true);
  });
});

describe('lookup bridges guides through exact catalog entries only', () => {
  it('a symbol finds the guide filed under its value', async () => {
    const result = await run('WU_E_PT_SOAPCLIENT_SOAPFAULT');
    expect(result.matches[0]).toMatchObject({ kind: 'guide', code: '0x80244007' });
  });

  it('a stop code finds the guide filed under the bug check name', async () => {
    const guide = makeGuide({
      id: 'bsod-7e',
      code: 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED',
      title: 'Stop 0x7E',
    });
    // The fixture stands in for the bundled guide filed under the same name.
    const others = bundled.filter((g) => g.code !== guide.code);
    const runWith = (query: string) => lookup(memoryGuides([...others, guide]), catalog, query);
    for (const query of [
      'stop code 0x0000007E',
      'Stop code: SYSTEM_THREAD_EXCEPTION_NOT_HANDLED',
      'BugCheck 7E, {0}',
    ]) {
      expect((await runWith(query)).matches[0]).toMatchObject({ kind: 'guide', id: 'bsod-7e' });
    }
  });

  it('a name fragment lists the entries but never bridges to a guide', async () => {
    const result = await run('soapfault');
    expect(result.matches[0]).toMatchObject({ kind: 'reference', symbol: 'WU_E_PT_SOAPCLIENT_SOAPFAULT' });
    expect(result.matches.some((m) => m.kind === 'guide')).toBe(false);
  });

  it('an exact code is never answered by a guide for another value', async () => {
    const result = await run('0x80244ffe');
    expect(result.matches).toEqual([]);
    expect(result.unknown?.familyName).toBe('Windows error value (HRESULT)');
  });
});

describe('lookup of text without a code', () => {
  it.each(['zzzz', 'cp: cannot create regular file: Permission denied'])(
    '%s has no answer and no unknown code',
    async (q) => {
      const result = await run(q);
      expect(result.matches).toEqual([]);
      expect(result.unknown).toBeUndefined();
    },
  );
});
