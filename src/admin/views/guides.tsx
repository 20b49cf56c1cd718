import type { EditorListRow, RevisionSummary } from '../../guides/editing.ts';
import { AdminLayout, Csrf, Notice, type AdminContext } from './layout.tsx';
import { RevisionMarkBadge, revisionMarks, type GuideStanding, type RevisionMark } from './guide-panel.tsx';

export interface GuideListFilters {
  status?: string;
  category?: string;
  brand?: string;
  lint?: string;
  stale?: string;
}

export interface ListedGuide extends EditorListRow {
  warnings: number;
  stale: boolean;
}

export function GuideListPage({
  ctx,
  guides,
  filters,
  categories,
  brands,
  staleMonths,
  message,
}: {
  ctx: AdminContext;
  guides: readonly ListedGuide[];
  filters: GuideListFilters;
  categories: readonly string[];
  brands: readonly string[];
  staleMonths: number;
  message?: string;
}) {
  const select = (
    name: keyof GuideListFilters,
    label: string,
    options: readonly (readonly [string, string])[],
  ) => (
    <>
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option value={value} selected={filters[name] === value}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <AdminLayout ctx={ctx} title="Guides">
      <h1>Guides</h1>
      <Notice message={message} />
      <form method="get" action="/admin" class="filters">
        {select(
          'status',
          'Status',
          ['draft', 'review', 'published', 'archived'].map((s) => [s, s] as const),
        )}
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
      <p class="hint">{guides.length} guide(s)</p>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Lint</th>
            <th scope="col">Reviewed</th>
          </tr>
        </thead>
        <tbody>
          {guides.map((g) => (
            <tr>
              <td>
                <code>{g.code}</code>
              </td>
              <td>
                <a href={`/admin/guides/${g.id}/edit`}>{g.title}</a>
                <br />
                <span class="hint">
                  {g.brand} {g.product} · revision {g.revision} ·{' '}
                  <a href={`/admin/guides/${g.id}/history`}>history</a> ·{' '}
                  <a href={`/admin/guides/${g.id}/stats`}>what worked</a>
                </span>
              </td>
              <td>
                {g.status}
                {g.pendingDraft && ' (published version live)'}
              </td>
              <td>{g.warnings > 0 ? `${g.warnings} warning(s)` : 'ok'}</td>
              <td class={g.stale ? 'stale' : undefined}>
                {g.reviewed}
                {g.stale && ' (stale)'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
              <td>
                <a href={`/admin/guides/${guideId}/revisions/${r.number}`}>{r.number}</a>
              </td>
              <td>
                {r.status}
                <RevisionMarkBadge mark={marks.get(r.number)} />
              </td>
              <td>{r.author}</td>
              <td>
                <time dateTime={r.createdAt}>{r.createdAt.slice(0, 16).replace('T', ' ')}</time>
              </td>
              <td>{r.message}</td>
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
