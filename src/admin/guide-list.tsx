import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listUsers } from '../accounts/repository.ts';
import { AppError } from '../base/errors.ts';
import { listForEditors, type EditorListFilter } from '../guides/editing.ts';
import { EDITOR_QUERY_MAX } from '../guides/editor-search.ts';
import { lintGuide } from '../guides/lint.ts';
import { completeGuide } from '../guides/draft.ts';
import { STATUSES, type GuideStatus } from '../guides/schema.ts';
import { renderDocument } from '../web/views/layout.tsx';
import {
  adminContext,
  guard,
  numberParam,
  one,
  page,
  signedInUser,
  type AdminDeps,
  type FormBody,
} from './http.ts';
import { GuideListPage, LIST_FILTER_KEYS, type GuideListFilters, type ListedGuide } from './views/guides.tsx';
import { BULK_ACTIONS, BULK_LIMIT, bulkAct, bulkSummary, type BulkAction } from './workflow.ts';

/** A signed, short-lived cookie carries the bulk summary across the redirect, so no URL can fake one. */
const FLASH_COOKIE = 'errata_flash';

/** The guide list: search, filters kept in the address, the review queue and bulk actions. */
export function guideListRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, catalog, origin, staleMonths, csrfCheck, secureCookies } = deps;

  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    filters: GuideListFilters,
    notes: { message?: string; error?: string; status?: number },
  ) => {
    const me = signedInUser(request);
    const storeFilter: EditorListFilter = {};
    let error = notes.error;
    const text = filters.q ?? '';
    if (text.length > EDITOR_QUERY_MAX) {
      error = `Search for at most ${EDITOR_QUERY_MAX} characters.`;
    } else storeFilter.text = text;
    if ((STATUSES as readonly string[]).includes(filters.status ?? '')) {
      storeFilter.status = filters.status as GuideStatus;
    }
    if (filters.assignee === 'me') storeFilter.assignedTo = me.email;
    else if (filters.assignee === 'none') storeFilter.assignedTo = null;
    else if (filters.assignee) storeFilter.assignedTo = filters.assignee;
    const cutoff = new Date();
    cutoff.setMonth(cutoff.getMonth() - staleMonths);
    const staleBefore = cutoff.toISOString().slice(0, 10);
    const { guides, truncated } =
      error === undefined ? await listForEditors(db, storeFilter) : { guides: [], truncated: false };
    const listed: ListedGuide[] = guides.map(({ row, guide: draft }) => {
      const guide = completeGuide(draft);
      return {
        ...row,
        warnings: guide ? lintGuide(guide, catalog).filter((w) => w.severity !== 'info').length : 0,
        incomplete: !guide,
        stale: row.reviewed < staleBefore,
      };
    });
    const shown = listed.filter(
      (g) =>
        (!filters.category || g.category === filters.category) &&
        (!filters.brand || g.brand === filters.brand) &&
        (filters.lint !== 'warnings' || g.warnings > 0) &&
        (filters.stale !== 'yes' || g.stale),
    );
    const distinct = (key: 'category' | 'brand') => [...new Set(listed.map((g) => g[key]))].sort();
    const assignees = (await listUsers(db)).filter((u) => !u.disabled).map((u) => u.email);
    return page(
      reply,
      renderDocument(
        <GuideListPage
          ctx={adminContext(origin, request, reply)}
          guides={shown}
          filters={filters}
          categories={distinct('category')}
          brands={distinct('brand')}
          assignees={assignees}
          staleMonths={staleMonths}
          truncated={truncated}
          queryMax={EDITOR_QUERY_MAX}
          message={notes.message}
          error={error}
        />,
      ),
      error && !notes.error ? 400 : (notes.status ?? 200),
    );
  };

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(
    '/admin',
    { preHandler: guard() },
    async (request, reply) => {
      const filters = pickFilters((key) => request.query[key]);
      const flash = request.cookies[FLASH_COOKIE];
      let message: string | undefined;
      if (flash) {
        const unsigned = request.unsignCookie(flash);
        if (unsigned.valid && unsigned.value) message = unsigned.value;
        reply.clearCookie(FLASH_COOKIE, { path: '/admin' });
      }
      return listPage(request, reply, filters, { message });
    },
  );

  app.post<{ Body: FormBody }>(
    '/admin/bulk',
    { preValidation: csrfCheck, preHandler: guard() },
    async (request, reply) => {
      const back = pickFilters((key) => request.body[`back.${key}`]);
      const action = one(request.body.action);
      const picked = request.body.guide;
      const values = Array.isArray(picked) ? picked : picked ? [picked] : [];
      const refuse = (error: string) => listPage(request, reply, back, { error, status: 400 });
      if (!(BULK_ACTIONS as readonly string[]).includes(action)) return refuse('Choose an action.');
      if (values.length === 0) return refuse('Select at least one guide.');
      if (values.length > BULK_LIMIT) {
        return refuse(`Select at most ${BULK_LIMIT} guides at once.`);
      }
      const guides = values.map((value) => {
        const at = value.lastIndexOf('@');
        if (at < 1) throw new AppError('INVALID_REQUEST', 'A selected guide is not one of the list.');
        return { id: value.slice(0, at), expectedRevision: numberParam(value.slice(at + 1)) };
      });
      const assignee = one(request.body.assignee).trim() || null;
      const result = await bulkAct(db, signedInUser(request), {
        action: action as BulkAction,
        guides,
        assignee,
      });
      reply.setCookie(FLASH_COOKIE, bulkSummary(action as BulkAction, result).slice(0, 2000), {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        path: '/admin',
        maxAge: 60,
        secure: secureCookies,
      });
      const query = new URLSearchParams();
      for (const key of LIST_FILTER_KEYS) if (back[key]) query.set(key, back[key]);
      const search = query.toString();
      return reply.redirect(search ? `/admin?${search}` : '/admin', 303);
    },
  );
}

/** The known filters from a query or a form, one string each; anything else is dropped. */
function pickFilters(value: (key: string) => string | string[] | undefined): GuideListFilters {
  const filters: GuideListFilters = {};
  for (const key of LIST_FILTER_KEYS) {
    const v = one(value(key)).trim();
    if (v) filters[key] = v;
  }
  return filters;
}
