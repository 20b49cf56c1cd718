import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseGuideYaml, type ContentProblem } from './content-file.ts';
import { parsePageText } from './page-text.ts';
import { guideUrl, type Guide } from './schema.ts';
import { expandPaths, type ContentFormat } from './paths.ts';

export { expandPaths, SECTIONS_FILE, type ContentFormat } from './paths.ts';

export interface LoadedContent {
  guides: Guide[];
  /** Pending edits of published guides (`<id>.pending.yaml`, written by errata export). */
  pending: Guide[];
  /** The file of each pending edit, in the same order. */
  pendingFiles: string[];
  problems: ContentProblem[];
}

/** A file holding the pending edit of a published guide rather than a guide of its own. */
export const isPendingFile = (file: string): boolean => /\.pending\.ya?ml$/i.test(file);

/**
 * Reads and validates content files without touching storage. Problems from every file are collected
 * so one run shows them all; a batch with any problem must not be imported.
 */
export function loadContent(
  paths: readonly string[],
  format: ContentFormat,
  today: string,
  /** For page text: the web address it was copied from, cited as the draft's source. */
  sourceUrl?: string,
): LoadedContent {
  const { files, problems } = expandPaths(paths, format);
  const guides: Guide[] = [];
  const guideFiles: string[] = [];
  const pending: Guide[] = [];
  const pendingFiles: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({
        file,
        line: 0,
        field: '',
        message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      });
      continue;
    }
    if (text.includes('\u0000')) {
      problems.push({ file, line: 1, field: '', message: 'this is a binary file, not a text content file' });
      continue;
    }
    const result =
      format === 'yaml'
        ? parseGuideYaml(text, file)
        : parsePageText(text, { file: basename(file), sourceUrl, today });
    if (!result.ok) problems.push(...result.problems.map((p) => ({ ...p, file })));
    else if (format === 'yaml' && isPendingFile(file)) {
      pending.push(result.guide);
      pendingFiles.push(file);
    } else {
      guides.push(result.guide);
      guideFiles.push(file);
    }
  }
  problems.push(...duplicateProblems(guides, guideFiles));
  const byId = new Map(guides.map((g) => [g.id, g]));
  const seen = new Set<string>();
  pending.forEach((edit, i) => {
    const file = pendingFiles[i]!;
    const problem = (field: string, message: string) => problems.push({ file, line: 1, field, message });
    if (edit.status === 'published')
      problem('status', 'a pending edit is not published: use draft or review');
    const base = byId.get(edit.id);
    if (base && base.status !== 'published')
      problem('id', `"${edit.id}" is not published in this batch, so it has no pending edit`);
    if (seen.has(edit.id)) problem('id', `"${edit.id}" has more than one pending edit`);
    seen.add(edit.id);
  });
  return { guides, pending, pendingFiles, problems };
}

function duplicateProblems(guides: readonly Guide[], files: readonly string[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seenIds = new Map<string, string>();
  const seenUrls = new Map<string, string>();
  guides.forEach((guide, i) => {
    const file = files[i]!;
    const url = guideUrl(guide);
    const sameId = seenIds.get(guide.id);
    const sameUrl = seenUrls.get(url);
    if (sameId !== undefined) {
      problems.push({ file, line: 1, field: 'id', message: `"${guide.id}" is already the id of ${sameId}` });
    } else if (sameUrl !== undefined) {
      problems.push({ file, line: 1, field: 'code', message: `${sameUrl} already has the address ${url}` });
    }
    seenIds.set(guide.id, file);
    seenUrls.set(url, file);
  });
  return problems;
}
