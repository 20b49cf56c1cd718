import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../base/errors.ts';
import type { Guide } from '../guides/schema.ts';
import type { Db } from '../store/db.ts';
import { getRevision, listRevisions, workingCopy } from '../guides/editing.ts';
import { plainText } from '../guides/markdown.ts';
import { dropStash, getStash, putStash } from '../guides/stash.ts';
import { renderDocument } from '../web/views/layout.tsx';
import {
  formToGuideDraft,
  guideToForm,
  readStashedForm,
  validateDraft,
  type FormFields,
} from './guide-form.ts';
import {
  adminContext,
  editorPath,
  guard,
  numberParam,
  one,
  page,
  signedInUser,
  type AdminDeps,
  type FormBody,
} from './http.ts';
import {
  allFrom,
  defaultSide,
  mergeFields,
  mergeForms,
  readChoices,
  type MergeField,
  type Side,
} from './merge.ts';
import { fieldLabel } from './views/editor-labels.ts';
import { MergePage } from './views/merge.tsx';
import { act } from './workflow.ts';

/**
 * Saves refused because someone saved in between: the editor's form goes to a stash, and the merge page
 * shows who saved, both versions of every differing field, and merges them field by field into a new
 * working copy on top of the newer revision (a save after that one starts the same page again).
 */

export interface Conflict {
  guideId: string;
  /** The editor's text, the revision it started from and the revision message. */
  mine: FormFields;
  baseRevision: number;
  message: string;
  /** The stash already holding this form, reused so one edit keeps one token. */
  stash?: string;
}

/** The guide as a form, for the schema: the id never changes and the lifecycle sets the status. */
function draftOf(form: FormFields, guideId: string): unknown {
  return { ...formToGuideDraft(form), status: 'draft', id: guideId };
}

async function revisionForm(deps: AdminDeps, guideId: string, number: number) {
  const guide = await getRevision(deps.db, guideId, number);
  return guide && guideToForm(guide);
}

/** The newest copy, the saves since the base, and the fields that differ from the editor's form. */
async function loadConflict(db: Db, guideId: string, baseRevision: number, mine: FormFields) {
  const copy = await workingCopy(db, guideId);
  if (!copy) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${guideId}".`);
  const [base, revisions] = await Promise.all([
    getRevision(db, guideId, baseRevision),
    listRevisions(db, guideId),
  ]);
  const saves = revisions.filter((r) => r.number > baseRevision);
  const fields = mergeFields(base && guideToForm(base), guideToForm(copy.guide), mine);
  return { copy, base, saves, fields };
}

/**
 * The JSON API's account of a refused save (the `conflict` of its 409 answer): the three versions, who
 * saved since the base and when, and each differing field with who changed it and its default side.
 */
export async function conflictDetails(db: Db, guideId: string, baseRevision: number, mine: Guide) {
  const { copy, base, saves, fields } = await loadConflict(db, guideId, baseRevision, guideToForm(mine));
  return {
    base: { revision: baseRevision, guide: base ?? null },
    theirs: {
      revision: copy.revision,
      guide: copy.guide,
      saves: saves.map((r) => ({
        revision: r.number,
        author: r.author,
        savedAt: r.createdAt,
        message: r.message,
      })),
    },
    mine: { guide: mine },
    fields: fields.map((f) => ({
      field: f.key,
      label: f.label,
      changedBy: f.changedBy,
      theirChange: f.theirChange,
      myChange: f.myChange,
      default: defaultSide(f) ?? null,
    })),
  };
}

/** Keeps the editor's text and answers with the merge page (409). */
export async function showConflict(
  deps: AdminDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  conflict: Conflict,
  extra: { choices?: Record<string, Side>; missing?: MergeField[]; notice?: string; status?: number } = {},
) {
  const { db } = deps;
  const { guideId, mine, baseRevision, message } = conflict;
  const token = await putStash(
    db,
    { userId: signedInUser(request).id, guideId },
    JSON.stringify({ form: mine, message, expectedRevision: baseRevision }),
    conflict.stash,
  );
  const { copy, saves, fields } = await loadConflict(db, guideId, baseRevision, mine);
  return page(
    reply,
    renderDocument(
      <MergePage
        ctx={adminContext(deps.origin, request, reply)}
        guideId={guideId}
        title={plainText(copy.guide.title)}
        baseRevision={baseRevision}
        theirRevision={copy.revision}
        saves={saves}
        fields={fields}
        stash={token}
        choices={extra.choices}
        missing={extra.missing}
        message={message || `Merged my edit with revision ${copy.revision}`}
        notice={extra.notice}
      />,
    ),
    extra.status ?? 409,
  );
}

