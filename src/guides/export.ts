import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { AppError } from '../base/errors.ts';
import type { Db } from '../store/db.ts';
import { fieldPath, guideToYaml, parseGuideYaml } from './content-file.ts';
import { allRevisionRows, guideCopyRows, hasRevisionsTable } from './repository.ts';
import { guidePath, guideSchema, type Guide } from './schema.ts';
import { draftGuideSchema } from './draft.ts';

export interface ExportOptions {
  /**
   * Also write each guide's stored revisions to `<dir>/.history/<id>.yaml`. History export comes with
   * the `revisions` table: in a database without it this option writes nothing extra (no `.history`
   * folder either). See {@link historyFiles}.
   */
  history?: boolean;
  /** Told after each guide is checked and after each file is written, with the step's total. */
  onProgress?: (step: 'checking' | 'writing', done: number, total: number) => void;
}

export interface ExportSummary {
  /** Files in the export: one per guide, plus history files. */
  files: number;
  guides: number;
  /** Pending edits of published guides, written beside them as `<id>.pending.yaml`. */
  pending: number;
  /**
   * Ids of incomplete drafts (draft.ts; an unpublished or archived one too), left out: `errata import`
   * takes complete guides only. Their revisions still go into the history files.
   */
  incomplete: string[];
}

/** Folder name, inside the export directory, of the history files. */
export const HISTORY_DIR = '.history';

/**
 * Every stored guide whatever its status (published, draft, review, archived), ordered by id. Throws
 * when a stored guide no longer matches the guide schema, naming the guide and the field.
 */
export async function listAllGuides(db: Db): Promise<Guide[]> {
  return (await listStoredCopies(db)).guides;
}

/**
 * Every stored guide (as the public sees it, or its only copy) and every pending edit of a published
 * guide (the working copy waiting beside it), both ordered by id.
 */
export async function listStoredCopies(
  db: Db,
): Promise<{ guides: Guide[]; pending: Guide[]; incomplete: string[] }> {
  const rows = await guideCopyRows(db);
  const guides: Guide[] = [];
  const pending: Guide[] = [];
  const incomplete: string[] = [];
  const problems: string[] = [];
  const read = (id: string, text: string, into: Guide[], label: string) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      problems.push(`${label}[${id}]: the stored data is not JSON`);
      return;
    }
    const result = guideSchema.safeParse(value);
    if (result.success) into.push(result.data);
    else if (draftGuideSchema.safeParse(value).success) incomplete.push(id);
    else {
      for (const issue of result.error.issues) {
        const field = fieldPath(issue.path);
        problems.push(`${label}[${id}]: ${field ? `${field}: ` : ''}${issue.message}`);
      }
    }
  };
  for (const row of rows) {
    read(row.id, row.data, guides, 'guides');
    if (row.draft !== null) read(row.id, row.draft, pending, 'pending edit');
  }
  if (problems.length > 0) {
    throw new AppError(
      'CONTENT_INVALID',
      `Stored guides do not match the guide schema: ${problems.length} problem${problems.length === 1 ? '' : 's'}.`,
      problems,
    );
  }
  return { guides, pending, incomplete };
}

/** Where a guide goes in an export, relative to its directory: `<category-slug>/<id>.yaml`. */
export function exportPath(guide: Pick<Guide, 'id' | 'category' | 'brand' | 'product' | 'code'>): string {
  // A category of letters slugify drops entirely (such as "日本語") still gets a folder of its own.
  return join(guidePath(guide).category || 'uncategorized', `${guide.id}.yaml`);
}

/** Where a published guide's pending edit goes: beside it, as `<category-slug>/<id>.pending.yaml`. */
export function pendingExportPath(
  guide: Pick<Guide, 'id' | 'category' | 'brand' | 'product' | 'code'>,
): string {
  return exportPath(guide).replace(/\.yaml$/, PENDING_SUFFIX);
}

/** The file name ending that marks a pending edit for `errata import`. */
export const PENDING_SUFFIX = '.pending.yaml';

export { hasRevisionsTable };

interface ExportFile {
  /** Relative to the export directory. */
  path: string;
  text: string;
}

