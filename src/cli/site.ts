import { loadConfig } from '../base/config.ts';
import { backupSqlite } from '../store/backup.ts';
import { parse, progressSink, UsageError, withStore, type CliIo } from './io.ts';
import { progress } from './progress.ts';

// errata serve, build-site and backup: running and keeping the site.

export async function serve(args: string[], io: CliIo): Promise<number> {
  parse(args, {});
  const { serve: startServer } = await import('../server.ts');
  await startServer(io.env);
  return 0;
}

export async function buildSite(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    'base-url': { type: 'string' },
    relative: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('give one output directory');
  const config = loadConfig(io.env);
  // Canonical links, OpenGraph, JSON-LD and the sitemap must be absolute: a real public address,
  // never the local default.
  // An absolute base URL is the site's address; otherwise PUBLIC_URL is.
  const base = values['base-url'];
  const origin =
    base && /^https?:\/\//i.test(base)
      ? base.replace(/\/+$/, '')
      : io.env.PUBLIC_URL?.trim()
        ? config.publicUrl
        : undefined;
  if (!origin) {
    throw new UsageError(
      'build-site needs the public address for canonical links, OpenGraph, JSON-LD and the sitemap: set PUBLIC_URL, or give an absolute --base-url https://…',
    );
  }
  return withStore(io, async ({ db }) => {
    const { buildApp } = await import('../app.ts');
    const { buildSite: writeSite } = await import('../static/build.ts');
    const app = await buildApp({ db, origin, admin: false });
    try {
      const shown = progress('errata build-site', 'pages', progressSink(io));
      const result = await writeSite(app, positionals[0]!, {
        db,
        baseUrl: values['base-url'] ?? '/',
        relative: values.relative ?? false,
        onProgress: (done, total) => shown.update(done, total),
      });
      shown.end();
      for (const f of result.failed) io.err(`  ${f.status} ${f.path}`);
      if (!result.replaced)
        io.err(
          `errata build-site: ${result.failed.length} pages failed; ${positionals[0]} was left as it was.`,
        );
      io.out(
        `${result.pages} pages, ${result.files} files in ${result.seconds.toFixed(1)} s (${Math.round(result.pagesPerSecond)} pages/s)`,
      );
      return result.failed.length > 0 ? 1 : 0;
    } finally {
      await app.close();
    }
  });
}

export async function backup(args: string[], io: CliIo): Promise<number> {
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
}
