import { resolve } from 'node:path';
import { loadConfig } from '../base/config.ts';
import { copyDatabase, CopyRefused } from '../store/copy.ts';
import { storageLocation } from '../store/faults.ts';
import { openStore } from '../open.ts';
import { parse, UsageError, withStore, type CliIo } from './io.ts';

// errata db copy: move an installation to another database.

const DATABASE_URL = /^(postgres(?:ql)?|pglite):/i;

/** Where `--to` points: a PostgreSQL or PGlite URL, else a SQLite file. */
function targetConfig(to: string, env: NodeJS.ProcessEnv) {
  const base = loadConfig({ ...env, DATABASE_URL: undefined });
  return DATABASE_URL.test(to)
    ? { ...base, databaseUrl: to }
    : { ...base, dbFile: to, databaseUrl: undefined };
}

export async function db(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { to: { type: 'string' }, replace: { type: 'boolean' } });
  if (positionals[0] !== 'copy' || positionals.length !== 1 || !values.to)
    throw new UsageError('usage: errata db copy --to <postgres://… URL or SQLite file> [--replace]');
  const target = targetConfig(values.to, io.env);
  const from = describe(loadConfig(io.env));
  const to = describe(target);
  if (from === to) throw new UsageError('the target is the database Errata already uses');
  return withStore(io, async (source) => {
    const destination = await openStore(target);
    try {
      const result = await copyDatabase(source.db, destination.db, destination.dialect, {
        replace: values.replace ?? false,
      });
      for (const t of result.tables) io.out(`${t.name.padEnd(18)} ${String(t.rows).padStart(8)} rows`);
      io.out(`Copied ${from} to ${to}; every table's row count matches.`);
      return 0;
    } catch (error) {
      if (error instanceof CopyRefused) {
        io.err(`errata db copy: ${error.message}. Nothing was copied.`);
        return 1;
      }
      throw error;
    } finally {
      await destination.close();
    }
  });
}

/** The database as people name it, without a password. */
function describe(config: { dbFile: string; databaseUrl?: string | undefined }): string {
  const location = storageLocation(config);
  return location.server ?? (location.file ? resolve(location.file) : (config.databaseUrl ?? 'the database'));
}
