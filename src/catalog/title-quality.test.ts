import { describe, expect, it } from 'vitest';
import { bundledCatalog } from './load.ts';

const squash = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

// Every entry of the bundled catalogs (cheap: titles are derived in microseconds).
describe('reference titles', () => {
  const entries = bundledCatalog().entries;

  it('are never a single word', () => {
    // HTTP reason phrases are the RFC's own ("OK", "Gone") and stay as the standard words them.
    const oneWord = entries
      .filter((e) => e.family !== 'http' && e.title.trim().split(/\s+/).length < 2)
      .map((e) => `${e.family} ${e.symbol}: ${e.title}`);
    expect(oneWord).toEqual([]);
  });

  it('never just echo the symbol', () => {
    // Bug check names are the English words Windows shows on the stop screen, so their spaced-out
    // reading is their title; every other title must explain at least its prefix.
    const echoes = entries
      .filter((e) => e.family !== 'http' && e.family !== 'bugcheck' && squash(e.title) === squash(e.symbol))
      .map((e) => `${e.family} ${e.symbol}: ${e.title}`);
    expect(echoes).toEqual([]);
  });

  it('say where they come from', () => {
    expect(entries.filter((e) => e.family !== 'obd' && !e.titleSource).map((e) => e.url)).toEqual([]);
    const enoent = entries.find((e) => e.symbol === 'ENOENT')!;
    expect(enoent.title).toBe('No such file or directory');
    expect(enoent.titleSource).toMatch(/errno\(3\), Linux man-pages/);
    expect(entries.find((e) => e.symbol === 'EINPROGRESS')!.title).toBe('Operation in progress');
    expect(entries.find((e) => e.symbol === 'E_HANDLE')!.title).toBe('Invalid handle');
  });
});
