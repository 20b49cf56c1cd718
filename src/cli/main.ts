import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { decodeJson, lookupJson } from '../api/v1.ts';
import { FAMILY_LABEL } from '../catalog/reference.ts';
import { decodeQuery } from '../lookup/decode.ts';
import { loadConfig } from '../config.ts';
import { AppError, checkLookupText, checkQuery, MAX_LOOKUP_LENGTH } from '../errors.ts';
import { formatProblem } from '../guides/content-file.ts';
import { importContent, planImport } from '../guides/import.ts';
import { countBySeverity, formatLintWarning, lintCorpus } from '../guides/lint.ts';
import { loadContent } from '../guides/load-files.ts';
import { guideUrl, type Guide } from '../guides/schema.ts';
import { bundledCatalog } from '../catalog/load.ts';
import { lookup, storeGuides } from '../lookup/lookup.ts';
import { audit, createUser, ROLES, type Role } from '../admin/auth.ts';
import { exportContent } from '../guides/export.ts';
import { SearchService, snapshotPath } from '../search/service.ts';
import { zeroResults } from '../store/search-log.ts';
import { listPublished, publishedById } from '../store/guides.ts';
import { storageError, storageLocation, type StorageLocation } from '../store/faults.ts';
import { openStore, type Store } from '../store/open.ts';
import { backupSqlite } from '../store/backup.ts';

const USAGE = `Usage: errata <command> [options]

Commands:
  lookup <text>            Find guides for a code, a name or pasted text (up to 8,192 characters);
                           "lookup -" reads the text from stdin
      --json               Print JSON (same shape as GET /api/v1/lookup)
      --batch              Read one query per line from stdin; print one JSON object per line
  decode <value> [--json]  Every reading of a value and its bit structure
  search <text>            Search guides and reference entries (same JSON as GET /api/v1/search)
      --json, --batch      as for lookup; --page <n>, --kind <guide|reference>
  report zero-results      Searches that found nothing, most frequent first [--json]
  show <code|id> --json    Print a published guide
  list [--json]            List published guides
  import <file|dir>...     Validate and load content files in one transaction
      --format <f>         yaml (default) or page-text
      --dry-run            Validate and print what would be imported; write nothing
      --json               Print JSON: { "guides": [...] }
  lint [file|dir]...       Check guides against the reference catalog (default: the bundled content)
      --format <f>         yaml (default) or page-text
      --json               Print JSON: { "warnings": [...], "counts": {...} }
  export <dir>             Write every guide (all statuses) as YAML files import reads
      --history            Also write each guide's revisions under <dir>/.history
  backup <file>            Copy the SQLite database (ERRATA_DB) while the server runs; PostgreSQL: pg_dump
  user add <email> --role <editor|reviewer|admin>
                           Create an account; the password is read from stdin (or typed at a prompt)
  build-site <dir>         Write the public site as static files [--base-url URL] [--relative]
  serve                    Start the web server (PORT, HOST)

Environment: ERRATA_DB (SQLite file, default ./var/errata.db), DATABASE_URL (PostgreSQL instead:
postgres://… or pglite://memory), PORT, HOST, PUBLIC_URL.`;

class UsageError extends Error {}

type Out = (line: string) => void;

export interface CliIo {
  out: Out;
  err: Out;
  stdinLines: () => AsyncIterable<string>;
  env: NodeJS.ProcessEnv;
  /** Asks for a password without echoing it, when a person is at a terminal. */
  promptPassword?: (question: string) => Promise<string>;
}

const NEGATIVE = '\u0000-';

