import { bundledCatalog } from '../catalog/load.ts';
import { loadConfig } from '../base/config.ts';
import { formatProblem } from '../guides/content-file.ts';
import { exportContent } from '../guides/export.ts';
import { importContent, planImport } from '../guides/import.ts';
import { countBySeverity, formatLintWarning, lintCorpus, type LintWarning } from '../guides/lint.ts';
import { loadContent } from '../guides/load-files.ts';
import { guideUrl, type Guide } from '../guides/schema.ts';
import { storageError } from '../store/faults.ts';
import { listPublished } from '../guides/repository.ts';
import { parse, progressSink, UsageError, whereData, withStore, type CliIo } from './io.ts';
import { progress } from './progress.ts';

// errata list, import, lint and export: the guides as content files.

/** --source-url: an https or http address, or nothing. */
function webAddress(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new UsageError(`--source-url must be an https or http address, not "${value.slice(0, 100)}"`);
  return url.href;
}

/** Imports and exports of at least this many guides (or files) show their progress. */
const PROGRESS_MIN = 200;

function guideSummary(guide: Guide) {
  return {
    id: guide.id,
    code: guide.code,
    title: guide.title,
    category: guide.category,
    brand: guide.brand,
    product: guide.product,
    severity: guide.severity,
    confidence: guide.confidence,
    reviewed: guide.reviewed,
    sources: guide.sources,
    url: guideUrl(guide),
  };
}

export async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  return withStore(io, async ({ db }) => {
    const guides = (await listPublished(db)).map((s) => guideSummary(s.guide));
    if (values.json) io.out(JSON.stringify(guides, null, 2));
    else
      for (const g of guides)
        io.out(`${g.code.padEnd(12)} ${g.severity.padEnd(9)} ${g.brand} ${g.product} — ${g.title}`);
    return 0;
  });
}

export async function importGuides(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string', default: 'yaml' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    'source-url': { type: 'string' },
  });
  const format = values.format;
  if (format !== 'yaml' && format !== 'page-text')
    throw new UsageError(`--format must be yaml or page-text, not "${String(format)}"`);
  if (positionals.length === 0) throw new UsageError('import needs at least one file or directory');
  const sourceUrl = webAddress(values['source-url']);
  // Every import is checked against the catalog: findings are reported, never silently dropped.
  const options = { format, sourceUrl, catalog: bundledCatalog() } as const;
  const reportFindings = (findings: readonly LintWarning[]) => {
    for (const f of findings) io.err(formatLintWarning(f));
  };
  return withStore(io, async ({ db }) => {
    if (values['dry-run']) {
      const plan = await planImport(db, positionals, options);
      if (values.json)
        io.out(
          JSON.stringify(
            { guides: plan.guides, problems: plan.problems.map(formatProblem), findings: plan.findings },
            null,
            2,
          ),
        );
      else {
        for (const g of plan.guides) io.out(`ok ${g.id} (${g.code}, ${g.status})`);
        reportFindings(plan.findings);
      }
      for (const p of plan.problems) io.err(formatProblem(p));
      return plan.problems.length > 0 ? 1 : 0;
    }
    const shown = progress('errata import: writing', 'guides', progressSink(io));
    const result = await importContent(db, positionals, {
      ...options,
      onProgress: (done, total) => {
        if (total >= PROGRESS_MIN) shown.update(done, total);
      },
    });
    shown.end();
    const line = `Imported ${result.guides.length} guide(s): ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged.`;
    if (values.json)
      io.out(
        JSON.stringify({
          guides: result.guides,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
          findings: result.findings,
        }),
      );
    else {
      io.out(line);
      reportFindings(result.findings);
    }
    return 0;
  }).catch((error: unknown) => {
    // The import is one transaction: a storage fault anywhere means nothing was imported.
    throw storageError(error, { ...whereData(io.env), undone: 'nothing was imported' }) ?? error;
  });
}

export async function lint(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string', default: 'yaml' },
    json: { type: 'boolean' },
    'source-url': { type: 'string' },
  });
  const format = values.format;
  if (format !== 'yaml' && format !== 'page-text')
    throw new UsageError(`--format must be yaml or page-text, not "${String(format)}"`);
  const paths = positionals.length > 0 ? positionals : [loadConfig(io.env).contentDir];
  const { guides, problems } = loadContent(
    paths,
    format,
    new Date().toISOString().slice(0, 10),
    webAddress(values['source-url']),
  );
  for (const p of problems) io.err(formatProblem(p));
  const warnings = lintCorpus(guides, bundledCatalog());
  const counts = countBySeverity(warnings);
  if (values.json) {
    io.out(
      JSON.stringify(
        { guides: guides.length, problems: problems.map(formatProblem), warnings, counts },
        null,
        2,
      ),
    );
  } else {
    for (const w of warnings) io.out(formatLintWarning(w));
    io.out(
      `${guides.length} guide(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} note(s).`,
    );
  }
  return problems.length > 0 || counts.error > 0 ? 1 : 0;
}

export async function exportGuides(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { history: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('export needs exactly one folder');
  return withStore(io, async ({ db }) => {
    const shown = {
      checking: progress('errata export: checking', 'guides', progressSink(io)),
      writing: progress('errata export: writing', 'files', progressSink(io)),
    };
    const result = await exportContent(db, positionals[0]!, {
      history: values.history,
      onProgress: (step, done, total) => {
        if (total < PROGRESS_MIN) return;
        shown[step].update(done, total);
        if (done === total) shown[step].end();
      },
    }).finally(() => {
      shown.checking.end();
      shown.writing.end();
    });
    const pending = result.pending > 0 ? ` and ${result.pending} pending edit(s)` : '';
    io.out(`Exported ${result.guides} guide(s)${pending} to ${positionals[0]} (${result.files} file(s)).`);
    if (result.incomplete.length > 0) {
      io.err(
        `Not exported: ${result.incomplete.length} incomplete draft(s), which import would refuse: ${result.incomplete.join(', ')}. Complete them in the editor first.`,
      );
    }
    return 0;
  });
}
