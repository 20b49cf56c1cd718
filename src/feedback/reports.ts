import type { Db } from '../store/db.ts';

export const REPORT_STATUSES = ['new', 'accepted', 'rejected', 'fixed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface Report {
  id: number;
  guideId: string;
  /** The guide's current title, or null if the guide is gone. */
  guideTitle: string | null;
  guideRevision: number;
  message: string;
  contact: string | null;
  status: ReportStatus;
  fixedRevision: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A reader's report of a problem in a guide, tied to the revision they were reading. */
export async function addReport(
  db: Db,
  report: { guideId: string; guideRevision: number; message: string; contact: string | null },
): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('reports')
    .values({
      guide_id: report.guideId,
      guide_revision: report.guideRevision,
      message: report.message,
      contact: report.contact,
      status: 'new',
      fixed_revision: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listReports(db: Db, status?: ReportStatus): Promise<Report[]> {
  let query = db
    .selectFrom('reports')
    .leftJoin('guides', 'guides.id', 'reports.guide_id')
    .selectAll('reports')
    .select('guides.title as guide_title');
  if (status) query = query.where('reports.status', '=', status);
  const rows = await query.orderBy('reports.id', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    guideId: r.guide_id,
    guideTitle: r.guide_title,
    guideRevision: r.guide_revision,
    message: r.message,
    contact: r.contact,
    status: r.status as ReportStatus,
    fixedRevision: r.fixed_revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** The guide a report is about, or undefined if there is no such report. */
export async function reportGuide(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('reports').select('guide_id').where('id', '=', id).executeTakeFirst();
  return row?.guide_id;
}

/** How many reports are in each status (statuses without any are 0). */
export async function countReports(db: Db): Promise<Record<ReportStatus, number>> {
  const rows = await db
    .selectFrom('reports')
    .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>;
  for (const row of rows) {
    if ((REPORT_STATUSES as readonly string[]).includes(row.status)) {
      counts[row.status as ReportStatus] = Number(row.n);
    }
  }
  return counts;
}

export async function setReportStatus(
  db: Db,
  id: number,
  status: ReportStatus,
  fixedRevision: number | null,
) {
  const result = await db
    .updateTable('reports')
    .set({ status, fixed_revision: fixedRevision, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
