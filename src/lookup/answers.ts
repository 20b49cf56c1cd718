/**
 * The answer set (test/answers.yaml): what people paste, and the code each paste is about. Scores the
 * first answer of a lookup two ways: right (the guide when one exists for that code, else an answer
 * about the code) and about the right code (any answer naming that code: guide, reference entry or an
 * unknown code's own reading). Whether a guide exists is found from the guides given, never from the
 * file, so the score follows the corpus.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ReferenceCatalog, ReferenceEntry } from '../catalog/reference.ts';
import { guideCodeKey, readToken, readingKey } from '../codes/parse.ts';
import type { Guide } from '../guides/schema.ts';
import { bridgeKeys, type LookupResult } from './matches.ts';

export const answerSetSchema = z.array(
  z.strictObject({
    q: z.string().min(1),
    /** The code as displayed, or `none` when the text names no code. */
    expect: z.string().min(1),
    family: z.string().optional(),
    alias: z.string().optional(),
    core: z.boolean().optional(),
  }),
);

export type AnswerCase = z.infer<typeof answerSetSchema>[number];

export function loadAnswerSet(file: string): AnswerCase[] {
  return answerSetSchema.parse(parse(readFileSync(file, 'utf8')));
}

const CATALOG_FAMILIES = new Set(['hresult', 'ntstatus', 'win32', 'bugcheck', 'errno', 'http', 'obd']);

/** Whether an entry's family is the one expected; browser errors may be filed under another name. */
function familyFits(expected: string | undefined, actual: string): boolean {
  if (expected === undefined || expected === actual) return true;
  if (expected === 'chromium') return !CATALOG_FAMILIES.has(actual) && /chrom|net/i.test(actual);
  return false;
}

function keyOf(code: string, family: string | undefined): string | undefined {
  if (family === 'http' && /^\d{3}$/.test(code)) return `http:${code}`;
  const reading = readToken(code)[0];
  return reading ? readingKey(reading) : undefined;
}

export interface Expectation {
  none: boolean;
  /** Keys naming the code: its own and its alias's. */
  ids: Set<string>;
  /** Catalog entries for the code (in its family when one is given). */
  entries: Set<ReferenceEntry>;
  /** Keys a guide about this code is filed under. */
  guideKeys: Set<string>;
}

export function expectation(c: AnswerCase, catalog: ReferenceCatalog): Expectation {
  const ids = new Set<string>();
  const entries = new Set<ReferenceEntry>();
  if (c.expect === 'none') return { none: true, ids, entries, guideKeys: new Set() };
  for (const code of [c.expect, c.alias]) {
    if (code === undefined) continue;
    const key = keyOf(code, c.family);
    if (key === undefined) continue;
    ids.add(key);
    const [scheme, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const found =
      scheme === 'sym'
        ? catalog.withSymbol(rest)
        : scheme === 'num'
          ? catalog.withValue(Number(rest))
          : scheme === 'http'
            ? catalog.withValue(Number(rest), 'http')
            : [];
    for (const e of found) if (familyFits(c.family, e.family)) entries.add(e);
  }
  const guideKeys = new Set(ids);
  for (const e of entries) for (const k of bridgeKeys(e)) guideKeys.add(k);
  return { none: false, ids, entries, guideKeys };
}

export interface AnswerScore {
  right: boolean;
  about: boolean;
  guideExpected: boolean;
  first: string;
}

/** Scores the first answer of one lookup against its expectation. */
export function scoreAnswer(
  result: LookupResult,
  expected: Expectation,
  guides: readonly Guide[],
  catalog: ReferenceCatalog,
): AnswerScore {
  const match = result.matches[0];
  const unknown = result.unknown;
  const first = match
    ? `${match.kind} ${match.code}${match.symbol ? ` ${match.symbol}` : ''}`
    : unknown
      ? `unknown ${unknown.key}`
      : 'nothing';
  if (expected.none) {
    const nothing = !match && !unknown;
    return { right: nothing, about: nothing, guideExpected: false, first };
  }
  const guideExpected = guides.some((g) => expected.guideKeys.has(guideCodeKey(g.code) ?? ''));
  let about = false;
  if (match?.kind === 'guide') about = expected.guideKeys.has(guideCodeKey(match.code) ?? '');
  else if (match?.kind === 'reference') {
    const entry = catalog.byPath(match.url);
    about =
      (entry !== undefined && expected.entries.has(entry)) ||
      (match.key !== undefined && expected.ids.has(match.key) && match.relation !== 'symbol-part') ||
      (match.family === 'obd' && expected.ids.has(`obd:${match.code}`));
  } else if (!match && unknown) about = expected.ids.has(unknown.key);
  const right = about && (!guideExpected || match?.kind === 'guide');
  return { right, about, guideExpected, first };
}
