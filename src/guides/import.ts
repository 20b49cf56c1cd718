import type { ReferenceCatalog } from '../catalog/reference.ts';
import { AppError } from '../base/errors.ts';
import { lintGuide, type LintWarning } from './lint.ts';
import type { Db } from '../store/db.ts';
import { publishedById, saveGuides, type GuideOrigin, type SaveSummary } from './repository.ts';
import { formatProblem, type ContentProblem } from './content-file.ts';
import { loadContent, type ContentFormat } from './load-files.ts';
import type { Guide } from './schema.ts';

export interface ImportOptions {
  format: ContentFormat;
  today?: string;
  /** Page text: the web address it was copied from. */
  sourceUrl?: string;
  /** With a catalog, each guide is checked against it and the lint rules (findings, never blocking). */
  catalog?: ReferenceCatalog;
  /** bundle: the content that ships with Errata; it updates only guides nobody has changed since. */
  origin?: GuideOrigin;
  /** Told while the transaction writes: guides done of guides to write. */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportPlan {
  /** The consistency check (errata lint) of every guide and pending edit in the batch. */
  findings: LintWarning[];
  guides: Guide[];
  /** Pending edits of published guides, stored beside them. */
  pending: Guide[];
  problems: ContentProblem[];
}

/** Reads, validates and checks a batch against storage, writing nothing. */
export async function planImport(
  db: Db,
  paths: readonly string[],
  options: ImportOptions,
): Promise<ImportPlan> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const { guides, pending, pendingFiles, problems } = loadContent(
    paths,
    options.format,
    today,
    options.sourceUrl,
  );
  const inBatch = new Set(guides.map((g) => g.id));
  for (const [i, edit] of pending.entries()) {
    if (!inBatch.has(edit.id) && !(await publishedById(db, edit.id))) {
      problems.push({
        file: pendingFiles[i]!,
        line: 1,
        field: 'id',
        message: `no published guide "${edit.id}" for this pending edit`,
      });
    }
  }
  if (options.format === 'page-text') {
    // Imported page text is unchecked: it never replaces a published guide.
    for (const guide of guides) {
      if (await publishedById(db, guide.id)) {
        problems.push({
          file: guide.sources[0]?.title ?? guide.id,
          line: 1,
          field: 'id',
          message: `a published guide "${guide.id}" exists; imported page text never replaces it`,
        });
      }
    }
  }
  const findings = options.catalog
    ? [...guides, ...pending].flatMap((g) => lintGuide(g, options.catalog!))
    : [];
  return { guides, pending, problems, findings };
}

/** Imports a batch in one transaction; any problem anywhere means nothing is written. */
export async function importContent(
  db: Db,
  paths: readonly string[],
  options: ImportOptions,
): Promise<SaveSummary & { guides: Guide[]; findings: LintWarning[] }> {
  const plan = await planImport(db, paths, options);
  if (plan.problems.length > 0) {
    throw new AppError(
      'CONTENT_INVALID',
      `Nothing was imported: ${plan.problems.length} problem${plan.problems.length === 1 ? '' : 's'} found.`,
      plan.problems.map(formatProblem),
    );
  }
  if (plan.guides.length === 0 && plan.pending.length === 0) {
    throw new AppError('CONTENT_INVALID', `Nothing was imported: no ${options.format} files were found.`);
  }
  const summary = await saveGuides(db, plan.guides, {
    pending: plan.pending,
    origin: options.origin ?? 'import',
    onProgress: options.onProgress,
  });
  return { ...summary, guides: plan.guides, findings: plan.findings };
}
