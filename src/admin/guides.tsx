import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../accounts/model.ts';
import { AppError } from '../base/errors.ts';
import { getRevision, listRevisions, workingCopy } from '../guides/editing.ts';
import { lintGuide } from '../guides/lint.ts';
import { publishedById } from '../guides/repository.ts';
import { guideUrl, type Guide } from '../guides/schema.ts';
import { dropStash, getStash, putStash } from '../guides/stash.ts';
import { dropAutosave, getAutosave } from '../guides/autosave.ts';
import { completeGuide, type DraftGuide } from '../guides/draft.ts';
import { renderGuideHtml } from '../web/presenters.tsx';
import { renderDocument } from '../web/views/layout.tsx';
import { showConflict } from './conflicts.tsx';
import {
  FORM_ERROR_KEY,
  draftFor,
  emptyGuideForm,
  formToDraft,
  guideToForm,
  lintFieldToFormField,
  readStashedForm,
  stashOf,
  validateDraft,
  validateForAction,
  type FormFields,
  type FormSubmission,
  type ListName,
  type StashedForm,
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
import { GuideEditor, type EditorState } from './views/editor.tsx';
import { IncompleteRevision } from './views/editor-live.tsx';
import { restoredAutosave } from './editor-live.ts';
import { fieldId } from './views/editor-labels.ts';
import { HistoryPage } from './views/guides.tsx';
import { LoginPage } from './views/sign-in.tsx';
import { act, create, CREATE_ACTIONS, restore, type CreateAction, type WorkflowAction } from './workflow.ts';
import { reviewNotice, reviewPanelFor, UNSCHEDULED_NOTICE } from './review-panel.tsx';

/** Guide editing as HTML forms: the editor, history, diffs, restore, what worked (the list: guide-list.tsx). */
export function guideRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, catalog, origin, csrfCheck } = deps;
  const ctx = (request: FastifyRequest, reply: FastifyReply) => adminContext(origin, request, reply);

  const warningsFor = (draft: DraftGuide) => {
    const guide = completeGuide(draft);
    return guide ? lintOf(guide) : [];
  };
  const lintOf = (guide: Guide) =>
    lintGuide(guide, catalog)
      .filter((w) => w.severity !== 'info')
      .map((w) => ({ field: lintFieldToFormField(w.field), message: w.message }));

  const editor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormFields,
    options: {
      mode: 'new' | 'edit';
      revision?: number;
      errors?: Record<string, string>;
      notice?: string;
      message?: string;
      /** The stored working copy: lint warnings when complete, what is missing when not. */
      guide?: DraftGuide;
      status?: number;
      /** The token of the stash the form came from, sent back so later stashes reuse it. */
      stash?: string;
      /** The stored guide's id in edit mode: where it stands decides the status line and buttons. */
      id?: string;
      /** Offer this user's autosave of the guide (not when the form shown is one already). */
      offerAutosave?: boolean;
    },
  ) => {
    const id = options.id;
    const [copy, history, live] =
      id === undefined
        ? [undefined, undefined, undefined]
        : await Promise.all([workingCopy(db, id), listRevisions(db, id), publishedById(db, id)]);
    const autosave = options.offerAutosave
      ? await getAutosave(db, { userId: signedInUser(request).id, guideId: id ?? '' })
      : undefined;
    const state: EditorState | undefined = copy && {
      status: copy.guide.status,
      publicStatus: copy.publicStatus,
      pending: copy.pendingDraft,
    };
    return page(
      reply,
      renderDocument(
        <GuideEditor
          origin={origin}
          csrfToken={reply.generateCsrf()}
          form={form}
          errors={options.errors}
          warnings={options.guide ? warningsFor(options.guide) : []}
          revision={options.revision}
          mode={options.mode}
          canPublish={can(signedInUser(request).role, 'publish')}
          canArchive={can(signedInUser(request).role, 'publish')}
          message={options.message}
          notice={options.notice}
          stash={options.stash}
          state={state}
          user={request.user ?? undefined}
          history={history}
          liveHref={live && guideUrl(live.guide)}
          review={
            copy &&
            history &&
            (await reviewPanelFor(db, {
              copy,
              history,
              user: signedInUser(request),
              csrfToken: reply.generateCsrf(),
            }))
          }
          autosavedAt={autosave?.savedAt}
          missing={
            options.guide && !options.errors && !completeGuide(options.guide)
              ? missingOf(form, id ?? '')
              : undefined
          }
        />,
      ),
      options.status ?? (options.errors && Object.keys(options.errors).length > 0 ? 422 : 200),
    );
  };

  /** The stashed form a `draft` token names, if it is this user's for this guide. */
  const stashed = async (
    request: FastifyRequest<{ Querystring: { draft?: string } }>,
    guideId: string,
  ): Promise<(StashedForm & { token: string }) | undefined> => {
    const token = request.query.draft;
    if (!token) return undefined;
    const json = await getStash(db, { userId: signedInUser(request).id, guideId }, token);
    const form = json === undefined ? undefined : readStashedForm(json);
    return form && { ...form, token };
  };
  const restoredNotice = (request: FastifyRequest<{ Querystring: { from?: string } }>) =>
    request.query.from === 'sign-in'
      ? 'You are signed in again and your text is back as you left it. It is not saved yet: press a button below to save it.'
      : request.query.from === 'merge'
        ? 'Your merge is here to finish, based on the newest revision. It is not saved yet: press a button below to save it.'
        : undefined;
  const lostNotice = 'The unsaved text this link pointed to is no longer kept (it is kept for a day).';
  const autosaved = (request: FastifyRequest<{ Querystring: { restore?: string } }>, guideId: string) =>
    restoredAutosave(db, signedInUser(request).id, guideId, request.query.restore);

  /**
   * The guard of the editor's form posts: a session that ended (signed out in another tab, expired)
   * gets the sign-in page carrying the form, never a redirect that drops it.
   */
  const editorGuard =
    (guideId: (request: FastifyRequest) => string) =>
    async (request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) => {
      if (request.user) return guard()(request, reply);
      const carried = JSON.stringify(stashOf(formToDraft(request.body)));
      return page(
        reply,
        renderDocument(
          <LoginPage ctx={ctx(request, reply)} next={editorPath(guideId(request))} carried={carried} />,
        ),
        401,
      );
    };

  /**
   * Post/Redirect/Get for the buttons that only change what is on screen: the form goes to a stash and
   * the browser to a page that Back and reload fetch again without "Confirm Form Resubmission".
   */
  const stashAndShow = async (
    request: FastifyRequest<{ Body: FormBody }>,
    reply: FastifyReply,
    guideId: string,
    submission: FormSubmission,
  ) => {
    const token = await putStash(
      db,
      { userId: signedInUser(request).id, guideId },
      JSON.stringify(stashOf(submission)),
      one(request.body.stash) || undefined,
    );
    if (submission.action === 'preview') return reply.redirect(`/admin/drafts/${token}/preview`, 303);
    const list = submission.action.slice(4) as ListName;
    return reply.redirect(`${editorPath(guideId)}?draft=${token}#${newRowField(submission.form, list)}`, 303);
  };

  app.get<{ Querystring: { draft?: string; from?: string; restore?: string } }>(
    '/admin/guides/new',
    { preHandler: guard() },
    async (request, reply) => {
      const restored = await stashed(request, '');
      const auto = restored ? undefined : await autosaved(request, '');
      if (auto)
        return editor(request, reply, auto.form, { mode: 'new', message: auto.message, notice: auto.notice });
      if (!restored)
        return editor(request, reply, emptyGuideForm(), {
          mode: 'new',
          notice: request.query.draft ? lostNotice : undefined,
          offerAutosave: true,
        });
      return editor(request, reply, restored.form, {
        mode: 'new',
        message: restored.message,
        notice: restoredNotice(request),
        stash: restored.token,
      });
    },
  );

  app.post<{ Body: FormBody }>(
    '/admin/guides',
    { preValidation: csrfCheck, preHandler: editorGuard(() => '') },
    async (request, reply) => {
      const submission = formToDraft(request.body);
      if (submission.action.startsWith('add:')) return stashAndShow(request, reply, '', submission);
      const result = validateForAction(submission.action, draftFor(submission.form, ''));
      if (!result.ok)
        return editor(request, reply, submission.form, {
          mode: 'new',
          errors: result.errors,
          message: submission.message,
          stash: one(request.body.stash) || undefined,
        });
      if (submission.action === 'preview') return stashAndShow(request, reply, '', submission);
      const action = submission.action as CreateAction;
      const refuse = (field: string, message: string, status: number) =>
        editor(request, reply, submission.form, {
          mode: 'new',
          errors: { [field]: message },
          message: submission.message,
          stash: one(request.body.stash) || undefined,
          status,
        });
      // Unpublish and archive are not offered for a guide that does not exist yet.
      if (!(CREATE_ACTIONS as readonly string[]).includes(action))
        return refuse(FORM_ERROR_KEY, 'Save, submit or publish a new guide first.', 400);
      try {
        await create(db, signedInUser(request), {
          guide: result.draft,
          action,
          message: submission.message,
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'EDIT_CONFLICT')
          return refuse('id', error.message, error.status);
        if (error instanceof AppError && error.code === 'FORBIDDEN')
          return refuse(FORM_ERROR_KEY, error.message, error.status);
        throw error;
      }
      await dropStash(db, one(request.body.stash));
      await dropAutosave(db, { userId: signedInUser(request).id, guideId: '' });
      return reply.redirect(`${editorPath(result.draft.id)}?done=created-${action}`, 303);
    },
  );

  app.get<{
    Params: { id: string };
    Querystring: { done?: string; draft?: string; from?: string; unscheduled?: string; restore?: string };
  }>('/admin/guides/:id/edit', { preHandler: guard() }, async (request, reply) => {
    const copy = await workingCopy(db, request.params.id);
    if (!copy) throw new AppError('GUIDE_NOT_FOUND', `There is no guide "${request.params.id}".`);
    const restored = await stashed(request, request.params.id);
    if (restored) {
      // The revision the text was opened at, so saving over someone else's work is still refused.
      return editor(request, reply, restored.form, {
        mode: 'edit',
        id: request.params.id,
        revision: restored.expectedRevision ?? copy.revision,
        message: restored.message,
        notice: restoredNotice(request),
        guide: copy.guide,
        stash: restored.token,
      });
    }
    const auto = await autosaved(request, request.params.id);
    if (auto) {
      return editor(request, reply, auto.form, {
        mode: 'edit',
        id: request.params.id,
        revision: auto.expectedRevision ?? copy.revision,
        message: auto.message,
        notice: auto.notice,
        guide: copy.guide,
      });
    }
    const notice = request.query.draft
      ? lostNotice
      : [
          noticeFor(request.query.done, copy.revision, copy.pendingDraft, copy.guide.status === 'review'),
          request.query.unscheduled === '1' ? UNSCHEDULED_NOTICE : undefined,
        ]
          .filter(Boolean)
          .join(' ') || undefined;
    return editor(request, reply, guideToForm(copy.guide), {
      mode: 'edit',
      id: request.params.id,
      revision: copy.revision,
      notice,
      guide: copy.guide,
      offerAutosave: true,
    });
  });

  app.post<{ Params: { id: string }; Body: FormBody }>(
    '/admin/guides/:id',
    {
      preValidation: csrfCheck,
      preHandler: editorGuard((request) => (request.params as { id: string }).id),
    },
    async (request, reply) => {
      const id = request.params.id;
      const submission = formToDraft(request.body);
      const revision = submission.expectedRevision;
      const again = (extra: {
        errors?: Record<string, string>;
        notice?: string;
        status?: number;
        guide?: DraftGuide;
      }) =>
        editor(request, reply, submission.form, {
          mode: 'edit',
          id,
          revision,
          message: submission.message,
          stash: one(request.body.stash) || undefined,
          ...extra,
        });
      if (submission.action.startsWith('add:')) return stashAndShow(request, reply, id, submission);
      const result = validateForAction(submission.action, draftFor(submission.form, id));
      if (!result.ok) return again({ errors: result.errors });
      if (submission.action === 'preview') return stashAndShow(request, reply, id, submission);
      if (revision === undefined)
        return again({
          errors: { [FORM_ERROR_KEY]: 'The form has no revision number: reload the guide.' },
          status: 400,
        });
      let unscheduled = false;
      try {
        const saved = await act(db, signedInUser(request), {
          id,
          action: submission.action as WorkflowAction,
          expectedRevision: revision,
          guide: result.draft,
          message: submission.message,
        });
        unscheduled =
          saved.scheduleCancelled && (submission.action === 'save' || submission.action === 'submit');
      } catch (error) {
        // A stale copy keeps the editor's text, says who saved since, and offers a merge.
        if (error instanceof AppError && error.code === 'EDIT_CONFLICT')
          return showConflict(deps, request, reply, {
            guideId: id,
            mine: submission.form,
            baseRevision: revision,
            message: submission.message,
            stash: one(request.body.stash) || undefined,
          });
        if (
          error instanceof AppError &&
          (error.code === 'STATUS_CONFLICT' || error.code === 'FORBIDDEN' || error.code === 'INVALID_REQUEST')
        ) {
          return again({
            errors: { [FORM_ERROR_KEY]: error.message },
            status: error.status,
            guide: result.draft,
          });
        }
        throw error;
      }
      await dropStash(db, one(request.body.stash));
      await dropAutosave(db, { userId: signedInUser(request).id, guideId: id });
      const cancelled = unscheduled ? '&unscheduled=1' : '';
      return reply.redirect(`${editorPath(id)}?done=${submission.action}${cancelled}`, 303);
    },
  );

  // --- history ------------------------------------------------------------------------------------
  app.get<{ Params: { id: string } }>(
    '/admin/guides/:id/history',
    { preHandler: guard() },
    async (request, reply) => {
      const copy = await workingCopy(db, request.params.id);
      if (!copy) throw new AppError('GUIDE_NOT_FOUND');
      const revisions = await listRevisions(db, request.params.id);
      return page(
        reply,
        renderDocument(
          <HistoryPage
            ctx={ctx(request, reply)}
            guideId={request.params.id}
            title={copy.guide.title}
            revisions={revisions}
            current={copy.revision}
            standing={{
              status: copy.guide.status,
              publicStatus: copy.publicStatus,
              pending: copy.pendingDraft,
            }}
          />,
        ),
      );
    },
  );

  app.get<{ Params: { id: string; n: string } }>(
    '/admin/guides/:id/revisions/:n',
    { preHandler: guard() },
    async (request, reply) => {
      const n = numberParam(request.params.n);
      const draft = await getRevision(db, request.params.id, n);
      if (!draft)
        throw new AppError('NOT_FOUND', `Guide "${request.params.id}" has no revision ${request.params.n}.`);
      const guide = completeGuide(draft);
      if (!guide) {
        const view = <IncompleteRevision ctx={ctx(request, reply)} guideId={request.params.id} number={n} />;
        return page(reply, renderDocument(view));
      }
      return page(reply, await renderGuideHtml(db, catalog, origin, guide));
    },
  );

  // The diff between two revisions: compare.tsx.

  app.post<{ Params: { id: string; n: string }; Body: FormBody }>(
    '/admin/guides/:id/revisions/:n/restore',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      await restore(
        db,
        signedInUser(request),
        request.params.id,
        numberParam(request.params.n),
        numberParam(one(request.body.expectedRevision)),
      );
      return reply.redirect(`/admin/guides/${request.params.id}/edit?done=restored`, 303);
    },
  );
}

