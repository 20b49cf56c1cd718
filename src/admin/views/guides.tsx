import type { EditorListRow, RevisionSummary } from '../../guides/editing.ts';
import { AdminLayout, Csrf, Notice, type AdminContext } from './layout.tsx';
import { RevisionMarkBadge, revisionMarks, type GuideStanding, type RevisionMark } from './guide-panel.tsx';

export interface GuideListFilters {
  q?: string;
  status?: string;
  assignee?: string;
  category?: string;
  brand?: string;
  lint?: string;
  stale?: string;
}
/** The filters kept in the list's address, in the order they appear in the form. */
export const LIST_FILTER_KEYS = ['q', 'status', 'assignee', 'category', 'brand', 'lint', 'stale'] as const;

export interface ListedGuide extends EditorListRow {
  warnings: number;
  /** A draft saved before everything required was filled in. */
  incomplete?: boolean;
  stale: boolean;
}

export function GuideListPage({
  ctx,
  guides,
  filters,
  categories,
  brands,
  assignees,
  staleMonths,
  truncated,
  queryMax,
  message,
  error,
}: {
  ctx: AdminContext;
  guides: readonly ListedGuide[];
  filters: GuideListFilters;
  categories: readonly string[];
  brands: readonly string[];
  /** Emails of the active accounts work can be assigned to. */
  assignees: readonly string[];
  staleMonths: number;
  /** More guides matched than are listed. */
  truncated?: boolean;
  queryMax: number;
  message?: string;
  error?: string;
}) {
  const select = (
    name: keyof GuideListFilters,
    label: string,
    options: readonly (readonly [string, string])[],
  ) => (
    <span class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option value={value} selected={filters[name] === value}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
  const me = ctx.user?.email;
  return (
    <AdminLayout ctx={ctx} title="Guides">
      <h1>Guides</h1>
      <Notice message={message} />
      <Notice message={error} kind="error" />
      <p class="queue">
        Review queue: <a href="/admin?assignee=me">assigned to me</a> ·{' '}
        <a href="/admin?status=review">in review</a> ·{' '}
        <a href="/admin?status=review&amp;assignee=me">in review, assigned to me</a>
      </p>
      <form method="get" action="/admin" class="filters" role="search">
        <span class="field">
          <label for="filter-q">Search</label>
          <input
            id="filter-q"
            name="q"
            type="search"
            value={filters.q ?? ''}
            maxLength={queryMax}
            placeholder="Code, title or text"
          />
        </span>
        {select(
          'status',
          'Status',
          ['draft', 'review', 'published', 'archived'].map((s) => [s, s] as const),
        )}
        {select('assignee', 'Assigned to', [
          ['me', 'Me'],
          ['none', 'Nobody'],
          ...assignees.filter((a) => a !== me).map((a) => [a, a] as const),
        ])}
        {select(
          'category',
          'Category',
          categories.map((c) => [c, c] as const),
        )}
        {select(
          'brand',
          'Brand',
          brands.map((b) => [b, b] as const),
        )}
        {select('lint', 'Lint', [['warnings', 'With warnings']] as const)}
        {select('stale', 'Reviewed', [['yes', `More than ${staleMonths} months ago`]] as const)}
        <button type="submit">Filter</button>
      </form>
      <p class="hint">
        {guides.length} guide(s){truncated && ': only the first ones are listed, narrow the search'}
      </p>
      <form method="post" action="/admin/bulk" class="bulk">
        <Csrf token={ctx.csrfToken} />
        {LIST_FILTER_KEYS.map(
          (key) => filters[key] && <input type="hidden" name={`back.${key}`} value={filters[key]} />,
        )}
        <fieldset class="filters">
          <legend>With the selected guides</legend>
          <span class="field">
            <label for="bulk-action">Action</label>
            <select id="bulk-action" name="action">
              <option value="submit">Submit for review</option>
              <option value="publish">Publish</option>
              <option value="archive">Archive</option>
              <option value="assign">Assign to…</option>
            </select>
          </span>
          <span class="field">
            <label for="bulk-assignee">Assignee (for Assign)</label>
            <select id="bulk-assignee" name="assignee">
              <option value="">Nobody</option>
              {assignees.map((a) => (
                <option value={a}>{a}</option>
              ))}
            </select>
          </span>
          <button type="submit">Apply to selected</button>
        </fieldset>
        <table class="admin-table stack-on-phone">
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">Select</span>
              </th>
              <th scope="col">Code</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Assigned to</th>
              <th scope="col">Lint</th>
              <th scope="col">Reviewed</th>
            </tr>
          </thead>
          <tbody>
            {guides.map((g) => (
              <tr>
                <td data-label="Select">
                  <input
                    type="checkbox"
                    name="guide"
                    value={`${g.id}@${g.revision}`}
                    id={`pick-${g.id}`}
                    aria-label={`Select ${g.code}: ${g.title}`}
                  />
                </td>
                <td data-label="Code">
                  <code>{g.code}</code>
                </td>
                <td data-label="Title">
                  <a href={`/admin/guides/${g.id}/edit`}>{g.title}</a>
                  <br />
                  <span class="hint">
                    {g.brand} {g.product} · revision {g.revision} ·{' '}
                    <a href={`/admin/guides/${g.id}/history`}>history</a> ·{' '}
                    <a href={`/admin/guides/${g.id}/stats`}>what worked</a>
                    {g.status === 'review' && (
                      <>
                        {' · '}
                        <a href={`/admin/guides/${g.id}/diff?from=queue`}>compare</a>
                      </>
                    )}
                  </span>
                </td>
                <td data-label="Status">
                  {g.status}
                  {g.pendingDraft && ' (published version live)'}
                </td>
                <td data-label="Assigned to">{g.assignedTo ?? '—'}</td>
                <td data-label="Lint">
                  {g.incomplete ? 'incomplete draft' : g.warnings > 0 ? `${g.warnings} warning(s)` : 'ok'}
                </td>
                <td data-label="Reviewed" class={g.stale ? 'stale' : undefined}>
                  {g.reviewed}
                  {g.stale && ' (stale)'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </form>
    </AdminLayout>
  );
}

export function HistoryPage({
  ctx,
  guideId,
  title,
  revisions,
  current,
  standing,
}: {
  ctx: AdminContext;
  guideId: string;
  title: string;
  revisions: readonly RevisionSummary[];
  current: number;
  /** Where the guide stands, to mark the live revision and the one in review. */
  standing?: GuideStanding;
}) {
  const [newest, previous] = revisions;
  const marks = standing ? revisionMarks(revisions, standing) : new Map<number, RevisionMark>();
  return (
    <AdminLayout ctx={ctx} title={`History of ${guideId}`}>
      <h1>History: {title}</h1>
      <p>
        <a href={`/admin/guides/${guideId}/edit`}>Back to the editor</a> ·{' '}
        <a href={`/admin/guides/${guideId}/stats`}>What worked for readers</a>
      </p>
      <form method="get" action={`/admin/guides/${guideId}/diff`} class="filters">
        <label for="diff-a">Compare</label>
        <select id="diff-a" name="a">
          {revisions.map((r) => (
            <option value={r.number} selected={r.number === previous?.number}>
              Revision {r.number}
            </option>
          ))}
        </select>
        <label for="diff-b">with</label>
        <select id="diff-b" name="b">
          {revisions.map((r) => (
            <option value={r.number} selected={r.number === newest?.number}>
              Revision {r.number}
            </option>
          ))}
        </select>
        <button type="submit">Show changes</button>
      </form>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">Status</th>
            <th scope="col">Author</th>
            <th scope="col">When</th>
            <th scope="col">Message</th>
            <th scope="col">Restore</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr>
              <td data-label="Revision">
                <a href={`/admin/guides/${guideId}/revisions/${r.number}`}>{r.number}</a>
              </td>
              <td data-label="Status">
                {r.status}
                <RevisionMarkBadge mark={marks.get(r.number)} />
              </td>
              <td data-label="Author">{r.author}</td>
              <td data-label="When">
                <time dateTime={r.createdAt}>{r.createdAt.slice(0, 16).replace('T', ' ')}</time>
              </td>
              <td data-label="Message">{r.message}</td>
              <td>
                {r.number !== current && (
                  <form
                    method="post"
                    action={`/admin/guides/${guideId}/revisions/${r.number}/restore`}
                    class="inline"
                  >
                    <Csrf token={ctx.csrfToken} />
                    <input type="hidden" name="expectedRevision" value={current} />
                    <button type="submit">Restore as new revision</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
