import { describe, expect, it } from 'vitest';
import { AppError, ERRORS } from '../base/errors.ts';
import { classifyFault, describeServer, storageError, storageLocation } from './faults.ts';

const coded = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('classifyFault', () => {
  it('sorts SQLite result codes, extended codes included', () => {
    expect(classifyFault(coded('SQLITE_FULL'))).toBe('full');
    expect(classifyFault(coded('SQLITE_READONLY'))).toBe('read-only');
    expect(classifyFault(coded('SQLITE_READONLY_DBMOVED'))).toBe('read-only');
    expect(classifyFault(coded('SQLITE_CANTOPEN'))).toBe('cannot-open');
    expect(classifyFault(coded('SQLITE_IOERR_WRITE'))).toBe('io');
    expect(classifyFault(coded('SQLITE_IOERR'))).toBe('io');
  });

  it('sorts PostgreSQL connection failures as unreachable', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006']) {
      expect(classifyFault(coded(code)), code).toBe('unreachable');
    }
    expect(classifyFault(new Error('Connection terminated unexpectedly'))).toBe('unreachable');
    expect(classifyFault(new Error('Connection terminated due to connection timeout'))).toBe('unreachable');
    expect(classifyFault(new Error('timeout exceeded when trying to connect'))).toBe('unreachable');
    const notAccepting = Object.assign(
      new Error('database "errata" is not currently accepting connections'),
      {
        code: '55000',
      },
    );
    expect(classifyFault(notAccepting)).toBe('unreachable');
    expect(classifyFault(coded('55000'))).toBeUndefined(); // other prerequisite-state errors are bugs
    expect(classifyFault(coded('53100'))).toBe('full');
    expect(classifyFault(coded('25006'))).toBe('read-only');
  });

  it('looks inside causes and AggregateError', () => {
    expect(classifyFault(new Error('migration failed', { cause: coded('SQLITE_FULL') }))).toBe('full');
    expect(classifyFault(new AggregateError([coded('ECONNREFUSED')], 'connect failed'))).toBe('unreachable');
  });

  it('leaves other errors alone', () => {
    expect(classifyFault(new Error('boom'))).toBeUndefined();
    expect(classifyFault(coded('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(classifyFault(coded('23505'))).toBeUndefined();
    expect(classifyFault(coded('ENOENT'))).toBeUndefined();
    expect(classifyFault('text')).toBeUndefined();
    expect(classifyFault(undefined)).toBeUndefined();
  });
});

describe('storageError', () => {
  it('gives the public message and status without a location', () => {
    const full = storageError(coded('SQLITE_FULL'));
    expect(full?.code).toBe('STORAGE_FULL');
    expect(full?.status).toBe(507);
    expect(full?.message).toBe(ERRORS.STORAGE_FULL.message);
    const down = storageError(coded('ECONNREFUSED'));
    expect(down?.code).toBe('DATABASE_UNAVAILABLE');
    expect(down?.status).toBe(503);
    expect(storageError(coded('SQLITE_READONLY'))?.status).toBe(503);
  });

  it('names the file or the server for the operator', () => {
    const where = { file: '/srv/errata/errata.db', undone: 'nothing was imported' };
    expect(storageError(coded('SQLITE_FULL'), where)?.message).toBe(
      'The disk holding /srv/errata/errata.db is full: nothing was imported.',
    );
    expect(storageError(coded('SQLITE_READONLY'), where)?.message).toMatch(
      /^The database file \/srv\/errata\/errata\.db is read-only: /,
    );
    expect(storageError(coded('ECONNREFUSED'), { server: 'db:5432/errata' })?.message).toBe(
      'The PostgreSQL server at db:5432/errata cannot be reached (connection refused). Check that it is running and accepts connections.',
    );
    expect(storageError(coded('57P01'), { server: 'db:5432/errata' })?.message).toMatch(/shutting down/);
  });

  it('passes storage AppErrors through and nothing else', () => {
    const own = new AppError('STORAGE_READ_ONLY', 'The database file x is read-only.');
    expect(storageError(own)).toBe(own);
    expect(storageError(new AppError('NOT_FOUND'))).toBeUndefined();
    expect(storageError(new Error('boom'))).toBeUndefined();
  });
});

describe('where the data lives', () => {
  it('never shows the password of a PostgreSQL URL', () => {
    expect(describeServer('postgres://errata:secret@127.0.0.1:54329/errata')).toBe('127.0.0.1:54329/errata');
    expect(describeServer('postgresql://u@db.example/x')).toBe('db.example:5432/x');
    expect(storageLocation({ dbFile: 'var/e.db', databaseUrl: 'postgres://u:p@h:1/d' })).toEqual({
      server: 'h:1/d',
    });
    expect(storageLocation({ dbFile: 'var/e.db' })).toEqual({ file: 'var/e.db' });
  });
});