/** What a form still needs before it can be submitted or published, by form field name. */
function missingOf(form: FormFields, guideId: string): Record<string, string> {
  const result = validateDraft(draftFor(form, guideId));
  return result.ok ? {} : result.errors;
}

/** The first input of a list's last row, where the page scrolls after "Add a …". */
function newRowField(form: FormFields, list: ListName): string {
  const index = Math.max(0, form[list].length - 1);
  const first: Partial<Record<ListName, string>> = { steps: 'action', faq: 'question', sources: 'title' };
  const key = first[list];
  return fieldId(key === undefined ? `${list}.${index}` : `${list}.${index}.${key}`);
}

function noticeFor(
  done: string | undefined,
  revision: number,
  pendingDraft: boolean,
  inReview: boolean,
): string | undefined {
  if (done === 'save' && inReview) return `Saved as revision ${revision}: still in review.`;
  const messages: Record<string, string> = {
    'created-save': 'Guide created as a draft.',
    'created-submit': 'Guide created and submitted for review.',
    'created-publish': 'Guide created and published: the public page and search are updated.',
    save: `Draft saved as revision ${revision}.${pendingDraft ? ' The published version stays live until you publish.' : ''}`,
    submit: `Submitted for review as revision ${revision}.`,
    publish: `Published (revision ${revision}): the public page and search are updated.`,
    unpublish: 'Unpublished: the guide is no longer on the public site.',
    archive: 'Archived: the guide is no longer on the public site.',
    restored: `Restored as revision ${revision}, a draft.`,
    merged: `Merged and saved as revision ${revision}, a draft.`,
    'kept-theirs': `Their version is kept (revision ${revision}); your changes were set aside.`,
  };
  return done ? (messages[done] ?? reviewNotice(done)) : undefined;
}
