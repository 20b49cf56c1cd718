/**
 * Lookup: what pasted text is about, best answer first.
 *
 * The reader (codes/reader.ts) gives code candidates with scores and family hints. For each candidate,
 * every reading is looked up in the catalogs — exact entries only: the value itself, what an HRESULT
 * carries, an exact name — and each entry is scored by how well its family fits the reading and the
 * hints. A guide is found for a reading when its key is the reading's key, or when an exact entry found
 * for the reading has the guide's key (its symbol or value, bridgeKeys), so `0x133` after "Stop code"
 * finds the guide filed as DPC_WATCHDOG_VIOLATION. Partial names are used only for a fragment typed
 * alone ("soapfault"), never through words such as ERR or CODE.
 *
 * Never a different code: when the best candidate is an exact code no catalog and no guide has, the
 * result says so (`unknown`, with its bits decoded) and `matches` stays empty; near codes and names
 * containing it go to `others`, labelled as other codes.
 */
import type { ReferenceCatalog, ReferenceEntry, ReferenceHit } from '../catalog/reference.ts';
import { numericDecoding } from '../codes/decode.ts';
import { readingKey, type CodeReading } from '../codes/parse.ts';
import { readText, type Candidate, type FamilyHint } from '../codes/reader.ts';
import { familyName, isBrowserFamily } from './families.ts';
import { guidanceForEntries, guidanceForUnknown } from './guidance.ts';
import {
  bridgeKeys,
  describeReading,
  guideMatch,
  referenceMatch,
  type CandidateInfo,
  type GuideSource,
  type LookupResult,
  type Match,
} from './matches.ts';

export { memoryGuides, storeGuides } from './matches.ts';
export type { GuideSource, LookupResult, Match, UnknownCode } from './matches.ts';

const WINDOWS_FAMILIES = new Set(['hresult', 'ntstatus', 'win32', 'bugcheck']);
/** Hints that decide the family outright: an HTTP status is never a Win32 error. */
const DECIDING: readonly FamilyHint[] = ['device', 'http', 'errno', 'chromium'];

/** The hint that decides a candidate's family, if any; "npm" alone does not make every number an errno. */
function decidingHint(c: Candidate): FamilyHint | undefined {
  return c.hints.find((h) => DECIDING.includes(h) && (c.labelled || h !== 'errno'));
}

function fits(hint: FamilyHint, family: string): boolean {
  return hint === 'chromium' ? isBrowserFamily(family) : hint === family;
}

/** How likely an entry's family is for this reading and these hints; undefined rules it out. */
function familyScore(entry: ReferenceEntry, reading: CodeReading, hits: ReferenceHit, c: Candidate) {
  const family = entry.family;
  const deciding = decidingHint(c);
  if (deciding === 'device') return undefined;
  if (deciding && !fits(deciding, family)) return undefined;
  let score: number;
  if (reading.scheme === 'number') {
    const v = reading.value;
    const hex = reading.written === 'hex';
    const padded = hex && /^(?:0x)?0{4}[0-9a-f]{4}$/i.test(reading.text);
    if (hits.relation !== 'exact') score = 46;
    else if (v > 0xffff)
      score = family === 'hresult' ? 50 : family === 'ntstatus' ? 48 : family === 'win32' ? 40 : 30;
    else
      score =
        family === 'win32'
          ? 50
          : family === 'bugcheck'
            ? padded
              ? 52
              : hex
                ? 42
                : 20
            : family === 'errno'
              ? 30
              : family === 'http'
                ? 45
                : 15;
  } else score = 55;
  if (c.hints.some((h) => fits(h, family))) score += 40;
  return score;
}

