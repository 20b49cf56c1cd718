import { describe, expect, it } from 'vitest';
import { AppError } from '../base/errors.ts';
import type { GuideStatus } from '../guides/schema.ts';
import { openRequest } from './review-panel.tsx';
import { checkedComment, comparisonLabel, defaultComparison } from './review.ts';

/** Revisions newest first, from their statuses oldest first. */
const revisions = (...statuses: GuideStatus[]) =>
  statuses.map((status, i) => ({ number: i + 1, status })).reverse();

describe('defaultComparison', () => {
  const inReviewBesideLive = { status: 'review', publicStatus: 'published', pending: true } as const;
  const history = revisions('draft', 'published', 'draft', 'draft', 'review');

  it('gives a reviewer of a guide in review live → proposed', () => {
    expect(defaultComparison(history, inReviewBesideLive, true)).toEqual({
      a: 2,
      b: 5,
      kind: 'live-vs-proposed',
    });
  });

  it('gives others, and guides not in review or never live, the previous revision', () => {
    expect(defaultComparison(history, inReviewBesideLive, false)).toEqual({ a: 4, b: 5, kind: 'previous' });
    const pendingDraft = { status: 'draft', publicStatus: 'published', pending: true } as const;
    expect(defaultComparison(revisions('published', 'draft'), pendingDraft, true)).toMatchObject({
      kind: 'previous',
    });
    const neverLive = { status: 'review', publicStatus: 'review', pending: false } as const;
    expect(defaultComparison(revisions('draft', 'review'), neverLive, true)).toMatchObject({ a: 1, b: 2 });
  });

  it('has nothing to compare with one revision', () => {
    const one = { status: 'review', publicStatus: 'review', pending: false } as const;
    expect(defaultComparison(revisions('review'), one, true)).toBeUndefined();
  });

  it('names the sides', () => {
    expect(comparisonLabel(2, history, inReviewBesideLive)).toBe('Live (revision 2)');
    expect(comparisonLabel(5, history, inReviewBesideLive)).toBe('Proposed (revision 5)');
    expect(comparisonLabel(3, history, inReviewBesideLive)).toBe('Revision 3');
  });
});

describe('checkedComment', () => {
  it('trims, keeps line breaks, and refuses empty or too long text naming the field', () => {
    expect(checkedComment('  Step 2 needs a source.\r\nThanks ')).toBe('Step 2 needs a source.\nThanks');
    expect(() => checkedComment('   ')).toThrow(/^comment: /);
    expect(() => checkedComment('x'.repeat(2001))).toThrow(AppError);
    expect(checkedComment('x'.repeat(2000))).toHaveLength(2000);
  });
});

describe('openRequest', () => {
  const request = {
    id: 7,
    guideId: 'g',
    revision: 3,
    author: 'reviewer@example.org',
    kind: 'changes-requested' as const,
    body: 'Cite the vendor.',
    createdAt: '2026-12-03T12:00:00.000Z',
  };
  const remark = { ...request, id: 8, kind: 'comment' as const, body: 'Done.' };

  it('stays open through comments and saves, until the guide goes back to review or live', () => {
    expect(openRequest([request, remark], revisions('published', 'review', 'draft', 'draft'), 'draft')).toBe(
      request,
    );
    expect(
      openRequest([request], revisions('published', 'review', 'draft', 'review', 'draft'), 'draft'),
    ).toBe(undefined);
    expect(openRequest([request], revisions('published', 'review', 'draft', 'review'), 'review')).toBe(
      undefined,
    );
    expect(openRequest([remark], revisions('draft'), 'draft')).toBe(undefined);
  });
});