/** One entry of a history file: a stored revision and the guide as it was. */
export interface HistoryEntry {
  number: number;
  status: string;
  author: string;
  message: string;
  createdAt: string;
  /** The guide as stored in that revision (in field order when it still matches the schema). */
  guide: unknown;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The `.history/<id>.yaml` files: for every guide id with stored revisions (deleted guides included),
 * a YAML list of its revisions, oldest first. Without a `revisions` table there is no history and no
 * file. The files depend only on what is stored, but importing does not restore history, so they are
 * not part of the export → import → export round trip.
 */
async function historyFiles(db: Db): Promise<ExportFile[]> {
  if (!(await hasRevisionsTable(db))) return [];
  const rows = await allRevisionRows(db);
  const byGuide = new Map<string, HistoryEntry[]>();
  const problems: string[] = [];
  for (const row of rows) {
    if (!SLUG.test(row.guide_id)) {
      problems.push(`revisions[${row.guide_id}#${row.number}]: the guide id is not a slug`);
      continue;
    }
    let guide: unknown;
    try {
      guide = JSON.parse(row.data);
    } catch {
      problems.push(`revisions[${row.guide_id}#${row.number}]: the stored data is not JSON`);
      continue;
    }
    // Old revisions may predate today's schema: kept as stored, in schema field order when they fit.
    const parsed = guideSchema.safeParse(guide);
    const entries = byGuide.get(row.guide_id) ?? [];
    entries.push({
      number: Number(row.number),
      status: row.status,
      author: row.author,
      message: row.message,
      createdAt: row.created_at,
      guide: parsed.success ? parsed.data : guide,
    });
    byGuide.set(row.guide_id, entries);
  }
  if (problems.length > 0) throw new AppError('CONTENT_INVALID', 'Nothing was exported.', problems);
  return [...byGuide].map(([id, entries]) => ({
    path: join(HISTORY_DIR, `${id}.yaml`),
    text: withTrailingNewline(
      stringify(entries, { lineWidth: 100, defaultStringType: 'PLAIN', singleQuote: true }),
    ),
  }));
}

/**
 * Writes every stored guide as the YAML file `errata import` reads, to `<dir>/<category-slug>/<id>.yaml`.
 * The output depends only on the stored guides (sorted, stable field order, no timestamps), so export,
 * import into an empty database and export again gives byte-identical files. Every file is checked to
 * read back to its guide before anything is written; each is written to a temporary name and renamed,
 * and a file that already holds the same text is left untouched. Files already in `dir` that are not
 * part of this export are left alone.
 */
export async function exportContent(
  db: Db,
  dir: string,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const { guides, pending, incomplete } = await listStoredCopies(db);
  const published = new Map(guides.map((g) => [g.id, g]));
  const files: ExportFile[] = [];
  const problems: string[] = [];
  const copies = [
    ...guides.map((guide) => ({ guide, path: exportPath(guide) })),
    // Beside the published guide, so a changed category does not split the pair.
    ...pending.map((guide) => ({ guide, path: pendingExportPath(published.get(guide.id) ?? guide) })),
  ];
  for (const [i, { guide, path }] of copies.entries()) {
    options.onProgress?.('checking', i, copies.length);
    const text = withTrailingNewline(guideToYaml(guide));
    const back = parseGuideYaml(text, path);
    if (!back.ok || !isDeepStrictEqual(back.guide, guide)) {
      problems.push(`${path}: the YAML written for "${guide.id}" does not read back to the same guide`);
      continue;
    }
    files.push({ path, text });
  }
  if (problems.length > 0) {
    throw new AppError('CONTENT_INVALID', 'Nothing was exported.', problems);
  }
  if (options.history) files.push(...(await historyFiles(db)));

  options.onProgress?.('checking', copies.length, copies.length);
  for (const [i, file] of files.entries()) {
    options.onProgress?.('writing', i, files.length);
    await writeFileAtomic(join(dir, file.path), file.text);
  }
  options.onProgress?.('writing', files.length, files.length);
  return { files: files.length, guides: guides.length, pending: pending.length, incomplete };
}

function withTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Writes through a temporary name in the same folder and renames; unchanged files are not rewritten. */
async function writeFileAtomic(file: string, text: string): Promise<void> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing === text) return;
  await mkdir(dirname(file), { recursive: true });
  // `.tmp` is not an extension `errata import` reads, so a leftover never becomes a guide.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
