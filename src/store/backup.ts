import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

export interface BackupResult {
  file: string;
  bytes: number;
}

/**
 * Copies a SQLite database while other processes may be reading and writing it: `VACUUM INTO` reads
 * one consistent snapshot (WAL readers never block writers) into a new file. The copy is written
 * under a temporary name in the destination's folder, flushed to disk and then renamed, so a file at
 * `dest` is always a complete backup; an older one there is replaced only once the new one is whole.
 */
export function backupSqlite(source: string, dest: string): BackupResult {
  if (source === ':memory:') throw new Error('ERRATA_DB is :memory:; there is no file to back up.');
  if (!existsSync(source)) throw new Error(`No database at ${source}.`);
  const target = resolve(dest);
  if (target === resolve(source)) throw new Error('The backup must not overwrite the database itself.');
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('vacuum into ?').run(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  chmodSync(partial, 0o600); // password hashes and sessions: for the owner only
  const fd = openSync(partial, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, target);
  return { file: target, bytes: statSync(target).size };
}
