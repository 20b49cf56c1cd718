import { createInterface } from 'node:readline';
import { packageVersion } from '../base/config.ts';
import { AppError } from '../base/errors.ts';
import { storageError } from '../store/faults.ts';
import { UsageError, whereData, type CliIo, type Command } from './io.ts';

export type { CliIo } from './io.ts';
export { packageVersion } from '../base/config.ts';

const USAGE = `Usage: errata <command> [options]

Commands:
  help <command>           Usage of one command; errata --version [--json] prints the version
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
      --source-url <url>   page text: the https address it was copied from (cited as its source)
      --dry-run            Validate and print what would be imported; write nothing
      --json               Print JSON: { "guides": [...], "findings": [...] }
                           Every guide is checked as errata lint does; findings go to stderr
  lint [file|dir]...       Check guides against the reference catalog (default: the bundled content)
      --format <f>         yaml (default) or page-text [--source-url <url>]
      --json               Print JSON: { "warnings": [...], "counts": {...} }
  export <dir>             Write every guide (all statuses) as YAML files import reads
      --history            Also write each guide's revisions under <dir>/.history
  backup <file>            Copy the SQLite database (ERRATA_DB) while the server runs; PostgreSQL: pg_dump
  db copy --to <target>    Copy everything (guides, edits, revisions, accounts, readers' answers) into
                           another database, a postgres:// URL or a SQLite file; row counts are checked
      --replace            Overwrite a target that already holds data
  user add <email> --role <editor|reviewer|admin>
                           Create an account; the password is read from stdin (or typed at a prompt)
  build-site <dir>         Write the public site as static files [--base-url URL] [--relative]
                           Needs PUBLIC_URL or an absolute --base-url for its canonical links
  serve                    Start the web server (PORT, HOST)

Environment: ERRATA_DB (SQLite file, default ./var/errata.db), DATABASE_URL (PostgreSQL instead:
postgres://… or pglite://memory), PORT, HOST, PUBLIC_URL.`;

// Each command's module is loaded only when it runs, so `errata decode` never loads the web server.
const COMMANDS: Record<string, () => Promise<Command>> = {
  lookup: async () => (await import('./lookup.ts')).lookup,
  decode: async () => (await import('./lookup.ts')).decode,
  show: async () => (await import('./lookup.ts')).show,
  search: async () => (await import('./search.ts')).search,
  report: async () => (await import('./search.ts')).report,
  list: async () => (await import('./content.ts')).list,
  import: async () => (await import('./content.ts')).importGuides,
  lint: async () => (await import('./content.ts')).lint,
  export: async () => (await import('./content.ts')).exportGuides,
  user: async () => (await import('./accounts.ts')).user,
  backup: async () => (await import('./site.ts')).backup,
  db: async () => (await import('./db.ts')).db,
  'build-site': async () => (await import('./site.ts')).buildSite,
  serve: async () => (await import('./site.ts')).serve,
};

/** One command's lines of the usage text (its line and the indented option lines under it), or null. */
export function commandUsage(name: string): string | null {
  const lines = USAGE.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`  ${name} `) || line === `  ${name}`);
  if (start === -1) return null;
  let end = start + 1;
  while (end < lines.length && /^ {5,}\S/.test(lines[end]!)) end++;
  return `Usage: errata ${lines.slice(start, end).join('\n').trim()}`;
}

/** Runs one CLI invocation; returns the exit code. 2 means the command line itself was wrong. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    if (!rest.includes('--json')) {
      io.out(packageVersion());
      return 0;
    }
    // What an operator checks first: this release, its runtime, and which catalog data it answers from.
    const { catalogInfo } = await import('../catalog/load.ts');
    io.out(JSON.stringify({ version: packageVersion(), node: process.version, catalog: catalogInfo() }));
    return 0;
  }
  if (name === 'help' && rest[0] !== undefined) {
    const help = commandUsage(rest[0]);
    if (help === null) {
      io.err(`errata: unknown command "${rest[0]}"\n\n${USAGE}`);
      return 2;
    }
    io.out(help);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`errata: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    const failure = describeFailure(error, io.env);
    const usage = failure.code === 'USAGE' ? `\n\n${commandUsage(name) ?? USAGE}` : '';
    io.err(`errata ${name}: ${failure.message}${usage}`);
    for (const d of failure.details) io.err(`  ${d}`);
    // Scripts that asked for JSON get their failure as JSON too, on stdout where they read.
    if (rest.includes('--json')) {
      const details = failure.details.length > 0 ? { details: failure.details } : {};
      io.out(JSON.stringify({ error: { code: failure.code, message: failure.message, ...details } }));
    }
    return failure.code === 'USAGE' ? 2 : 1;
  }
}

/** What went wrong, as one code and message: a wrong command line, an AppError, a storage fault. */
function describeFailure(error: unknown, env: NodeJS.ProcessEnv) {
  if (error instanceof UsageError) return { code: 'USAGE', message: error.message, details: [] };
  if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
  const fault = storageError(error, whereData(env));
  if (fault) return { code: fault.code, message: fault.message, details: [] };
  return { code: 'INTERNAL', message: (error as Error).message, details: [] };
}

/**
 * A reader that stops early (`errata search … | head`) closes the pipe: stop quietly with success,
 * as other command-line tools do, instead of dying on an unhandled EPIPE.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  env: process.env,
  progress: { isTTY: process.stderr.isTTY === true, write: (text) => process.stderr.write(text) },
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

if ((import.meta as { main?: boolean }).main ?? /main\.[jt]s$/.test(process.argv[1] ?? '')) {
  endQuietlyOnClosedPipe();
  const code = await runCli(process.argv.slice(2), processIo);
  // `serve` returns once it listens and keeps running; it sets an exit code only when it could not start.
  if (process.argv[2] !== 'serve' || code !== 0) process.exitCode = code;
}
