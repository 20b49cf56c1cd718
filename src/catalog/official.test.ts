import { describe, expect, it } from 'vitest';
import { bundledCatalog } from './load.ts';
import { officialEntries } from './official.ts';

const catalog = bundledCatalog();
const named = (code: string) =>
  officialEntries(catalog, code).map((h) => `${h.entry.family} ${h.entry.symbol} ${h.relation}`);

describe('officialEntries', () => {
  it('names a value and what it carries, from the defining catalogs only', () => {
    // DE_E_ACCESS_DENIED, DSERR_ACCESSDENIED… share the value in other headers: not its official names.
    expect(named('0x80070005')).toEqual([
      'hresult E_ACCESSDENIED exact',
      'win32 ERROR_ACCESS_DENIED win32-in-hresult',
    ]);
    expect(named('0xD0000022')).toEqual(['ntstatus STATUS_ACCESS_DENIED ntstatus-in-hresult']);
    expect(named('0xC0000022')).toEqual(['ntstatus STATUS_ACCESS_DENIED exact']);
    expect(named('0x80244007')).toEqual(['hresult WU_E_PT_SOAPCLIENT_SOAPFAULT exact']);
  });

  it('reads HTTP statuses and symbols as such, and never a partial name', () => {
    expect(named('503')).toEqual(['http Service Unavailable exact']);
    expect(named('ERROR_ACCESS_DENIED')).toEqual(['win32 ERROR_ACCESS_DENIED symbol']);
    expect(named('ENOENT')).toEqual(['errno ENOENT symbol']);
    expect(named('ACCESS_DENIED')).toEqual([]);
  });

  it('reads a bare number as a Windows value, never an errno', () => {
    expect(named('5').every((n) => !n.startsWith('errno') && !n.startsWith('http'))).toBe(true);
    expect(named('5')).toContain('win32 ERROR_ACCESS_DENIED exact');
  });

  it('gives an OBD-II code its computed entry, and nothing to family patterns or text that is no code', () => {
    expect(named('P0300')).toEqual(['obd P0300 exact']);
    expect(named('0x8024xxxx')).toEqual([]);
    expect(named('not a code')).toEqual([]);
  });

  it('lists each entry once', () => {
    const keys = officialEntries(catalog, '0x80070005').map((h) => `${h.entry.family}/${h.entry.symbol}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
