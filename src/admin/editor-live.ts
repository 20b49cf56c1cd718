import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../base/errors.ts';
import { AUTOSAVE_MAX_BYTES, dropAutosave, getAutosave, putAutosave } from '../guides/autosave.ts';
import type { Db } from '../store/db.ts';
import { workingCopy } from '../guides/editing.ts';
import { lintGuide } from '../guides/lint.ts';
import {
  draftFor,
  formToDraft,
  lintFieldToFormField,
  readStashedForm,
  stashOf,
  validateDraft,
  type StashedForm,
} from './guide-form.ts';
import { fieldLabel } from './views/editor-labels.ts';
import { editorPath, guard, signedInUser, type AdminDeps, type FormBody } from './http.ts';

/** This user's autosave of a guide as a form, when the address asks to restore it (`?restore=autosave`). */
export async function restoredAutosave(
  db: Db,
  userId: number,
  guideId: string,
  restore: string | undefined,
): Promise<(StashedForm & { notice: string }) | undefined> {
  if (restore !== 'autosave') return undefined;
  const found = await getAutosave(db, { userId, guideId });
  const form = found && readStashedForm(found.data);
  if (!found || !form) return undefined;
  const at = `${found.savedAt.slice(0, 10)} ${found.savedAt.slice(11, 16)} UTC`;
  return { ...form, notice: `Restored your unsaved changes from ${at}. They are not saved yet.` };
}

/** Lint requests per user and minute: one every couple of seconds of typing, with room to spare. */
export const LINT_PER_MINUTE = 60;

type GuideQuery = { Querystring: { guide?: string } };

/**
 * The editor's background requests (public/admin-editor.js): autosave of the form as it is typed, its
 * discard, and lint of the form as it stands. Each takes the form body with its CSRF token, is bounded in
 * size, and answers only for the signed-in user; nothing here writes a revision.
 */
export function editorLiveRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, catalog, csrfCheck } = deps;

  /** The guide an autosave is for: '' (a new guide) or one that exists. */
  const guideOf = async (request: FastifyRequest<GuideQuery>): Promise<string> => {
    const guideId = typeof request.query.guide === 'string' ? request.query.guide : '';
    if (guideId.length > 120) throw new AppError('INVALID_REQUEST', 'That is not a guide id.');
    if (guideId !== '' && !(await workingCopy(db, guideId))) {
      throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${guideId}".`);
    }
    return guideId;
  };

  app.post<GuideQuery & { Body: FormBody }>(
    '/admin/autosave',
    { preValidation: csrfCheck, preHandler: guard(), bodyLimit: AUTOSAVE_MAX_BYTES },
    async (request, reply) => {
      const guideId = await guideOf(request);
      const data = JSON.stringify(stashOf(formToDraft(request.body)));
      if (Buffer.byteLength(data) > AUTOSAVE_MAX_BYTES) {
        throw new AppError('INVALID_REQUEST', 'The form is too large to keep; save it instead.');
      }
      const savedAt = await putAutosave(db, { userId: signedInUser(request).id, guideId }, data);
      return reply.send({ savedAt });
    },
  );

  app.post<GuideQuery & { Body: FormBody }>(
    '/admin/autosave/discard',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      const guideId = await guideOf(request);
      await dropAutosave(db, { userId: signedInUser(request).id, guideId });
      return reply.redirect(editorPath(guideId), 303);
    },
  );

  app.post<{ Body: FormBody }>(
    '/admin/lint',
    {
      preValidation: csrfCheck,
      preHandler: guard(),
      bodyLimit: AUTOSAVE_MAX_BYTES,
      config: {
        rateLimit: {
          max: LINT_PER_MINUTE,
          timeWindow: '1 minute',
          keyGenerator: (request: FastifyRequest) => `lint:${request.user?.id ?? request.ip}`,
        },
      },
    },
    async (request, reply) => {
      const submission = formToDraft(request.body);
      const id = typeof submission.form.id === 'string' ? submission.form.id : '';
      const result = validateDraft(draftFor(submission.form, id));
      // The catalog and writing rules read a whole guide: an incomplete one gets what it still needs.
      if (!result.ok) {
        const missing = Object.entries(result.errors).map(([field, message]) => ({
          field,
          text: `${fieldLabel(field)}: ${message}`,
        }));
        return reply.send({ missing, warnings: [] });
      }
      const warnings = lintGuide(result.guide, catalog)
        .filter((w) => w.severity !== 'info')
        .map((w) => ({ field: lintFieldToFormField(w.field), message: w.message }));
      return reply.send({ missing: [], warnings });
    },
  );
}
