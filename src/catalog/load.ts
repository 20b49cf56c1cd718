import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config.ts';
import { ReferenceCatalog } from './reference.ts';
import { loadCatalogFilesSync } from './windows-data.ts';

export const CATALOG_DIR = join(PACKAGE_ROOT, 'data', 'catalogs');

let shared: ReferenceCatalog | undefined;

/** The bundled reference catalogs, read and indexed once per process. */
export function bundledCatalog(): ReferenceCatalog {
  shared ??= new ReferenceCatalog(loadCatalogFilesSync(CATALOG_DIR));
  return shared;
}
