import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  statfsSync,
  unlinkSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError, type ErrorCode } from '../base/errors.ts';

/*
 * Storage faults: what the database drivers report when the storage itself fails, sorted into a few
 * kinds that each get one clear message. classifyFault() is pure; storageError() adds the message,
 * naming the file or server when the reader is the operator (the CLI) and never otherwise (web pages
 * and the API). The error handler (src/web/errors.tsx) and the CLI both use storageError().
 */

export type StorageFault = 'unreachable' | 'full' | 'read-only' | 'cannot-open' | 'io';

const FAULT_CODE: Record<StorageFault, ErrorCode> = {
  unreachable: 'DATABASE_UNAVAILABLE',
  full: 'STORAGE_FULL',
  'read-only': 'STORAGE_READ_ONLY',
  'cannot-open': 'DATABASE_UNAVAILABLE',
  io: 'STORAGE_FAILED',
};

/** Socket errors meaning the database server cannot be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** PostgreSQL SQLSTATEs: class 08 (connection exception) and the shutdown/start-up states of class 57. */
const PG_UNREACHABLE = /^(08...|57P0[1-4]|53300)$/;

/** Messages of `pg` and `pg-pool` when a connection breaks or cannot be made in time. */
const PG_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /is not queryable/i,
  /Client was closed/i,
  /Cannot use a pool after calling end/i,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and what it wraps (cause, AggregateError's errors), a few levels deep. */
function* chain(error: unknown, depth = 0): Generator<ErrorLike> {
  if (depth > 4 || error === null || typeof error !== 'object') return;
  const e = error as ErrorLike;
  yield e;
  if (e.cause !== undefined) yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

function faultOf(e: ErrorLike): StorageFault | undefined {
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  // SQLite (better-sqlite3 reports the extended result code, e.g. SQLITE_IOERR_WRITE).
  if (code === 'SQLITE_FULL') return 'full';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return 'read-only';
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_')) return 'cannot-open';
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) return 'io';
  // PostgreSQL.
  if (code === '53100') return 'full'; // disk_full
  if (code === '25006') return 'read-only'; // read_only_sql_transaction: a standby
  if (PG_UNREACHABLE.test(code) || NETWORK_CODES.has(code)) return 'unreachable';
  // object_not_in_prerequisite_state, as a refused connection: the database is not accepting any.
  if (code === '55000' && /accepting connections/i.test(message)) return 'unreachable';
  if (PG_MESSAGES.some((m) => m.test(message))) return 'unreachable';
  return undefined;
}

/** Which storage fault an error reports, if any (pure). */
export function classifyFault(error: unknown): StorageFault | undefined {
  for (const e of chain(error)) {
    const fault = faultOf(e);
    if (fault) return fault;
  }
  return undefined;
}

/** Why a connection failed, in a few words, for the operator's message. */
function unreachableReason(error: unknown): string {
  for (const e of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (code === 'ECONNREFUSED') return 'connection refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
    if (code === 'ETIMEDOUT' || /timeout/i.test(typeof e.message === 'string' ? e.message : ''))
      return 'no answer in time';
    if (code === '57P01' || code === '57P02') return 'the server is shutting down';
    if (code === '57P03') return 'the server is starting up or shutting down';
    if (code === '53300') return 'too many connections';
    if (code === '55000') return 'the database is not accepting connections';
  }
  return 'the connection was lost';
}

/** Where the data lives, for messages to the operator. */
export interface StorageLocation {
  /** The SQLite file. */
  file?: string;
  /** The PostgreSQL server, as host:port/database (never with the password). */
  server?: string;
  /** What the failure left undone, e.g. "nothing was imported"; "nothing was written" by default. */
  undone?: string;
}

/** The PostgreSQL server of a postgres:// URL as host:port/database, without user or password. */
export function describeServer(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}

/** The storage an Errata configuration uses, for storageError(). */
export function storageLocation(config: {
  dbFile: string;
  databaseUrl?: string | undefined;
}): StorageLocation {
  const url = config.databaseUrl?.trim();
  if (url && /^postgres(?:ql)?:\/\//i.test(url)) return { server: describeServer(url) };
  if (url) return {};
  return { file: config.dbFile };
}

function message(fault: StorageFault, error: unknown, where: StorageLocation): string | undefined {
  const undone = where.undone ?? 'nothing was written';
  const { file, server } = where;
  switch (fault) {
    case 'unreachable':
      return server
        ? `The PostgreSQL server at ${server} cannot be reached (${unreachableReason(error)}). Check that it is running and accepts connections.`
        : undefined;
    case 'full':
      if (file) return `The disk holding ${file} is full: ${undone}.`;
      return server ? `The disk of the PostgreSQL server at ${server} is full: ${undone}.` : undefined;
    case 'read-only':
      if (file)
        return `The database file ${file} is read-only: Errata must be able to write to it and to its folder. Check its permissions and whether the file system is mounted read-only.`;
      return server ? `The PostgreSQL server at ${server} accepts only reads: ${undone}.` : undefined;
    case 'cannot-open':
      return file
        ? `The database file ${file} cannot be opened: check that its folder exists and that Errata may write there.`
        : undefined;
    case 'io':
      return file
        ? `Reading or writing the database file ${file} failed (disk I/O error): ${undone}. Check the disk.`
        : undefined;
  }
}

// SQLite files open in this process: a disk I/O error on one of them is checked against its folder,
// since SQLite reports a write to a file system remounted read-only as a plain I/O error.
const openFiles = new Set<string>();

/** Remembers an open SQLite file (openSqlite calls this), so I/O errors on it can be explained. */
export function noteSqliteFile(file: string, open: boolean): void {
  if (open) openFiles.add(file);
  else openFiles.delete(file);
}

/** 'read-only' or 'full' when the folder of an open SQLite file is now one of these, else 'io'. */
function explainIo(files: Iterable<string>): StorageFault {
  for (const file of files) {
    // Creating a file asks the file system itself: after an ext4 error it refuses writes (EROFS)
    // while access() still reports the folder writable.
    const probe = join(dirname(file), `.errata-write-check-${process.pid}`);
    try {
      closeSync(openSync(probe, 'w'));
      unlinkSync(probe);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read-only';
      if (code === 'ENOSPC' || code === 'EDQUOT') return 'full';
    }
    try {
      if (statfsSync(dirname(file)).bavail === 0) return 'full';
    } catch {
      // statfs is only a better explanation; without it the fault stays an I/O error
    }
  }
  return 'io';
}

/**
 * The AppError for a storage fault (undefined when the error is something else). Without a location
 * the message is the public one (ERRORS); with one it names the file or server for the operator.
 */
export function storageError(error: unknown, where?: StorageLocation): AppError | undefined {
  if (error instanceof AppError) return FAULT_CODES.has(error.code) ? error : undefined;
  let fault = classifyFault(error);
  if (!fault) return undefined;
  if (fault === 'io') fault = explainIo(where?.file ? [where.file] : openFiles);
  const text = where ? message(fault, error, where) : undefined;
  return new AppError(FAULT_CODE[fault], text);
}

const FAULT_CODES = new Set<ErrorCode>(Object.values(FAULT_CODE));

/**
 * Checks, before SQLite opens it, that the database file (or, for a new one, its folder) can be
 * written: a read-only file would otherwise open and fail on the first write, with a vaguer message.
 */
export function checkSqliteWritable(file: string): void {
  const fail = (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
      throw storageError({ code: 'SQLITE_READONLY' }, { file });
    if (code === 'ENOSPC' || code === 'EDQUOT') throw storageError({ code: 'SQLITE_FULL' }, { file });
    throw error;
  };
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    // A recursive mkdir reports ENOENT on a read-only file system: the first missing folder says why.
    let missing = dirname(file);
    while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
    try {
      mkdirSync(missing);
    } catch (inner) {
      fail(inner);
    }
    fail(error);
  }
  try {
    accessSync(dirname(file), constants.W_OK);
    accessSync(file, constants.W_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') fail(error);
  }
}
