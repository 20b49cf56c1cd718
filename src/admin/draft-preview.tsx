import type { FastifyInstance } from 'fastify';
import { AppError } from '../base/errors.ts';
import { getStash, stashGuide } from '../guides/stash.ts';
import { renderGuideHtml } from '../web/presenters.tsx';
import { draftFor, readStashedForm, validateDraft } from './guide-form.ts';
import { editorPath, guard, page, signedInUser, type AdminDeps } from './http.ts';

/** The preview of a stashed form (Preview in the editor redirects here), with a way back to the form. */
export function draftPreviewRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, catalog, origin } = deps;
  app.get<{ Params: { token: string } }>(
    '/admin/drafts/:token/preview',
    { preHandler: guard() },
    async (request, reply) => {
      const { token } = request.params;
      const userId = signedInUser(request).id;
      const guideId = await stashGuide(db, userId, token);
      const json = guideId === undefined ? undefined : await getStash(db, { userId, guideId }, token);
      const stashed = json === undefined ? undefined : readStashedForm(json);
      if (guideId === undefined || !stashed)
        throw new AppError('NOT_FOUND', 'This preview is no longer kept (previews are kept for a day).');
      const result = validateDraft(draftFor(stashed.form, guideId));
      const back = `${editorPath(guideId)}?draft=${token}`;
      // The text changed since it was previewed elsewhere: the editor shows why it cannot be previewed.
      if (!result.ok) return reply.redirect(back, 303);
      return page(
        reply,
        await renderGuideHtml(db, catalog, origin, result.guide, undefined, undefined, { backHref: back }),
      );
    },
  );
}
