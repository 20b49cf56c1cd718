import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../store/db.ts';
import { BatchedWriter, QueueBuffer } from '../store/batched-writer.ts';
import { dailySalt, type Answer } from './repository.ts';

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Answers one address may add to one step (or one page verdict) per day: a few, for people sharing an
 * address behind one router, and never more whatever its headers or cookies say.
 */
export const MAX_ANSWERS_PER_ADDRESS = 3;

/** What happens to answers the database refused (an outage, a full disk): they wait for a retry. */
export interface RetryOptions {
  /** Answers kept while the database refuses them; beyond this the oldest are dropped (and logged). */
  maxPending?: number;
  /** First wait before a retry; it doubles after each failure, up to 30 s. */
  retryMs?: number;
  /** Told about each failed write, with how many answers wait and how many were dropped. */
  onError?: (error: unknown, state: { pending: number; dropped: number }) => void;
}

type Queued = { hash: string; day: string; answer: Answer };

/**
 * Answers are queued and written in one transaction every `intervalMs` (or sooner when many wait), so a
 * burst of answers costs a few commits rather than one each and never holds up page views. Duplicates
 * (same browser, step and day) are caught in memory at once and by the database across instances.
 * A batch the database refuses is kept (up to `maxPending` answers) and written once it can be
 * (store/batched-writer.ts): answers the database already holds are recognised and skipped.
 */
export class FeedbackWriter {
  /** Answers counted today per salted hash of address, guide and step. */
  private seenToday = new Map<string, number>();
  private seenDay = '';
  private salt = { day: '', value: '' };
  private readonly queue: QueueBuffer<Queued>;
  private readonly writer: BatchedWriter<Queued[]>;

  constructor(
    private readonly db: Db,
    intervalMs = 200,
    maxBatch = 1000,
    { maxPending = 100_000, retryMs = 1000, onError }: RetryOptions = {},
  ) {
    this.queue = new QueueBuffer<Queued>(maxPending);
    this.writer = new BatchedWriter(this.queue, (batch) => this.write(batch), {
      intervalMs,
      maxBatch,
      retryMs,
      onError,
      items: 'answer(s)',
    });
  }

  /** Answers accepted and not written yet. */
  get pending(): number {
    return this.writer.pending;
  }

  private async saltFor(now: Date): Promise<string> {
    const day = dayOf(now);
    if (this.salt.day !== day) this.salt = { day, value: await dailySalt(this.db, now) };
    return this.salt.value;
  }

  /**
   * Queues an answer; false when this address already gave MAX_ANSWERS_PER_ADDRESS answers for this
   * step today. Each counted answer takes one numbered slot, stored as its own salted hash, so the
   * database holds every instance to the same bound.
   */
  async add(answer: Answer, now = new Date()): Promise<boolean> {
    const day = dayOf(now);
    const salt = await this.saltFor(now);
    const who = createHash('sha256')
      .update(`${salt}\0${answer.fingerprint}\0${answer.guideId}\0${answer.stepId}`)
      .digest('base64url');
    if (this.seenDay !== day) {
      this.seenDay = day;
      this.seenToday = new Map();
    }
    const slot = this.seenToday.get(who) ?? 0;
    if (slot >= MAX_ANSWERS_PER_ADDRESS) return false;
    this.seenToday.set(who, slot + 1);
    const hash = createHash('sha256').update(`${who}\0${slot}`).digest('base64url');
    this.queue.push({ hash, day, answer });
    this.writer.added();
    return true;
  }

  /** Writes everything queued; resolves when written, or kept for a retry when refused (never rejects). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Writes what it can and stops retrying; answers still refused are reported as dropped. */
  close(): Promise<void> {
    return this.writer.close();
  }

  private async write(batch: Queued[]): Promise<void> {
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
