import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './db.ts';
import { dailySalt, type Answer } from './feedback.ts';

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Answers are queued and written in one transaction every `intervalMs` (or sooner when many wait), so a
 * burst of answers costs a few commits rather than one each and never holds up page views. Duplicates
 * (same browser, step and day) are caught in memory at once and by the database across instances.
 */
export class FeedbackWriter {
  private queue: { hash: string; day: string; answer: Answer }[] = [];
  private seenToday = new Set<string>();
  private seenDay = '';
  private salt = { day: '', value: '' };
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly intervalMs = 200,
    private readonly maxBatch = 1000,
  ) {}

  private async saltFor(now: Date): Promise<string> {
    const day = dayOf(now);
    if (this.salt.day !== day) this.salt = { day, value: await dailySalt(this.db, now) };
    return this.salt.value;
  }

  /** Queues an answer; false when this browser already answered this step today. */
  async add(answer: Answer, now = new Date()): Promise<boolean> {
    const day = dayOf(now);
    const salt = await this.saltFor(now);
    const hash = createHash('sha256')
      .update(`${salt}\0${answer.fingerprint}\0${answer.guideId}\0${answer.stepId}`)
      .digest('base64url');
    if (this.seenDay !== day) {
      this.seenDay = day;
      this.seenToday = new Set();
    }
    if (this.seenToday.has(hash)) return false;
    this.seenToday.add(hash);
    this.queue.push({ hash, day, answer });
    if (this.queue.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
    return true;
  }

  /** Writes everything queued; resolves when it is in the database. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(() => (batch.length > 0 ? this.write(batch) : undefined));
    return this.flushing;
  }

  private async write(batch: { hash: string; day: string; answer: Answer }[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const { hash, day, answer } of batch) {
        const seen = await trx
          .insertInto('feedback_seen')
          .values({ hash, day })
          .onConflict((oc) => oc.column('hash').doNothing())
          .executeTakeFirst();
        if (Number(seen.numInsertedOrUpdatedRows ?? 0) === 0) continue; // counted by another instance
        await trx
          .insertInto('feedback_counts')
          .values({
            guide_id: answer.guideId,
            step_id: answer.stepId,
            outcome: answer.outcome,
            day,
            count: 1,
          })
          .onConflict((oc) =>
            oc
              .columns(['guide_id', 'step_id', 'outcome', 'day'])
              .doUpdateSet({ count: sql<number>`feedback_counts.count + 1` }),
          )
          .execute();
      }
    });
  }
}
