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
  '0005_editors': {
    async up(db: Kysely<unknown>) {
      // An edit to a published guide waits here until it is published; the public keeps seeing `data`.
      await db.schema.alterTable('guides').addColumn('draft', 'text').execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('revisions')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('guide_id', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('revisions_guide_number', ['guide_id', 'number'])
        .execute();
      await db.schema
        .createTable('reports')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('guide_id', 'text', (c) => c.notNull())
        .addColumn('guide_revision', 'integer', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('contact', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('fixed_revision', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['audit_log', 'reports', 'revisions', 'sessions', 'users']) {
        await db.schema.dropTable(table).execute();
      }
      await db.schema.alterTable('guides').dropColumn('draft').execute();
    },
  },
  '0006_feedback': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('feedback_counts')
        .addColumn('guide_id', 'text', (c) => c.notNull())
        .addColumn('step_id', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('feedback_counts_pk', ['guide_id', 'step_id', 'outcome', 'day'])
        .execute();
      await db.schema
        .createTable('feedback_seen')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('day', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_seen_day').on('feedback_seen').column('day').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('feedback_seen').execute();
      await db.schema.dropTable('feedback_counts').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
