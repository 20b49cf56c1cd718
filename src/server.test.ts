import { describe, expect, it } from 'vitest';
import { startupReport } from './server.ts';

const counts = { guides: 168, referenceEntries: 31_250 };

describe('startupReport', () => {
  it('says a new SQLite database was created: its file, every migration, the content, the URL', () => {
    const lines = startupReport(
      { dbFile: 'var/errata.db', databaseUrl: undefined, publicUrl: 'http://localhost:3000' },
      { migrations: ['0001_guides', '0002_reference_entries'], contentLoaded: true, referencesLoaded: true },
      counts,
    ).map(([, message]) => message);
    expect(lines).toEqual([
      'Database var/errata.db: 2 migration(s) applied (0001_guides, 0002_reference_entries)',
      'Bundled guides loaded into the database',
      'Serving 168 published guides and 31,250 reference entries',
      'Open http://localhost:3000',
    ]);
  });

  it('names a PostgreSQL server without its password, and says when nothing needed migrating', () => {
    const [first] = startupReport(
      {
        dbFile: '',
        databaseUrl: 'postgres://errata:secret@db.internal:5432/errata',
        publicUrl: 'https://e.example',
      },
      { migrations: [], contentLoaded: false, referencesLoaded: false },
      counts,
    );
    expect(first![1]).toBe('Database PostgreSQL at db.internal:5432/errata opened; its schema is up to date');
    expect(JSON.stringify(first)).not.toContain('secret');
  });
});
