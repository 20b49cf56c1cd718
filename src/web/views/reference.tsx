import { GetForm, Link } from '../links.tsx';
import { FAMILY_LABEL, familyUrl, type ReferenceEntry } from '../../catalog/reference.ts';
import type { NumericDecoding } from '../../codes/decode.ts';
import type { HresultDecoding } from '../../codes/hresult.ts';
import type { NtstatusDecoding } from '../../codes/ntstatus.ts';
import type { ObdDecoding } from '../../codes/obd.ts';
import type { Match } from '../../lookup/matches.ts';
import type { Guidance } from '../../lookup/guidance.ts';
import { FamilyGuidance } from './family-guidance.tsx';
import { Layout } from './layout.tsx';
import { GuideList, type GuideLink } from './pages.tsx';
import { titleBesideCode } from '../../codes/list-title.ts';

const hex = (v: number, pad = 4) => `0x${v.toString(16).toUpperCase().padStart(pad, '0')}`;
const yesNo = (b: boolean) => (b ? '1' : '0');

export function FormsTable({ forms }: { forms: NumericDecoding['forms'] }) {
  return (
    <table class="bits">
      <caption>The same value, written three ways</caption>
      <tbody>
        <tr>
          <th scope="row">Hexadecimal</th>
          <td>
            <code>{forms.hex}</code>
          </td>
        </tr>
        <tr>
          <th scope="row">Signed decimal</th>
          <td>
            <code>{forms.signed}</code>
          </td>
        </tr>
        <tr>
          <th scope="row">Unsigned decimal</th>
          <td>
            <code>{forms.unsigned}</code>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function HresultTable({ h }: { h: HresultDecoding }) {
  return (
    <table class="bits">
      <caption>Read as an HRESULT</caption>
      <tbody>
        <tr>
          <th scope="row">S (bit 31)</th>
          <td>
            {yesNo(h.failure)} — {h.severity}
          </td>
        </tr>
        <tr>
          <th scope="row">R (bit 30)</th>
          <td>{yesNo(h.reserved)}</td>
        </tr>
        <tr>
          <th scope="row">C (bit 29)</th>
          <td>
            {yesNo(h.customer)} — {h.customer ? 'customer-defined' : 'Microsoft-defined'}
          </td>
        </tr>
        <tr>
          <th scope="row">N (bit 28)</th>
          <td>
            {yesNo(h.ntMapped)}
            {h.ntMapped ? ' — carries an NTSTATUS (HRESULT_FROM_NT)' : ''}
          </td>
        </tr>
        <tr>
          <th scope="row">X (bit 27)</th>
          <td>{yesNo(h.reservedX)}</td>
        </tr>
        <tr>
          <th scope="row">Facility</th>
          <td>
            {h.extendedFacility} ({hex(h.extendedFacility, 3)}){h.facilityName ? ` — ${h.facilityName}` : ''}
          </td>
        </tr>
        <tr>
          <th scope="row">Code</th>
          <td>
            {h.code} ({hex(h.code)})
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function NtstatusTable({ n, caption }: { n: NtstatusDecoding; caption: string }) {
  return (
    <table class="bits">
      <caption>{caption}</caption>
      <tbody>
        <tr>
          <th scope="row">Severity (bits 30–31)</th>
          <td>
            {n.severityBits} — {n.severity}
          </td>
        </tr>
        <tr>
          <th scope="row">C (bit 29)</th>
          <td>{yesNo(n.customer)}</td>
        </tr>
        <tr>
          <th scope="row">Facility</th>
          <td>
            {n.facility} ({hex(n.facility, 3)}){n.facilityName ? ` — ${n.facilityName}` : ''}
          </td>
        </tr>
        <tr>
          <th scope="row">Code</th>
          <td>
            {n.code} ({hex(n.code)})
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function DecodingPanel({ decoding, family }: { decoding: NumericDecoding; family?: string }) {
  const showNt = decoding.ntstatus && (family === undefined || family === 'ntstatus');
  return (
    <section aria-labelledby="structure">
      <h2 id="structure">Structure</h2>
      <FormsTable forms={decoding.forms} />
      {(family === undefined || family === 'hresult') && <HresultTable h={decoding.hresult} />}
      {decoding.win32 !== undefined && (family === undefined || family === 'hresult') && (
        <p>
          This is <code>HRESULT_FROM_WIN32</code> of Win32 error <strong>{decoding.win32}</strong>.
        </p>
      )}
      {decoding.ntMapped && (family === undefined || family === 'hresult') && (
        <NtstatusTable
          n={decoding.ntMapped}
          caption={`The NTSTATUS it carries: ${hex(decoding.ntMapped.value, 8)}`}
        />
      )}
      {showNt && decoding.ntstatus && <NtstatusTable n={decoding.ntstatus} caption="Read as an NTSTATUS" />}
      {decoding.win32AsHresult !== undefined && (family === undefined || family === 'win32') && (
        <p>
          As an HRESULT (<code>HRESULT_FROM_WIN32</code>) this Win32 error is{' '}
          <code>{hex(decoding.win32AsHresult, 8)}</code>.
        </p>
      )}
    </section>
  );
}

export function ObdPanel({ obd }: { obd: ObdDecoding }) {
  return (
    <section aria-labelledby="structure">
      <h2 id="structure">Structure</h2>
      <table class="bits">
        <caption>How an OBD-II trouble code is built</caption>
        <tbody>
          <tr>
            <th scope="row">
              Letter <code>{obd.system}</code>
            </th>
            <td>{obd.systemName}</td>
          </tr>
          <tr>
            <th scope="row">
              Second character <code>{obd.controlDigit}</code>
            </th>
            <td>{obd.controlNote}</td>
          </tr>
          <tr>
            <th scope="row">
              Third character <code>{obd.subsystemDigit}</code>
            </th>
            <td>{obd.subsystemName ?? 'Grouping set by the manufacturer or not published'}</td>
          </tr>
          <tr>
            <th scope="row">
              Last two <code>{obd.faultNumber}</code>
            </th>
            <td>The fault within that group</td>
          </tr>
        </tbody>
      </table>
      <p class="hint">The titles of OBD-II codes are SAE text; Errata explains them in its own guides.</p>
    </section>
  );
}

export interface ReferencePageProps {
  origin: string;
  entry: ReferenceEntry;
  decoding?: NumericDecoding;
  obd?: ObdDecoding;
  guides: readonly GuideLink[];
  /** The family guide, when the entry has no guide of its own. */
  guidance?: Guidance;
  sameValue: readonly ReferenceEntry[];
  neighbours: readonly ReferenceEntry[];
}

export function ReferencePage({
  origin,
  entry,
  decoding,
  obd,
  guides,
  guidance,
  sameValue,
  neighbours,
}: ReferencePageProps) {
  const p = entry.provenance;
  // OBD-II codes and errno names are their own symbol: "P0299 (P0299)" would say nothing.
  const named = entry.symbol !== entry.code;
  return (
    <Layout
      origin={origin}
      title={`${named ? `${entry.symbol} (${entry.code})` : entry.code} — ${entry.title} | Errata`}
      description={`${FAMILY_LABEL[entry.family]} ${entry.code}: ${entry.symbol}, ${entry.title}.`}
      canonical={entry.url}
    >
      <article class="reference">
        <p class="code">
          <code>{entry.code}</code>{' '}
          <Link class="product" href={familyUrl(entry.family)}>
            {FAMILY_LABEL[entry.family]}
          </Link>
        </p>
        {named ? (
          <>
            <h1>
              <code class="symbol">{entry.symbol}</code>
            </h1>
            <p class="lead">{entry.title}</p>
          </>
        ) : (
          <h1>{entry.title}</h1>
        )}
        {entry.message && entry.message !== entry.title && <p>Message: {entry.message}</p>}

        {guides.length > 0 ? (
          <section aria-labelledby="guides">
            <h2 id="guides">How to fix it</h2>
            <GuideList guides={guides} />
          </section>
        ) : guidance ? (
          <FamilyGuidance guidance={guidance} />
        ) : (
          <p class="notice">
            Errata has no troubleshooting guide for this code yet: this page gives its official name and
            structure.
          </p>
        )}

        {decoding && <DecodingPanel decoding={decoding} family={entry.family} />}
        {obd && <ObdPanel obd={obd} />}

        {sameValue.length > 0 && (
          <section aria-labelledby="same">
            <h2 id="same">Other names for the same number</h2>
            <p class="hint">
              Different catalogs reuse numbers: where you saw the code tells which one applies.
            </p>
            <EntryList entries={sameValue} />
          </section>
        )}

        {neighbours.length > 0 && (
          <section aria-labelledby="near">
            <h2 id="near">Nearby codes in the same facility</h2>
            <EntryList entries={neighbours} />
          </section>
        )}

        <section aria-labelledby="provenance" class="sources">
          <h2 id="provenance">Where this comes from</h2>
          <p>
            {p.source}
            {p.file && (
              <>
                , <code>{p.file}</code>
                {p.line !== undefined && ` line ${p.line}`}
              </>
            )}
            {p.alsoIn && p.alsoIn.length > 0 && (
              <> (also {p.alsoIn.map((a) => `${a.header} line ${a.line}`).join(', ')})</>
            )}
            . Licence: {p.licence}. Generated from the source, never typed by hand.
          </p>
          <TitleSource entry={entry} />
        </section>
      </article>
    </Layout>
  );
}

/** Where the entry's title (and message) come from, and its vendor page when there is one. */
function TitleSource({ entry }: { entry: ReferenceEntry }) {
  return (
    <>
      {entry.titleSource && (
        <p>
          Title{entry.message ? ' and message' : ''}: {entry.titleSource}.
        </p>
      )}
      {entry.doc && (
        <p>
          Vendor documentation: <a href={entry.doc}>{entry.doc}</a>
        </p>
      )}
      <p>
        <Link href={familyUrl(entry.family)}>
          What {FAMILY_LABEL[entry.family]} codes are and how to read them
        </Link>
      </p>
    </>
  );
}

export function EntryList({ entries }: { entries: readonly ReferenceEntry[] }) {
  return (
    <ul class="results">
      {entries.map((e) => (
        <li>
          <Link href={e.url}>
            <code>{e.code}</code> <span>{titleBesideCode(e.code, e.symbol, e.title)}</span>
          </Link>
          <span class="meta">
            {FAMILY_LABEL[e.family]}
            {titleBesideCode(e.code, e.symbol, e.title) === e.symbol && ` · ${e.title}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

export interface DecodePageProps {
  origin: string;
  query: string;
  decoding?: NumericDecoding;
  obd?: ObdDecoding;
  matches: readonly Match[];
  message?: string;
}

export function DecodePage({ origin, query, decoding, obd, matches, message }: DecodePageProps) {
  return (
    <Layout
      origin={origin}
      title={query ? `Decode ${query} | Errata` : 'Decode a code | Errata'}
      description="Every reading of a number: HRESULT, NTSTATUS, Win32, stop code, errno, HTTP."
      canonical={query ? undefined : '/decode'}
      noindex={Boolean(query)}
    >
      <h1>Decode a code</h1>
      <GetForm class="search" action="/decode" method="get">
        <label for="decode-value" class="visually-hidden">
          Value to decode
        </label>
        <input
          id="decode-value"
          name="value"
          type="search"
          value={query}
          maxLength={200}
          placeholder="0x80070005, -2147024891, 0xC0000005, P0300"
        />
        <button type="submit">Decode</button>
      </GetForm>
      {message && <p>{message}</p>}
      {matches.length > 0 && (
        <section aria-labelledby="readings">
          <h2 id="readings">Every reading</h2>
          <ul class="results">
            {matches.map((m) => {
              const label = titleBesideCode(m.code, m.kind === 'guide' ? m.title : m.symbol, m.title);
              const family = m.family ? FAMILY_LABEL[m.family as keyof typeof FAMILY_LABEL] : '';
              return (
                <li>
                  <Link href={m.url}>
                    <code>{m.code}</code> <span>{label}</span>
                  </Link>
                  <span class="meta">
                    {m.kind === 'guide' ? 'Guide' : label === m.title ? family : `${family} · ${m.title}`} ·
                    read as {m.reading}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {decoding && <DecodingPanel decoding={decoding} />}
      {obd && <ObdPanel obd={obd} />}
    </Layout>
  );
}
