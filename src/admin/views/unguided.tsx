import type { Guidance } from '../../lookup/guidance.ts';
import type { UnguidedCode, UnguidedFamily } from '../../lookup/unguided-visits.ts';
import { AdminLayout, type AdminContext } from './layout.tsx';

export interface UnguidedRow extends UnguidedCode {
  /** The code's reference entry, when a catalog has it. */
  url?: string;
  /** The family guide readers of this code are sent to, if any. */
  guidance?: Guidance;
}

export const UNGUIDED_PERIODS = {
  '7': 'the last 7 days',
  '30': 'the last 30 days',
  all: 'all time',
} as const;
export type UnguidedPeriod = keyof typeof UNGUIDED_PERIODS;

/** Which codes and families readers look up most without finding a guide: where to write next. */
export function UnguidedPage({
  ctx,
  period,
  families,
  codes,
}: {
  ctx: AdminContext;
  period: UnguidedPeriod;
  families: readonly UnguidedFamily[];
  codes: readonly UnguidedRow[];
}) {
  return (
    <AdminLayout ctx={ctx} title="Visits without a guide">
      <h1>Visits without a guide</h1>
      <p>
        Reference pages and lookups that ended without a guide for the code, in {UNGUIDED_PERIODS[period]}.
        Counted per day, family and code; nothing about who visited is kept.
      </p>
      <p>
        {(Object.keys(UNGUIDED_PERIODS) as UnguidedPeriod[]).map((p, i) => (
          <>
            {i > 0 && ' · '}
            {p === period ? (
              <strong>{UNGUIDED_PERIODS[p]}</strong>
            ) : (
              <a href={`/admin/unguided?days=${p}`}>{UNGUIDED_PERIODS[p]}</a>
            )}
          </>
        ))}
      </p>
      {codes.length === 0 ? (
        <p>No visits without a guide in this period.</p>
      ) : (
        <>
          <h2>By family</h2>
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">Family</th>
                <th scope="col">Visits</th>
                <th scope="col">Codes</th>
              </tr>
            </thead>
            <tbody>
              {families.map((f) => (
                <tr>
                  <td data-label="Family">{f.family}</td>
                  <td data-label="Visits">{f.visits}</td>
                  <td data-label="Codes">{f.codes}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>By code</h2>
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Family</th>
                <th scope="col">Visits</th>
                <th scope="col">Days</th>
                <th scope="col">Last visit</th>
                <th scope="col">Readers are sent to</th>
              </tr>
            </thead>
            <tbody>
              {codes.map((c) => (
                <tr>
                  <td data-label="Code">{c.url ? <a href={c.url}>{c.code}</a> : <code>{c.code}</code>}</td>
                  <td data-label="Family">{c.family}</td>
                  <td data-label="Visits">{c.visits}</td>
                  <td data-label="Days">{c.days}</td>
                  <td data-label="Last visit">{c.lastDay}</td>
                  <td data-label="Readers are sent to">
                    {c.guidance ? <a href={c.guidance.url}>{c.guidance.title}</a> : 'no guide at all'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </AdminLayout>
  );
}