function parse<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    // Negative numbers are codes (-2145107961), not options.
    const masked = args.map((a) => (/^-\d/.test(a) ? `${NEGATIVE}${a.slice(1)}` : a));
    const parsed = parseArgs({ args: masked, options, allowPositionals: true, strict: true });
    const positionals = parsed.positionals.map((p) =>
      p.startsWith(NEGATIVE) ? `-${p.slice(NEGATIVE.length)}` : p,
    );
    return { values: parsed.values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function withStore<T>(io: CliIo, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig(io.env));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

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

const commands: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  async lookup(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, batch: { type: 'boolean' } });
    return withStore(io, async ({ db }) => {
      if (values.batch) {
        if (positionals.length > 0)
          throw new UsageError('--batch reads queries from stdin; give no text argument');
        for await (const line of io.stdinLines()) {
          try {
            const query = checkLookupText(line);
            io.out(
              JSON.stringify(
                query === ''
                  ? { query, matches: [] }
                  : lookupJson(await lookup(storeGuides(db), bundledCatalog(), query)),
              ),
            );
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            io.out(
              JSON.stringify({
                query: line.slice(0, 200),
                matches: [],
                error: { code: error.code, message: error.message },
              }),
            );
          }
        }
        return 0;
      }
      let text = positionals.join(' ');
      if (positionals.length === 1 && positionals[0] === '-') {
        // A pasted excerpt of several lines, read whole from stdin.
        const lines: string[] = [];
        let length = 0;
        for await (const line of io.stdinLines()) {
          lines.push(line);
          length += line.length + 1;
          if (length > MAX_LOOKUP_LENGTH + 1) break;
        }
        text = lines.join('\n');
      }
      const query = checkLookupText(text);
      if (query === '') throw new UsageError('lookup needs a code, a name or a log line');
      const result = lookupJson(await lookup(storeGuides(db), bundledCatalog(), query));
      if (values.json) {
        io.out(JSON.stringify(result, null, 2));
      } else if (result.matches.length === 0) {
        const unknown = result.unknown;
        io.err(
          unknown
            ? `${unknown.code} is a code no catalog or guide of Errata has (read as ${unknown.reading}; ${unknown.familyName}).`
            : `No code found in "${query.length > 60 ? `${query.slice(0, 60)}…` : query}".`,
        );
        for (const m of result.others.slice(0, 5))
          io.err(`  other code: ${m.code.padEnd(12)} ${m.symbol ?? m.title}  (${m.why ?? m.reading})`);
      } else {
        for (const m of result.matches)
          io.out(
            `${m.kind.padEnd(9)} ${m.code.padEnd(12)} ${m.title}\n          ${m.familyName ? `${m.familyName} · ` : ''}${m.url}`,
          );
      }
      return result.matches.length > 0 ? 0 : 1;
    });
  },

  async decode(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } });
    const query = checkQuery(positionals.join(' '));
    if (query === '') throw new UsageError('decode needs a value, such as 0x80070005');
    return withStore(io, async ({ db }) => {
      const result = await decodeQuery(storeGuides(db), bundledCatalog(), query);
      if (values.json) {
        io.out(JSON.stringify(decodeJson(result), null, 2));
      } else {
        const d = result.decoding;
        if (d) {
          io.out(`${d.forms.hex}  signed ${d.forms.signed}  unsigned ${d.forms.unsigned}`);
          const h = d.hresult;
          io.out(
            `HRESULT: S=${+h.failure} R=${+h.reserved} C=${+h.customer} N=${+h.ntMapped} X=${+h.reservedX} facility ${h.extendedFacility}${h.facilityName ? ` (${h.facilityName})` : ''} code 0x${h.code.toString(16).toUpperCase()}`,
          );
          if (d.win32 !== undefined) io.out(`HRESULT_FROM_WIN32 of Win32 error ${d.win32}`);
          if (d.ntMapped) io.out(`carries NTSTATUS 0x${d.ntMapped.value.toString(16).toUpperCase()}`);
        }
        if (result.obd) io.out(`${result.obd.code}: ${result.obd.systemName}; ${result.obd.controlNote}`);
        for (const m of result.matches) {
          const label = m.kind === 'guide' ? 'guide' : FAMILY_LABEL[m.family as keyof typeof FAMILY_LABEL];
          io.out(`${m.code.padEnd(12)} ${(m.symbol ?? m.title).padEnd(40)} ${label} · ${m.reading}`);
        }
      }
      return result.matches.length > 0 || result.decoding ? 0 : 1;
    });
  },

  async search(args, io) {
    const { values, positionals } = parse(args, {
      json: { type: 'boolean' },
      batch: { type: 'boolean' },
      page: { type: 'string', default: '1' },
      kind: { type: 'string' },
    });
    const page = Number(values.page);
    if (!Number.isInteger(page) || page < 1 || page > 1000)
      throw new UsageError('--page must be a whole number from 1 to 1000');
    const kind = values.kind;
    if (kind !== undefined && kind !== 'guide' && kind !== 'reference')
      throw new UsageError('--kind must be guide or reference');
    const filters = kind ? { kind } : {};
    const config = loadConfig(io.env);
    return withStore(io, async ({ db }) => {
      const search = await SearchService.open(
        db,
        bundledCatalog(),
        snapshotPath(config.dbFile, bundledCatalog()),
      );
      if (values.batch) {
        if (positionals.length > 0)
          throw new UsageError('--batch reads queries from stdin; give no text argument');
        for await (const line of io.stdinLines()) {
          try {
            io.out(JSON.stringify(await search.search(checkQuery(line), filters, page)));
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            io.out(
              JSON.stringify({
                query: line.slice(0, 200),
                total: 0,
                results: [],
                error: { code: error.code, message: error.message },
              }),
            );
          }
        }
        return 0;
      }
      const query = checkQuery(positionals.join(' '));
      if (query === '') throw new UsageError('search needs some text');
      const response = await search.search(query, filters, page);
      if (values.json) {
        io.out(JSON.stringify(response, null, 2));
      } else {
        if (response.didYouMean) io.out(`Did you mean: ${response.didYouMean}`);
        io.out(
          `${response.total} result(s)${response.total > response.pageSize ? `, page ${response.page}` : ''}`,
        );
        for (const r of response.results) {
          io.out(`${r.kind.padEnd(9)} ${r.code.padEnd(12)} ${r.title}
          ${r.url}`);
        }
      }
      return response.total > 0 ? 0 : 1;
    });
  },

  async report(args, io) {
    const { values, positionals } = parse(args, {
      json: { type: 'boolean' },
      limit: { type: 'string', default: '50' },
    });
    if (positionals[0] !== 'zero-results' || positionals.length !== 1)
      throw new UsageError('report takes one report name: zero-results');
    return withStore(io, async ({ db }) => {
      const rows = await zeroResults(db, Math.max(1, Math.min(1000, Number(values.limit) || 50)));
      if (values.json) io.out(JSON.stringify({ zeroResults: rows }, null, 2));
      else if (rows.length === 0) io.out('No searches without results yet.');
      else
        for (const r of rows)
          io.out(`${String(r.count).padStart(6)}  ${r.query}  (${r.firstSeen} – ${r.lastSeen})`);
      return 0;
    });
  },

  async show(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } });
    const query = checkQuery(positionals.join(' '));
    if (query === '') throw new UsageError('show needs a code or a guide id');
    return withStore(io, async ({ db }) => {
      const byId = await publishedById(db, query.toLowerCase());
      const match = byId
        ? undefined
        : (await lookup(storeGuides(db), bundledCatalog(), query)).matches.find((m) => m.kind === 'guide');
      const stored = byId ?? (match?.id ? await publishedById(db, match.id) : undefined);
      if (!stored) {
        io.err(`No published guide for "${query}".`);
        return 1;
      }
      const g = stored.guide;
      if (values.json) {
        io.out(JSON.stringify(g, null, 2));
      } else {
        io.out(
          `${g.code} — ${g.title}\n${g.brand} ${g.product} · severity ${g.severity} · safe to use: ${g.safeToUse}\n`,
        );
        io.out(`${g.summary}\n`);
        g.steps.forEach((s, i) => io.out(`${i + 1}. ${s.action}\n   Why: ${s.why}`));
        io.out(`\nWhen to call a professional: ${g.callAPro}\n`);
        for (const s of g.sources) io.out(`Source: ${s.title} (${s.publisher}) ${s.url}`);
      }
      return 0;
    });
  },

  async list(args, io) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    return withStore(io, async ({ db }) => {
      const guides = (await listPublished(db)).map((s) => guideSummary(s.guide));
      if (values.json) io.out(JSON.stringify(guides, null, 2));
      else
        for (const g of guides)
          io.out(`${g.code.padEnd(12)} ${g.severity.padEnd(9)} ${g.brand} ${g.product} — ${g.title}`);
      return 0;
    });
  },

  async import(args, io) {
    const { values, positionals } = parse(args, {
      format: { type: 'string', default: 'yaml' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const format = values.format;
    if (format !== 'yaml' && format !== 'page-text')
      throw new UsageError(`--format must be yaml or page-text, not "${String(format)}"`);
    if (positionals.length === 0) throw new UsageError('import needs at least one file or directory');
    return withStore(io, async ({ db }) => {
      if (values['dry-run']) {
        const plan = await planImport(db, positionals, { format });
        if (values.json)
          io.out(
            JSON.stringify({ guides: plan.guides, problems: plan.problems.map(formatProblem) }, null, 2),
          );
        else for (const g of plan.guides) io.out(`ok ${g.id} (${g.code}, ${g.status})`);
        for (const p of plan.problems) io.err(formatProblem(p));
        return plan.problems.length > 0 ? 1 : 0;
      }
      const result = await importContent(db, positionals, {
        format,
        onProgress: (done, total) => {
          if (total >= PROGRESS_EVERY && done % PROGRESS_EVERY === 0)
            io.err(`errata import: writing guides, ${done} of ${total} done…`);
        },
      });
      const line = `Imported ${result.guides.length} guide(s): ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged.`;
      if (values.json)
        io.out(
          JSON.stringify({
            guides: result.guides,
            created: result.created,
            updated: result.updated,
            unchanged: result.unchanged,
          }),
        );
      else io.out(line);
      return 0;
    }).catch((error: unknown) => {
      // The import is one transaction: a storage fault anywhere means nothing was imported.
      throw storageError(error, { ...whereData(io.env), undone: 'nothing was imported' }) ?? error;
    });
  },

  async lint(args, io) {
    const { values, positionals } = parse(args, {
      format: { type: 'string', default: 'yaml' },
      json: { type: 'boolean' },
    });
    const format = values.format;
    if (format !== 'yaml' && format !== 'page-text')
      throw new UsageError(`--format must be yaml or page-text, not "${String(format)}"`);
    const paths = positionals.length > 0 ? positionals : [loadConfig(io.env).contentDir];
    const { guides, problems } = loadContent(paths, format, new Date().toISOString().slice(0, 10));
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
  },

  async backup(args, io) {
    const { positionals } = parse(args, {});
    if (positionals.length !== 1) throw new UsageError('backup needs exactly one destination file');
    const config = loadConfig(io.env);
    if (config.databaseUrl?.trim()) {
      io.err(
        'errata backup: DATABASE_URL is set, so the data is in PostgreSQL, not in ERRATA_DB. Back it up with pg_dump -Fc (docs/deploy.md).',
      );
      return 1;
    }
    const { file, bytes } = backupSqlite(config.dbFile, positionals[0]!);
    io.out(`Backed up ${config.dbFile} to ${file} (${(bytes / 1_048_576).toFixed(1)} MB).`);
    return 0;
  },

  async export(args, io) {
    const { values, positionals } = parse(args, { history: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('export needs exactly one folder');
    return withStore(io, async ({ db }) => {
      const result = await exportContent(db, positionals[0]!, { history: values.history });
      io.out(`Exported ${result.guides} guide(s) to ${positionals[0]} (${result.files} file(s)).`);
      return 0;
    });
  },

  async user(args, io) {
    const { values, positionals } = parse(args, { role: { type: 'string' } });
    if (positionals[0] !== 'add' || positionals.length !== 2)
      throw new UsageError('usage: errata user add <email> --role <role>');
    const role = values.role as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const password = await readPassword(io);
    return withStore(io, async ({ db }) => {
      try {
        const user = await createUser(db, positionals[1]!, password, role);
        await audit(db, 'cli', 'user-created', user.email, role);
        io.out(`Created ${user.role} ${user.email}.`);
        return 0;
      } catch (error) {
        if (error instanceof Error && 'issues' in error) {
          const issue = (error as { issues: { path: PropertyKey[]; message: string }[] }).issues[0];
          io.err(
            `errata user: ${issue?.path.length ? 'email' : 'password'} ${issue?.message ?? 'is not valid'}`,
          );
          return 1;
        }
        throw error;
      }
    });
  },

  async 'build-site'(args, io) {
    const { values, positionals } = parse(args, {
      'base-url': { type: 'string' },
      relative: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give one output directory');
    const config = loadConfig(io.env);
    return withStore(io, async ({ db }) => {
      const { buildApp } = await import('../app.ts');
      const { buildSite } = await import('../static/build.ts');
      const searchSnapshot = snapshotPath(config.dbFile, bundledCatalog());
      const app = await buildApp({ db, origin: config.publicUrl, admin: false, searchSnapshot });
      try {
        const result = await buildSite(app, positionals[0]!, {
          db,
          baseUrl: values['base-url'] ?? '/',
          relative: values.relative ?? false,
          onProgress: (done, total) => io.err(`${done}/${total} pages`),
        });
        for (const f of result.failed) io.err(`  ${f.status} ${f.path}`);
        io.out(
          `${result.pages} pages, ${result.files} files in ${result.seconds.toFixed(1)} s (${Math.round(result.pagesPerSecond)} pages/s)`,
        );
        return result.failed.length > 0 ? 1 : 0;
      } finally {
        await app.close();
      }
    });
  },

  async serve(args, io) {
    parse(args, {});
    const { serve } = await import('../server.ts');
    await serve(io.env);
    return 0;
  },
};

/** The first line of stdin: a password is never a command-line flag, where others could read it. */
async function readPassword(io: CliIo): Promise<string> {
  if (io.promptPassword) return io.promptPassword('Password (12 characters or more): ');
  for await (const line of io.stdinLines()) return line;
  throw new UsageError('give the password on stdin, e.g. printf "%s\\n" "$PASSWORD" | errata user add …');
}

/** Large imports report progress on stderr every this many guides. */
const PROGRESS_EVERY = 500;

/** Where the configured data lives, for storage fault messages (nothing when the settings are wrong). */
function whereData(env: NodeJS.ProcessEnv): StorageLocation {
  try {
    return storageLocation(loadConfig(env));
  } catch {
    return {};
  }
}

/** Runs one CLI invocation; returns the exit code. 2 means the command line itself was wrong. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`errata: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`errata ${name}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppError) {
      io.err(`errata ${name}: ${error.message}`);
      for (const d of error.details) io.err(`  ${d}`);
      return 1;
    }
    const fault = storageError(error, whereData(io.env));
    if (fault) {
      io.err(`errata ${name}: ${fault.message}`);
      return 1;
    }
    io.err(`errata ${name}: ${(error as Error).message}`);
    return 1;
  }
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  env: process.env,
  promptPassword: process.stdin.isTTY ? promptHidden : undefined,
};

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) write(s); // the question shows, the typed characters do not
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

if ((import.meta as { main?: boolean }).main ?? process.argv[1]?.endsWith('main.ts')) {
  const code = await runCli(process.argv.slice(2), processIo);
  // `serve` returns once it listens and keeps running; it sets an exit code only when it could not start.
  if (process.argv[2] !== 'serve' || code !== 0) process.exitCode = code;
}
