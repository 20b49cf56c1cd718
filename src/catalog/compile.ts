/** Build step (scripts/build.js runs it from dist/): compiles the catalog snapshot beside the compiled code. */
import { SNAPSHOT_FILE, compileCatalogSnapshot } from './load.ts';

export function compile(): { file: string; entries: number; bytes: number } {
  return { file: SNAPSHOT_FILE, ...compileCatalogSnapshot(SNAPSHOT_FILE) };
}
