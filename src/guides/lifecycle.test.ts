import { describe, expect, it } from 'vitest';
import { STATUSES } from './schema.ts';
import { LIFECYCLE_ACTIONS, transition } from './lifecycle.ts';

describe('the guide lifecycle', () => {
  // Every combination, written out: the table is the contract editors rely on.
  const expected = {
    published: {
      save: { publicStatus: 'published', workingStatus: 'draft', publicChanged: false },
      submit: { publicStatus: 'published', workingStatus: 'review', publicChanged: false },
      publish: { publicStatus: 'published', workingStatus: 'published', publicChanged: true },
      unpublish: { publicStatus: 'draft', workingStatus: 'draft', publicChanged: true },
      archive: { publicStatus: 'archived', workingStatus: 'archived', publicChanged: true },
      restore: { publicStatus: 'published', workingStatus: 'draft', publicChanged: false },
    },
    draft: {
      save: { publicStatus: 'draft', workingStatus: 'draft', publicChanged: false },
      submit: { publicStatus: 'review', workingStatus: 'review', publicChanged: false },
      publish: { publicStatus: 'published', workingStatus: 'published', publicChanged: true },
      unpublish: 'refused',
      archive: { publicStatus: 'archived', workingStatus: 'archived', publicChanged: false },
      restore: { publicStatus: 'draft', workingStatus: 'draft', publicChanged: false },
    },
    review: {
      save: { publicStatus: 'draft', workingStatus: 'draft', publicChanged: false },
      submit: { publicStatus: 'review', workingStatus: 'review', publicChanged: false },
      publish: { publicStatus: 'published', workingStatus: 'published', publicChanged: true },
      unpublish: 'refused',
      archive: { publicStatus: 'archived', workingStatus: 'archived', publicChanged: false },
      restore: { publicStatus: 'draft', workingStatus: 'draft', publicChanged: false },
    },
    archived: {
      save: { publicStatus: 'draft', workingStatus: 'draft', publicChanged: false },
      submit: { publicStatus: 'review', workingStatus: 'review', publicChanged: false },
      publish: { publicStatus: 'published', workingStatus: 'published', publicChanged: true },
      unpublish: 'refused',
      archive: 'refused',
      restore: { publicStatus: 'draft', workingStatus: 'draft', publicChanged: false },
    },
  } as const;

  for (const from of STATUSES) {
    for (const action of LIFECYCLE_ACTIONS) {
      it(`${from} × ${action}`, () => {
        const want = expected[from][action];
        const got = transition(from, action);
        if (want === 'refused') expect(got).toMatchObject({ ok: false });
        else
          expect(got).toEqual({
            ok: true,
            ...want,
            pending: want.publicStatus === 'published' && want.workingStatus !== 'published',
          });
      });
    }
  }

  it('the public site changes exactly when a guide goes on or off it', () => {
    for (const from of STATUSES) {
      for (const action of LIFECYCLE_ACTIONS) {
        const t = transition(from, action);
        if (!t.ok) continue;
        const wasPublic = from === 'published';
        const isPublic = t.publicStatus === 'published';
        expect(t.publicChanged).toBe(wasPublic !== isPublic || action === 'publish');
      }
    }
  });
});
