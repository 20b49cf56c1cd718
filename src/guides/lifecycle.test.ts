import { describe, expect, it } from 'vitest';
import type { GuideStatus } from './schema.ts';
import { LIFECYCLE_ACTIONS, transition, type LifecycleAction } from './lifecycle.ts';

/** Every standing a stored guide can be in: public status, then the working copy's status. */
const STANDINGS = [
  ['published', 'published'],
  ['published', 'draft'],
  ['published', 'review'],
  ['draft', 'draft'],
  ['review', 'review'],
  ['archived', 'archived'],
] as const satisfies readonly (readonly [GuideStatus, GuideStatus])[];
type Pair<T> = T extends readonly [infer P extends string, infer W extends string] ? `${P}/${W}` : never;
type Standing = Pair<(typeof STANDINGS)[number]>;

/** public status, working status, public changed; 'refused' when the action is not allowed. */
type Want = readonly [GuideStatus, GuideStatus, boolean] | 'refused';

describe('the guide lifecycle', () => {
  // Every combination, written out: the table is the contract editors rely on.
  const expected: Record<Standing, Record<LifecycleAction, Want>> = {
    'published/published': {
      save: ['published', 'draft', false],
      submit: ['published', 'review', false],
      publish: ['published', 'published', true],
      unpublish: ['draft', 'draft', true],
      archive: ['archived', 'archived', true],
      restore: ['published', 'draft', false],
      'request-changes': 'refused',
      schedule: 'refused',
    },
    'published/draft': {
      save: ['published', 'draft', false],
      submit: ['published', 'review', false],
      publish: ['published', 'published', true],
      unpublish: ['draft', 'draft', true],
      archive: ['archived', 'archived', true],
      restore: ['published', 'draft', false],
      'request-changes': 'refused',
      schedule: 'refused',
    },
    'published/review': {
      save: ['published', 'review', false],
      submit: ['published', 'review', false],
      publish: ['published', 'published', true],
      unpublish: ['draft', 'draft', true],
      archive: ['archived', 'archived', true],
      restore: ['published', 'draft', false],
      'request-changes': ['published', 'draft', false],
      schedule: ['published', 'review', false],
    },
    'draft/draft': {
      save: ['draft', 'draft', false],
      submit: ['review', 'review', false],
      publish: ['published', 'published', true],
      unpublish: 'refused',
      archive: ['archived', 'archived', false],
      restore: ['draft', 'draft', false],
      'request-changes': 'refused',
      schedule: 'refused',
    },
    'review/review': {
      save: ['review', 'review', false],
      submit: ['review', 'review', false],
      publish: ['published', 'published', true],
      unpublish: 'refused',
      archive: ['archived', 'archived', false],
      restore: ['draft', 'draft', false],
      'request-changes': ['draft', 'draft', false],
      schedule: ['review', 'review', false],
    },
    'archived/archived': {
      save: ['draft', 'draft', false],
      submit: ['review', 'review', false],
      publish: ['published', 'published', true],
      unpublish: 'refused',
      archive: 'refused',
      restore: ['draft', 'draft', false],
      'request-changes': 'refused',
      schedule: 'refused',
    },
  };

  for (const [pub, working] of STANDINGS) {
    for (const action of LIFECYCLE_ACTIONS) {
      it(`${pub}/${working} × ${action}`, () => {
        const want = expected[`${pub}/${working}` as Standing][action];
        const got = transition(pub, action, working);
        if (want === 'refused') expect(got).toMatchObject({ ok: false });
        else
          expect(got).toEqual({
            ok: true,
            publicStatus: want[0],
            workingStatus: want[1],
            publicChanged: want[2],
            pending: want[0] === 'published' && want[1] !== 'published',
          });
      });
    }
  }

  it('a guide with one copy needs no working status', () => {
    expect(transition('review', 'save')).toEqual(transition('review', 'save', 'review'));
    expect(transition('draft', 'request-changes')).toMatchObject({ ok: false });
  });

  it('the public site changes exactly when a guide goes on or off it', () => {
    for (const [from, working] of STANDINGS) {
      for (const action of LIFECYCLE_ACTIONS) {
        const t = transition(from, action, working);
        if (!t.ok) continue;
        const wasPublic = from === 'published';
        const isPublic = t.publicStatus === 'published';
        expect(t.publicChanged).toBe(wasPublic !== isPublic || action === 'publish');
      }
    }
  });
});
