import { describe, expect, it } from 'vitest';
import type { RevisionSummary } from '../../guides/editing.ts';
import { revisionMarks } from './guide-panel.tsx';

const rev = (number: number, status: RevisionSummary['status']): RevisionSummary => ({
  number,
  status,
  author: 'a@example.org',
  message: '',
  createdAt: '2026-12-03T10:00:00.000Z',
});

describe('revisionMarks', () => {
  it('marks the newest published revision live and a newest one in review', () => {
    const revisions = [rev(5, 'review'), rev(4, 'draft'), rev(3, 'published'), rev(2, 'published')];
    const marks = revisionMarks(revisions, { status: 'review', publicStatus: 'published', pending: true });
    expect([...marks]).toEqual([
      [3, 'live'],
      [5, 'in review'],
    ]);
  });

  it('marks nothing live once the guide left the site', () => {
    const revisions = [rev(4, 'archived'), rev(3, 'published')];
    expect(
      revisionMarks(revisions, { status: 'archived', publicStatus: 'archived', pending: false }).size,
    ).toBe(0);
  });
});