/** Exact catalog entries for one reading (never partial names). */
function exactHits(catalog: ReferenceCatalog, reading: CodeReading, c: Candidate): ReferenceHit[] {
  if (reading.scheme === 'symbol') {
    const hits: ReferenceHit[] = catalog
      .withSymbol(reading.name)
      .map((entry) => ({ entry, relation: 'symbol', reading }));
    // Chromium's list names errors without the ERR_ that browsers show.
    if (hits.length === 0 && reading.name.startsWith('ERR_')) {
      for (const entry of catalog.withSymbol(reading.name.slice(4)))
        if (isBrowserFamily(entry.family)) hits.push({ entry, relation: 'symbol', reading });
    }
    return hits;
  }
  const hits = catalog.find(reading).filter((h) => h.relation !== 'symbol-part');
  if (reading.scheme === 'number' && reading.written === 'signed') {
    // Browser errors are negative: -102 may be filed as -102's 32 bits or as 102.
    const magnitude = 0x1_0000_0000 - reading.value;
    if (magnitude <= 0xffff)
      for (const entry of catalog.withValue(magnitude))
        if (isBrowserFamily(entry.family)) hits.push({ entry, relation: 'exact', reading });
  }
  if (c.hints.includes('errno') && reading.scheme === 'number' && reading.value <= 4095) {
    for (const entry of catalog.withValue(reading.value, 'errno'))
      if (!hits.some((h) => h.entry === entry)) hits.push({ entry, relation: 'exact', reading });
  }
  return hits;
}

/**
 * Which code a match is about. A 32-bit value, a status, a name or an OBD-II code is one code; a short
 * number is one code per catalog entry (12002 is both WinINet's and WinHTTP's timeout).
 */
function identityOf(reading: CodeReading, key: string, entry: ReferenceEntry | undefined): string {
  // Negative numbers such as -102 are short too: Chromium's and Jet's lists share them.
  const short =
    reading.scheme === 'number' &&
    (reading.value <= 0xffff || (reading.written === 'signed' && reading.value >= 0xffff_0000));
  return short && entry ? entry.url : key;
}

interface Scored {
  match: Match;
  score: number;
  /** Family and key: two matches with the same identity are about the same code. */
  identity: string;
}

const FRAGMENT_STOPWORDS =
  /^(?:ERR|ERROR|ERRORS|CODE|FAILED|FAIL|FAILURE|E|STATUS|WARNING|HRESULT|NTSTATUS|HTTP|EXCEPTION|INVALID|NOT|FOUND|THE|AND|FOR|ACCESS|DENIED|FILE|WINDOWS|UPDATE)$/;

/** A whole query that is a name fragment typed alone (soapfault), not a constant as written. */
function isFragment(query: string, reading: CodeReading): boolean {
  if (reading.scheme !== 'symbol') return false;
  if (query !== reading.text) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(query) && (/[_\d]/.test(query) || /^E[A-Z0-9]{2,}$/.test(query))) return false;
  const squashed = reading.name.replace(/_/g, '');
  return squashed.length >= 5 && !FRAGMENT_STOPWORDS.test(reading.name);
}

/** Whether an unmatched token is still an exact code worth naming (not a word such as "zzzz"). */
function looksExact(c: Candidate): boolean {
  const r = c.readings[0]!;
  if (r.scheme !== 'symbol') return true;
  return (
    /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(c.text) ||
    /^[A-Z]{1,2}\d{1,4}$/.test(c.text) ||
    (/^E[A-Z0-9]{2,}$/.test(c.text) && c.score >= 40)
  );
}

function unknownFamily(c: Candidate, reading: CodeReading): string | undefined {
  const hint = c.hints[0];
  if (hint) return hint;
  if (reading.scheme === 'http') return 'http';
  if (reading.scheme === 'obd') return 'obd';
  if (reading.scheme === 'symbol') return reading.name.startsWith('ERR_') ? 'chromium' : undefined;
  const v = reading.value;
  if (v <= 0xffff)
    return reading.written === 'hex' && /^(?:0x)?0{4}/i.test(reading.text) ? 'bugcheck' : 'win32';
  if (v >>> 28 === 0xc && ((v >>> 16) & 0xfff) === 0) return 'ntstatus';
  return v >= 0x8000_0000 ? 'hresult' : undefined;
}

/** Codes of the same family near an unknown value (same facility first), labelled as other codes. */
function nearCodes(catalog: ReferenceCatalog, family: string | undefined, value: number, limit = 5): Match[] {
  if (family === undefined) return [];
  const same = catalog.entries.filter(
    (e) => e.family === family && (value <= 0xffff || e.value >>> 16 === value >>> 16),
  );
  return same
    .sort((a, b) => Math.abs(a.value - value) - Math.abs(b.value - value))
    .slice(0, limit)
    .map((entry) => ({
      ...referenceMatch({
        entry,
        relation: 'exact',
        reading: { scheme: 'number', value: entry.value, written: 'hex', text: entry.code },
      }),
      relation: 'near',
      reading: 'a nearby value in the same family',
      why: 'another code near the one you gave',
    }));
}