const MERGE_ACTIONS = ['save', 'edit', 'all-theirs', 'all-mine'] as const;
type MergeAction = (typeof MERGE_ACTIONS)[number];

export function conflictRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, csrfCheck } = deps;

  app.post<{ Params: { id: string }; Body: FormBody }>(
    '/admin/guides/:id/merge',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      const guideId = request.params.id;
      const user = signedInUser(request);
      const token = one(request.body.stash);
      const json = await getStash(db, { userId: user.id, guideId }, token);
      const stashed = json === undefined ? undefined : readStashedForm(json);
      if (!stashed || stashed.expectedRevision === undefined)
        throw new AppError('NOT_FOUND', 'This merge is no longer kept (unsaved text is kept for a day).');
      const theirRevision = numberParam(one(request.body.theirs));
      const theirs = await revisionForm(deps, guideId, theirRevision);
      if (!theirs) throw new AppError('NOT_FOUND', `Guide "${guideId}" has no revision ${theirRevision}.`);
      const base = await revisionForm(deps, guideId, stashed.expectedRevision);
      const action = (MERGE_ACTIONS as readonly string[]).includes(one(request.body.action))
        ? (one(request.body.action) as MergeAction)
        : 'save';
      const message = one(request.body.message).trim().slice(0, 500);
      const mine = stashed.form;
      const conflict: Conflict = {
        guideId,
        mine,
        baseRevision: stashed.expectedRevision,
        message,
        stash: token,
      };

      const fields = mergeFields(base, theirs, mine);
      const choices =
        action === 'all-theirs'
          ? allFrom(fields, 'theirs')
          : action === 'all-mine'
            ? allFrom(fields, 'mine')
            : readChoices(request.body);
      const merged = mergeForms(base, theirs, mine, choices);
      if (!merged.ok)
        return showConflict(deps, request, reply, conflict, {
          choices,
          missing: merged.missing,
          status: 400,
        });

      if (action === 'edit') {
        await putStash(
          db,
          { userId: user.id, guideId },
          JSON.stringify({ form: merged.form, message, expectedRevision: theirRevision }),
          token,
        );
        return reply.redirect(`${editorPath(guideId)}?draft=${token}&from=merge`, 303);
      }
      // Nothing of mine is left: their revision stays as it is, without an empty revision on top.
      if (mergeFields(undefined, theirs, merged.form).length === 0) {
        await dropStash(db, token);
        return reply.redirect(`${editorPath(guideId)}?done=kept-theirs`, 303);
      }
      const result = validateDraft(draftOf(merged.form, guideId));
      if (!result.ok) {
        const problems = Object.entries(result.errors)
          .map(([name, problem]) => `${fieldLabel(name)}: ${problem}`)
          .join('; ');
        return showConflict(deps, request, reply, conflict, {
          choices,
          notice: `The merge is not a complete guide yet (${problems}). Choose other versions, or open the merge in the editor to fix it.`,
          status: 422,
        });
      }
      try {
        await act(db, user, {
          id: guideId,
          action: 'save',
          expectedRevision: theirRevision,
          guide: result.guide,
          message: message || `Merged with revision ${theirRevision}`,
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'EDIT_CONFLICT') {
          // A third save: the merge is now the editor's text, based on the revision it was merged with.
          return showConflict(
            deps,
            request,
            reply,
            { guideId, mine: merged.form, baseRevision: theirRevision, message, stash: token },
            {
              notice:
                'Someone saved again while you merged. Your merge is kept: compare it with the newest save.',
            },
          );
        }
        if (error instanceof AppError && (error.code === 'STATUS_CONFLICT' || error.code === 'FORBIDDEN'))
          return showConflict(deps, request, reply, conflict, {
            choices,
            notice: error.message,
            status: error.status,
          });
        throw error;
      }
      await dropStash(db, token);
      return reply.redirect(`${editorPath(guideId)}?done=merged`, 303);
    },
  );
}
