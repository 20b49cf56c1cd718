import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../base/config.ts';
import { ReferenceCatalog } from './reference.ts';
import { CATALOG_FILES, loadCatalogFilesSync } from './files.ts';
import { MemoryIndex } from './memory-index.ts';
import { SnapshotIndex, type SourceStamp, fileReader, readHeader, writeSnapshot } from './snapshot.ts';

export const CATALOG_DIR = join(PACKAGE_ROOT, 'data', 'catalogs');

/**
 * The compiled snapshot sits beside the compiled code (dist/catalog.snapshot, written by the build);
 * from the sources this names src/catalog.snapshot, which never exists, so tests and `npm run dev`
 * always build the catalog from its files.
 */
export const SNAPSHOT_FILE = fileURLToPath(new URL('../catalog.snapshot', import.meta.url));

let shared: ReferenceCatalog | undefined;
let version: string | undefined;
let snapshot: SnapshotIndex | null | undefined;

/** A hash of the catalog files' bytes. */
function hashCatalogFiles(dir: string): string {
  const hash = createHash('sha256');
  for (const name of Object.values(CATALOG_FILES)) hash.update(readFileSync(join(dir, name)));
  return hash.digest('hex').slice(0, 16);
}

/** Each catalog file's size: with "not changed since the snapshot was written", what says it still fits. */
function sourceStamp(dir: string): { stamp: SourceStamp; newest: number } {
  const stamp: SourceStamp = {};
  let newest = 0;
  for (const name of Object.values(CATALOG_FILES)) {
    const { size, mtimeMs } = statSync(join(dir, name));
    stamp[name] = size;
    newest = Math.max(newest, mtimeMs);
  }
  return { stamp, newest };
}

/**
 * The snapshot in `file` when it exists and the catalog files in `dir` are as it was built from: the
 * same sizes, none modified after it was written (an edit or a checkout moves a file's time; npm
 * installs every file of a package with one old time, so an installed package keeps its snapshot).
 */
export function openSnapshot(file: string, dir: string): SnapshotIndex | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Kept open while the snapshot is in use: entries are read from it as queries need them.
  const read = fileReader(fd);
  const found = readHeader(read);
  const { stamp, newest } = sourceStamp(dir);
  const fits =
    found !== undefined &&
    newest <= fstatSync(fd).mtimeMs &&
    Object.entries(stamp).every(([name, size]) => found.header.sources[name] === size);
  if (fits) return new SnapshotIndex(read, found);
  closeSync(fd);
  return undefined;
}

function compiledSnapshot(): SnapshotIndex | undefined {
  if (snapshot === undefined) snapshot = openSnapshot(SNAPSHOT_FILE, CATALOG_DIR) ?? null;
  return snapshot ?? undefined;
}

/** The version of the bundled catalogs (a hash of their files), without reading them into an index. */
export function bundledCatalogVersion(): string {
  version ??= compiledSnapshot()?.version ?? hashCatalogFiles(CATALOG_DIR);
  return version;
}

/** The bundled reference catalogs, read and indexed once per process (from the snapshot when it fits). */
export function bundledCatalog(): ReferenceCatalog {
  const compiled = compiledSnapshot();
  shared ??= compiled
    ? new ReferenceCatalog(compiled)
    : new ReferenceCatalog(loadCatalogFilesSync(CATALOG_DIR, { validate: false }), bundledCatalogVersion());
  return shared;
}

/** Which catalog data this process answers from: its version, size, and whether it is the compiled snapshot. */
export function catalogInfo(): { version: string; entries: number; compiled: boolean } {
  const catalog = bundledCatalog();
  return { version: catalog.version, entries: catalog.size, compiled: compiledSnapshot() !== undefined };
}

/** Builds the catalog from its files (validated) and writes the snapshot the compiled code reads. */
export function compileCatalogSnapshot(file: string, dir = CATALOG_DIR): { entries: number; bytes: number } {
  const index = new MemoryIndex(loadCatalogFilesSync(dir), hashCatalogFiles(dir));
  const bytes = writeSnapshot(index, sourceStamp(dir).stamp);
  writeFileSync(file, bytes);
  return { entries: index.entries().length, bytes: bytes.length };
}
