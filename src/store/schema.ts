import type { Generated } from 'kysely';

export interface GuidesTable {
  id: string;
  code: string;
  code_key: string;
  category: string;
  brand: string;
  product: string;
  category_slug: string;
  brand_slug: string;
  product_slug: string;
  code_slug: string;
  severity: string;
  status: string;
  title: string;
  /** The whole guide as JSON, validated by the guide schema. */
  data: string;
  revision: number;
  updated_at: string;
  /** bundle | import | editor: bundled content updates only rows it still owns. */
  origin: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** A copy of the bundled reference catalogs, for SQL access; lookups use the in-memory index. */
export interface ReferenceEntriesTable {
  family: string;
  symbol: string;
  value: number;
  code: string;
  catalog: string;
  title: string;
  source: string;
  file: string;
  line: number | null;
  licence: string;
}

export interface SearchMissesTable {
  query: string;
  count: number;
  first_seen: string;
  last_seen: string;
}

export interface Database {
  guides: GuidesTable;
  search_misses: SearchMissesTable;
  reference_entries: ReferenceEntriesTable;
  meta: MetaTable;
  kysely_migration?: { name: string; timestamp: string; id?: Generated<number> };
}
