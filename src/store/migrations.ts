import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Migrations in code, shared by every dialect; names sort in the order they run. */
const migrations: Record<string, Migration> = {
  '0001_guides': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('guides')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('code_key', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('brand', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('category_slug', 'text', (c) => c.notNull())
        .addColumn('brand_slug', 'text', (c) => c.notNull())
        .addColumn('product_slug', 'text', (c) => c.notNull())
        .addColumn('code_slug', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('guides_code_key').on('guides').column('code_key').execute();
      await db.schema
        .createIndex('guides_path')
        .on('guides')
        .columns(['category_slug', 'brand_slug', 'product_slug', 'code_slug'])
        .unique()
        .execute();
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table guides`.execute(db);
      await sql`drop table meta`.execute(db);
    },
  },
  '0002_reference_entries': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reference_entries')
        .addColumn('family', 'text', (c) => c.notNull())
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('catalog', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('line', 'integer')
        .addColumn('licence', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('reference_entries_pk', ['family', 'symbol'])
        .execute();
      await db.schema
        .createIndex('reference_entries_value')
        .on('reference_entries')
        .column('value')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table reference_entries`.execute(db);
    },
  },
  '0003_search_misses': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('search_misses')
        .addColumn('query', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table search_misses`.execute(db);
    },
  },
  '0004_guide_origin': {
    async up(db: Kysely<unknown>) {
      // Until now guides came from the bundle (or rarely an import): the bundle owns them.
      await db.schema
        .alterTable('guides')
        .addColumn('origin', 'text', (c) => c.notNull().defaultTo('bundle'))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('guides').dropColumn('origin').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
