import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readQuery } from '../codes/parse.ts';
import { CATALOG_DIR, compileCatalogSnapshot, openSnapshot } from './load.ts';
import { loadCatalogFilesSync } from './files.ts';
import { MemoryIndex } from './memory-index.ts';
import { ReferenceCatalog } from './reference.ts';
import { SnapshotIndex, bufferReader, readHeader, writeSnapshot } from './snapshot.ts';

const memory = new MemoryIndex(loadCatalogFilesSync(CATALOG_DIR, { validate: false }), 'test-version');
const bytes = writeSnapshot(memory, { 'windows.json': 1 });
const fromFiles = new ReferenceCatalog(memory);
const fromSnapshot = () =>
  new ReferenceCatalog(new SnapshotIndex(bufferReader(bytes), readHeader(bufferReader(bytes))!));
const json = (value: unknown) => JSON.stringify(value);

describe('catalog snapshot', () => {
  it('answers every value and every name exactly as the catalog built from the files', () => {
    const snap = fromSnapshot();
    const values = new Set(fromFiles.entries.map((e) => e.value));
    for (const value of values) expect(json(snap.withValue(value))).toBe(json(fromFiles.withValue(value)));
    const names = new Set(fromFiles.entries.filter((e) => e.family !== 'http').map((e) => e.symbol));
    for (const name of names) expect(json(snap.withSymbol(name))).toBe(json(fromFiles.withSymbol(name)));
    expect(snap.withValue(0.5)).toEqual([]);
    expect(snap.withSymbol('NO_SUCH_NAME_ANYWHERE')).toEqual([]);
    expect(snap.version).toBe('test-version');
  });

  it('has the same entries in the same order, addresses, neighbours, parts of names and facilities', () => {
    const snap = fromSnapshot();
    expect(json(snap.entries)).toBe(json(fromFiles.entries));
    fromFiles.entries.forEach((entry, i) => {
      if (i % 97 !== 0) return;
      expect(json(snap.byPath(entry.url))).toBe(json(entry));
      expect(json(snap.neighbours(snap.entries[i]!))).toBe(json(fromFiles.neighbours(entry)));
    });
    for (const part of ['ACCESS_DENIED', 'soapfault', 'timeout', 'ER_DUP', 'cert', 'xyzzy'])
      expect(json(snap.withSymbolPart(part))).toBe(json(fromFiles.withSymbolPart(part)));
    for (const [key] of memory.facilities()) {
      const [family, value] = key.split(':') as ['hresult' | 'ntstatus', string];
      expect(snap.facilityName(family, Number(value))).toBe(fromFiles.facilityName(family, Number(value)));
    }
  });

  it('finds the same hits for the codes people paste', () => {
    const snap = fromSnapshot();
    for (const text of [
      '0x80244007',
      '0xC0000005',
      '5',
      '0x116',
      '-102',
      'ERROR_ACCESS_DENIED',
      '503',
      'ENOENT',
    ])
      for (const reading of readQuery(text))
        expect(json(snap.find(reading))).toBe(json(fromFiles.find(reading)));
  });

  it('hands out one object per entry, before and after all entries are read', () => {
    const snap = fromSnapshot();
    const first = snap.withValue(0x80070005);
    expect(snap.withValue(0x80070005)[0]).toBe(first[0]);
    expect(snap.entries).toContain(first[0]);
    const after = snap.withSymbol('ERROR_FILE_NOT_FOUND')[0]!;
    expect(snap.entries).toContain(after);
  });

  it('refuses bytes that are not a snapshot', () => {
    expect(readHeader(bufferReader(Buffer.from('not a snapshot')))).toBeUndefined();
    expect(readHeader(bufferReader(Buffer.alloc(3)))).toBeUndefined();
    expect(readHeader(bufferReader(bytes.subarray(0, 40)))).toBeUndefined();
  });
});

describe('openSnapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'errata-snapshot-'));
  const data = join(dir, 'catalogs');
  const file = join(dir, 'catalog.snapshot');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fresh = () => {
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data);
    for (const name of readdirSync(CATALOG_DIR)) copyFileSync(join(CATALOG_DIR, name), join(data, name));
    // The files are older than the snapshot, as after a build.
    const past = new Date(Date.now() - 60_000);
    for (const name of readdirSync(data)) utimesSync(join(data, name), past, past);
    compileCatalogSnapshot(file, data);
  };

  it('is used when the catalog files are as it was built from', () => {
    fresh();
    const index = openSnapshot(file, data);
    expect(index).toBeDefined();
    expect(new ReferenceCatalog(index!).withValue(0x80244007).map((e) => e.symbol)).toContain(
      'WU_E_PT_SOAPCLIENT_SOAPFAULT',
    );
  });

  it('is not used when a catalog file changed after it, or has another size, or it is missing or broken', () => {
    fresh();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(data, 'http.json'), later, later);
    expect(openSnapshot(file, data)).toBeUndefined();

    fresh();
    appendFileSync(join(data, 'http.json'), ' ');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(data, 'http.json'), past, past);
    expect(openSnapshot(file, data)).toBeUndefined();

    expect(openSnapshot(join(dir, 'missing.snapshot'), data)).toBeUndefined();
    writeFileSync(join(dir, 'broken.snapshot'), 'ECS1');
    expect(openSnapshot(join(dir, 'broken.snapshot'), data)).toBeUndefined();
  });
});
