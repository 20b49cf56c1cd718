import { audit } from '../accounts/repository.ts';
import { AppError } from '../base/errors.ts';
import { saveWorkingCopy, workingCopy } from '../guides/editing.ts';
import {
  claimSchedule,
  duePublications,
  dueSchedules,
  formatUtc,
  putSchedule,
  type PublishSchedule,
} from '../guides/review.ts';
import type { Db } from '../store/db.ts';

export interface SchedulerReport {
  published: string[];
  /** Claimed but not published (the guide changed or went away), with the reason. */
  skipped: { id: string; reason: string }[];
}

/**
 * Publishes the schedules due at `now`. Each is claimed first by one conditional delete, so of several
 * instances sharing the database exactly one publishes it; the publish is the same write as a manual
 * one (new revision, content version, the public-content event) and is audited in the reviewer's name.
 */
export async function runDuePublications(db: Db, now: Date): Promise<SchedulerReport> {
  const report: SchedulerReport = { published: [], skipped: [] };
  for (const schedule of duePublications(now, await dueSchedules(db, now.toISOString()))) {
    if (!(await claimSchedule(db, schedule))) continue;
    try {
      await publishScheduled(db, schedule, now);
      report.published.push(schedule.guideId);
    } catch (error) {
      if (!(error instanceof AppError)) {
        // A storage fault, not a refusal: put the schedule back (if storage lets us) for the next pass.
        await putSchedule(db, schedule).catch(() => undefined);
        throw error;
      }
      report.skipped.push({ id: schedule.guideId, reason: error.message });
      await audit(db, schedule.scheduledBy, 'guide-schedule-cancelled', schedule.guideId, error.message);
    }
  }
  return report;
}

async function publishScheduled(db: Db, schedule: PublishSchedule, now: Date): Promise<void> {
  const copy = await workingCopy(db, schedule.guideId);
  if (!copy) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${schedule.guideId}".`);
  // expectedRevision: a guide changed since it was scheduled is refused, never published unreviewed.
  const saved = await saveWorkingCopy(db, {
    guide: copy.guide,
    action: 'publish',
    expectedRevision: schedule.revision,
    author: schedule.scheduledBy,
    message: `Published as scheduled for ${formatUtc(schedule.publishAt)}`,
    now: now.toISOString(),
  });
  await audit(
    db,
    schedule.scheduledBy,
    'guide-published',
    schedule.guideId,
    `revision ${saved.revision} (scheduled for ${formatUtc(schedule.publishAt)})`,
  );
}

export interface PublishScheduler {
  /** One pass now; what the timer calls. */
  tick(): Promise<SchedulerReport>;
  stop(): void;
}

/**
 * Runs runDuePublications every `intervalMs` (unref'd: it never keeps the process alive). `clock` is
 * injected so tests decide what "now" is; a failing pass is reported and retried on the next one.
 */
export function startPublishScheduler(
  db: Db,
  options: {
    intervalMs: number;
    clock?: () => Date;
    onError?: (error: unknown) => void;
    onPublished?: (report: SchedulerReport) => void;
  },
): PublishScheduler {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<SchedulerReport> | undefined;
  const tick = () =>
    (running ??= runDuePublications(db, clock()).finally(() => {
      running = undefined;
    }));
  const timer = setInterval(() => {
    tick().then(
      (report) => {
        if (report.published.length > 0 || report.skipped.length > 0) options.onPublished?.(report);
      },
      (error: unknown) => options.onError?.(error),
    );
  }, options.intervalMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