/** Candidates within this many points of the best one are answers too; further ones are other codes. */
const TIE = 10;
/** The first match must lead the first other code by this much for the page to go straight to it. */
const CLEAR_LEAD = 15;

/**
 * Finds what a query is about: its code candidates, the guides and catalog entries for the best ones,
 * most likely first, or what can be said about an exact code nobody has.
 */
export async function lookup(
  source: GuideSource,
  catalog: ReferenceCatalog | undefined,
  query: string,
): Promise<LookupResult> {
  const candidates = readText(query);
  const readings = candidates.flatMap((c) => c.readings);
  const info: CandidateInfo[] = candidates.map((c) => ({
    text: c.text,
    key: readingKey(c.readings[0]!),
    score: c.score,
    why: c.why.join('; '),
  }));
  const result: LookupResult = { query, readings, matches: [], candidates: info, others: [], clear: false };
  if (candidates.length === 0) return result;
  /** The catalog entry behind each reference match, for its family guidance. */
  const entries = new Map<string, ReferenceEntry>();

  const answerFor = async (c: Candidate): Promise<Scored[]> => {
    const scored: Scored[] = [];
    for (const [i, reading] of c.readings.entries()) {
      const key = readingKey(reading);
      const hits: { hit: ReferenceHit; score: number }[] = [];
      for (const hit of catalog ? exactHits(catalog, reading, c) : []) {
        const family = familyScore(hit.entry, reading, hit, c);
        if (family === undefined) continue;
        hits.push({ hit, score: c.score + family - i * 2 });
      }
      const direct = await source.byCodeKeys([key]);
      const best = Math.max(
        ...hits.map((h) => h.score),
        c.score + (reading.scheme === 'number' && reading.value <= 0xffff ? 45 : 50) - i * 2,
      );
      const deciding = decidingHint(c);
      const directAllowed =
        deciding === undefined || (deciding === 'http' ? reading.scheme === 'http' : deciding !== 'device');
      if (directAllowed)
        for (const { guide } of direct) {
          scored.push({
            match: {
              ...guideMatch(guide, describeReading(reading)),
              key,
              why: `a guide for ${reading.text}`,
              familyName: familyName(hits[0]?.hit.entry.family),
            },
            score: best + 6,
            identity: identityOf(reading, key, hits[0]?.hit.entry),
          });
        }
      for (const { hit, score } of hits) {
        const identity = identityOf(reading, key, hit.entry);
        const match: Match = {
          ...referenceMatch(hit),
          key: hit.relation === 'symbol' ? `sym:${hit.entry.symbol.toUpperCase()}` : key,
          why: `${c.why.join('; ')}; ${c.hints.some((h) => fits(h, hit.entry.family)) ? 'the text points to this family, which' : 'this family'} has an entry with this ${hit.relation === 'symbol' ? 'name' : 'value'}`,
          score,
        };
        scored.push({ match, score, identity });
        entries.set(match.url, hit.entry);
        for (const { guide } of await source.byCodeKeys(bridgeKeys(hit.entry))) {
          scored.push({
            match: {
              ...guideMatch(guide, `${describeReading(reading)}, as ${hit.entry.symbol}`),
              key: match.key,
              family: hit.entry.family,
              familyName: familyName(hit.entry.family),
              why: `the guide for ${hit.entry.symbol}`,
            },
            score: score + 5,
            identity,
          });
        }
      }
    }
    return scored;
  };

  const top = candidates[0]!;
  let scored = await answerFor(top);
  const fragment = isFragment(query.trim(), top.readings[0]!);
  if (scored.length === 0 && fragment && catalog) {
    // A name fragment typed alone: names containing it are what was asked for.
    const reading = top.readings[0]!;
    scored = catalog.withSymbolPart((reading as { name: string }).name).map((entry, i) => ({
      match: {
        ...referenceMatch({ entry, relation: 'symbol-part', reading }),
        key: `sym:${entry.symbol.toUpperCase()}`,
        why: `its name contains "${reading.text}"`,
      },
      score: 40 - i,
      identity: `${entry.family}|sym:${entry.symbol}`,
    }));
  }
  if (scored.length === 0) {
    // A fragment nothing contains, or a word: no code, so search answers it.
    if (fragment || !looksExact(top)) return result;
    const reading =
      top.readings.find((r) => r.scheme === 'http' && top.hints.includes('http')) ?? top.readings[0]!;
    const family = unknownFamily(top, reading);
    result.unknown = {
      code: top.text,
      key: readingKey(reading),
      ...(family ? { family } : {}),
      familyName: familyName(family),
      reading: describeReading(reading),
      // Bits are worth showing only for Windows values, not for a device's or a web server's number.
      ...(reading.scheme === 'number' && catalog && WINDOWS_FAMILIES.has(family ?? 'hresult')
        ? { decoded: numericDecoding(reading.value, catalog.facilityName) }
        : {}),
    };
    if (catalog && reading.scheme === 'number')
      result.others.push(...nearCodes(catalog, family, reading.value));
    if (catalog && reading.scheme === 'symbol')
      result.others.push(
        ...catalog
          .withSymbolPart(reading.name, 20)
          // Only names holding the text as written: COR_E_FILENOTFOUND is not …CORE_FILE_NOT_FOUND.
          .filter((entry) => entry.symbol.toUpperCase().includes(reading.name))
          .slice(0, 5)
          .map((entry) => ({
            ...referenceMatch({ entry, relation: 'symbol-part', reading }),
            why: `another code whose name contains "${reading.name}"`,
          })),
      );
  } else {
    for (const c of candidates.slice(1)) {
      if (c.score < top.score - TIE) break;
      scored.push(...(await answerFor(c)));
    }
  }
  for (const c of candidates.slice(1, 6)) {
    if (c.score >= top.score - TIE && !result.unknown) continue;
    for (const s of await answerFor(c))
      result.others.push({ ...s.match, why: `another code in your text: ${c.text}` });
  }

  scored.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const kept: Scored[] = [];
  for (const s of scored) {
    const id = s.match.kind === 'guide' ? `guide:${s.match.id}` : s.match.url;
    if (seen.has(id)) continue;
    seen.add(id);
    kept.push(s);
  }
  result.matches = kept.map((s) => ({ ...s.match, score: s.score }));
  const others = new Set(seen);
  result.others = result.others.filter((m) => {
    const id = m.kind === 'guide' ? `guide:${m.id}` : m.url;
    if (others.has(id)) return false;
    others.add(id);
    return true;
  });
  const first = kept[0];
  const rival = first && kept.find((s) => s.identity !== first.identity);
  const familiesOfTop = new Set(kept.filter((s) => s.match.kind === 'reference').map((s) => s.identity));
  const shortNumber = top.readings[0]!.scheme === 'number' && top.readings[0]!.value <= 0xffff;
  result.clear =
    first !== undefined &&
    (rival === undefined ||
      (first.score - rival.score >= CLEAR_LEAD &&
        !(shortNumber && familiesOfTop.size > 1 && top.hints.length === 0)));
  await addGuidance(source, result, entries);
  return result;
}

/** Family guidance for reference matches without a guide of their own, and for an unknown code. */
async function addGuidance(
  source: GuideSource,
  result: LookupResult,
  entries: ReadonlyMap<string, ReferenceEntry>,
): Promise<void> {
  const references = result.matches.filter((m) => m.kind === 'reference' && entries.has(m.url));
  const guidance = await guidanceForEntries(
    source,
    references.map((m) => entries.get(m.url)!),
  );
  references.forEach((m, i) => {
    if (guidance[i]) m.guidance = guidance[i];
  });
  if (result.unknown && source.families) {
    const unknownGuidance = guidanceForUnknown(
      result.readings.filter((r) => readingKey(r) === result.unknown!.key),
      await source.families(),
    );
    if (unknownGuidance) result.unknown.guidance = unknownGuidance;
  }
}
