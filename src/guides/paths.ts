// Which files hold content: cheap (no parsing), so start-up can fingerprint the bundle without the importer.
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ContentProblem } from './content-file.ts';

export type ContentFormat = 'yaml' | 'page-text';

/** content/sections.yaml describes categories, brands and products; it is not a guide. */
export const SECTIONS_FILE = 'sections.yaml';

const EXTENSIONS: Record<ContentFormat, string[]> = { yaml: ['.yaml', '.yml'], 'page-text': ['.txt'] };

/** Files named directly, plus every file of the format's extensions below named directories, sorted. */
export function expandPaths(
  paths: readonly string[],
  format: ContentFormat,
): { files: string[]; problems: ContentProblem[] } {
  const files: string[] = [];
  const problems: ContentProblem[] = [];
  const walk = (dir: string) => {
    // Plain code-unit order: localeCompare would set up a collator on every start.
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const full = join(dir, entry.name);
      if (entry.name.startsWith('.')) continue; // .history and other hidden folders are not guides
      if (entry.isDirectory()) walk(full);
      else if (entry.name === SECTIONS_FILE) continue;
      else if (EXTENSIONS[format].includes(extname(entry.name).toLowerCase())) files.push(full);
    }
  };
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      problems.push({ file: path, line: 0, field: '', message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) walk(path);
    else files.push(path);
  }
  return { files, problems };
}
