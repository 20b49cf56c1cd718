import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../base/config.ts';
import { ReferenceCatalog } from './reference.ts';
import { CATALOG_FILES, loadCatalogFilesSync } from './files.ts';

export const CATALOG_DIR = join(PACKAGE_ROOT, 'data', 'catalogs');

let shared: ReferenceCatalog | undefined;
let version: string | undefined;

/** The version of the bundled catalogs (a hash of their files), without reading them into an index. */
export function bundledCatalogVersion(): string {
  if (!version) {
    const hash = createHash('sha256');
    for (const name of Object.values(CATALOG_FILES)) hash.update(readFileSync(join(CATALOG_DIR, name)));
    version = hash.digest('hex').slice(0, 16);
  }
  return version;
}

/** The bundled reference catalogs, read and indexed once per process. */
export function bundledCatalog(): ReferenceCatalog {
  shared ??= new ReferenceCatalog(
    loadCatalogFilesSync(CATALOG_DIR, { validate: false }),
    bundledCatalogVersion(),
  );
  return shared;
}
