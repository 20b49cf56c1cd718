import type { ColumnType, Generated } from 'kysely';

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
  /** An unpublished edit of a published guide (JSON), or null. */
  draft: string | null;
  /** The email of the user asked to work on the guide next, or null; inserts may leave it out. */
  assigned_to: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  role: string;
  disabled: number;
  created_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie's token: a stolen database holds no usable session. */
  id_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface RevisionsTable {
  id: Generated<number>;
  guide_id: string;
  number: number;
  data: string;
  status: string;
  author: string;
  message: string;
  created_at: string;
}

export interface ReportsTable {
  id: Generated<number>;
  guide_id: string;
  guide_revision: number;
  message: string;
  contact: string | null;
  status: string;
  fixed_revision: number | null;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** A copy of the bundled reference catalogs, for SQL access; lookups use the in-memory index. */
export interface ReferenceEntriesTable {
  family: string;
  symbol: string;
  /** bigint: read through readReferenceValue (pg returns int8 as a string). */
  value: ColumnType<number | string, number, number>;
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

/** Readers' answers, counted per guide, step and day: no row says who answered. */
export interface FeedbackCountsTable {
  guide_id: string;
  /** A step's id, or '' for the page verdict. */
  step_id: string;
  outcome: string;
  day: string;
  count: number;
}

/** Today's and yesterday's answer fingerprints (salted hashes of the address), 3 slots per step at most. */
export interface FeedbackSeenTable {
  hash: string;
  day: string;
}

/** Visits to codes without a guide, per day, family and code: no row says who visited. */
export interface UnguidedVisitsTable {
  day: string;
  family: string;
  code: string;
  count: number;
}

/** An editor's unsaved form, by the sha256 of its token: only its owner, for one guide, for a day. */
export interface FormStashesTable {
  token_hash: string;
  user_id: number;
  /** The guide's id, or '' for a guide not created yet. */
  guide_id: string;
  /** The form as JSON, opaque to storage. */
  data: string;
  updated_at: string;
}

/** A comment on a guide's working copy: a remark, or a reviewer's request for changes. */
export interface GuideCommentsTable {
  id: Generated<number>;
  guide_id: string;
  /** The revision the comment was written against. */
  revision: number;
  author: string;
  /** comment | changes-requested */
  kind: string;
  body: string;
  created_at: string;
}

/** A reviewed revision set to go live at a time (ISO 8601, UTC); at most one per guide. */
export interface PublishSchedulesTable {
  guide_id: string;
  revision: number;
  publish_at: string;
  scheduled_by: string;
  created_at: string;
}

export interface Database {
  guides: GuidesTable;
  feedback_counts: FeedbackCountsTable;
  feedback_seen: FeedbackSeenTable;
  users: UsersTable;
  sessions: SessionsTable;
  revisions: RevisionsTable;
  reports: ReportsTable;
  audit_log: AuditLogTable;
  search_misses: SearchMissesTable;
  unguided_visits: UnguidedVisitsTable;
  reference_entries: ReferenceEntriesTable;
  form_stashes: FormStashesTable;
  guide_comments: GuideCommentsTable;
  publish_schedules: PublishSchedulesTable;
  meta: MetaTable;
  search_docs: SearchDocsTable;
  search_blocks: SearchBlocksTable;
  search_terms: SearchTermsTable;
  search_fuzzy: SearchFuzzyTable;
  search_stats: SearchStatsTable;
  search_state: MetaTable;
  kysely_migration?: { name: string; timestamp: string; id?: Generated<number> };
}

/** A searchable document (a published guide or a reference entry): what its result shows, as JSON. */
export interface SearchDocsTable {
  id: number;
  /** 0 guides, 1 reference entries. */
  corpus: number;
  url: string;
  /** Of the document's searchable text: unchanged text is not re-indexed. */
  hash: string;
  data: string;
  /** Its field lengths and terms' occurrences per field, as JSON (search/footprint.ts). */
  terms: string;
}

/** One term in one field of one document, ordered within a term by what it can add to a score. */
export interface SearchBlocksTable {
  term: string;
  corpus: number;
  /** 0 for a term's best postings, then 1, 2… (search/blocks.ts). */
  block: number;
  /** Up to 128 postings as little-endian float64 pairs (impact, packed posting), best first. */
  postings: Uint8Array;
}

/** How many documents of a collection have a term in a field. */
export interface SearchTermsTable {
  term: string;
  corpus: number;
  field: number;
  df: number;
}

/** Index terms filed under themselves and each one-letter deletion, for typo look-ups. */
export interface SearchFuzzyTable {
  key: string;
  term: string;
}

/** A collection's document count and each field's total length. */
export interface SearchStatsTable {
  corpus: number;
  field: number;
  docs: number;
  total_length: number | string | bigint;
}
