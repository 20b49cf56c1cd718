/** The SQL dialects a store speaks: SQLite on one machine, PostgreSQL for several instances. */
export type SqlDialect = 'sqlite' | 'postgres';
