import { AppError } from '../base/errors.ts';
import { reportGuide } from '../feedback/reports.ts';
import { listRevisions } from '../guides/editing.ts';
import type { Db } from '../store/db.ts';

/** A guide's revisions that were published, newest first: only these can have fixed a report. */
export async function publishedRevisions(db: Db, guideId: string): Promise<number[]> {
  return (await listRevisions(db, guideId)).filter((r) => r.status === 'published').map((r) => r.number);
}

/**
 * The fix a report may point to: nothing, or a published revision of the report's guide. A revision
 * that does not exist or never went live is a 400 with the reason; an unknown report is a 404.
 */
export async function checkedFix(db: Db, reportId: number, revision: number | null): Promise<number | null> {
  const guideId = await reportGuide(db, reportId);
  if (guideId === undefined) throw new AppError('NOT_FOUND', `There is no report ${reportId}.`);
  if (revision === null) return null;
  if (!(await publishedRevisions(db, guideId)).includes(revision)) {
    throw new AppError(
      'INVALID_REQUEST',
      `Revision ${revision} of "${guideId}" was never published: pick a published revision as the fix.`,
    );
  }
  return revision;
}
