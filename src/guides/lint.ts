/**
 * Consistency checks for guides: does the page say what the authoritative catalogs say the code means,
 * and is it written the way docs/writing-guides.md asks? Pure: guides and a catalog in, warnings out.
 *
 * The central rule, `meaning-mismatch`, is a documented heuristic rather than understanding:
 *
 * 1. Official readings. The guide's code key (`guideCodeKey`) is read as one value and looked up in the
 *    catalog, keeping exact readings only: the value itself and what it carries (HRESULT_FROM_WIN32,
 *    HRESULT_FROM_NT), never partial name matches. 0x80070005 gives `E_ACCESSDENIED` and
 *    `ERROR_ACCESS_DENIED`; HTTP 503 gives the reason phrase "Service Unavailable". OBD-II codes have no
 *    catalog and skip the rule; other codes without an entry get the informational `no-catalog-entry`.
 * 2. Key terms. Each reading's plain-English title (`readableTitle`: symbol tokens through the reviewed
 *    abbreviation dictionary) loses its component label ("Windows Update protocol:"); errno readings use
 *    their message and HTTP readings their reason phrase. Words on STOP_WORDS are dropped: code
 *    scaffolding (error, status, HTTP, E, WU, PT), function words (not, with, too) and "service", the
 *    subject rather than the condition. The rest are the key terms: SOAP, client, fault for 0x80244007.
 * 3. Normalising. Words are lower-cased and stemmed (plural s, -ed, -ing, -ies/-ied → y, final e, a
 *    doubled final consonant), "timed out" reads as timeout, and SYNONYMS maps the few words the catalog
 *    and plain English spell differently (unavail → unavailable, reboot → restart, find → found).
 *    A run-together key term the dictionary does not split ("needanotherdownload") counts as covered
 *    when the text uses words that spell it.
 * 4. Coverage. Symbols (CONSTANT_CASE names) are removed from the summary first, so naming the code is
 *    not describing it. A reading is covered when the summary mentions at least one of its key terms and
 *    at least half of them, and, if it has any, one that is not on WEAK_TERMS (request, server, file…:
 *    words almost every summary uses). The guide passes when any official reading is covered, because
 *    any of them may be the one it means.
 *
 * Separately, `no-official-name` asks that the title or summary name one reading verbatim (the symbol,
 * or for HTTP the reason phrase, ignoring case). Both rules were tuned on the bundled corpus, where every
 * guide passes and the seed page's "redirect loop" story for 0x80244007 does not.
 */
import { readableTitle } from '../catalog/titles.ts';
import type { ReferenceCatalog, ReferenceEntry } from '../catalog/reference.ts';
import { officialEntries } from '../catalog/official.ts';
import { guideCodeKey } from '../codes/parse.ts';
import { plainText } from './markdown.ts';
import { coverMatches, coverToLine } from './family.ts';
import { isFamilyGuide, type Guide } from './schema.ts';

export type LintSeverity = 'error' | 'warning' | 'info';

export type LintCode =
  | 'meaning-mismatch'
  | 'no-official-name'
  | 'no-catalog-entry'
  | 'related-missing'
  | 'no-https-source'
  | 'command-not-code'
  | 'long-sentences'
  | 'duplicate-code'
  | 'family-covers-nothing';

/** Every check, its fixed severity and what it asks of a guide; docs/writing-guides.md "Checks" lists them. */
export const LINT_RULES: Readonly<Record<LintCode, { severity: LintSeverity; description: string }>> = {
  'meaning-mismatch': {
    severity: 'error',
    description: "the summary does not describe the meaning the reference catalog gives the guide's code",
  },
  'no-official-name': {
    severity: 'warning',
    description: 'the catalog names the code, but neither the title nor the summary uses that name',
  },
  'no-catalog-entry': {
    severity: 'info',
    description: 'no reference catalog knows the code, so its meaning cannot be checked',
  },
  'related-missing': {
    severity: 'warning',
    description: 'a related code has no guide in the corpus',
  },
  'no-https-source': {
    severity: 'warning',
    description: 'no source has an https URL',
  },
  'command-not-code': {
    severity: 'warning',
    description: "a step's command is not shown in backticks in its action, or command text is outside them",
  },
  'long-sentences': {
    severity: 'warning',
    description: 'summary sentences average more than 20 words, or one has more than 35',
  },
  'duplicate-code': {
    severity: 'warning',
    description: 'another guide in the corpus is filed under the same code',
  },
  'family-covers-nothing': {
    severity: 'info',
    description: "no reference entry matches a family guide's cover (yet), so no page links it that way",
  },
};

export interface LintWarning {
  guideId: string;
  code: LintCode;
  severity: LintSeverity;
  /** Guide field the warning is about, as in content problems: summary, steps[2].action, related[0]. */
  field: string;
  message: string;
}

export interface LintContext {
  /** Code keys of every guide in the corpus; when given, related codes are checked against it. */
  knownCodeKeys?: ReadonlySet<string>;
}

/** Summary sentence limits (docs/writing-guides.md, "Fields"). */
export const SENTENCE_LIMITS = { averageWords: 20, maxWords: 35 } as const;

/** Share of a reading's key terms the summary must cover, and the fewest covered terms. */
export const COVERAGE = { share: 0.5, minimum: 1 } as const;

// Code scaffolding (ERROR_, E_, WU_E_PT_, STATUS_, HTTP_STATUS_) and function words that carry no
// meaning on their own: "not" is in every summary, so it would make "not applicable" half covered.
const STOP_WORDS: ReadonlySet<string> = new Set([
  ...['error', 'errors', 'e', 's', 'w', 'i', 'status', 'http', 'hresult', 'win32', 'wu', 'pt', 'code'],
  ...['windows', 'update', 'protocol'],
  ...['a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'with', 'by', 'from', 'at', 'or', 'and', 'is'],
  ...['be', 'not', 'no', 'cannot', 'too'],
  // The subject, not the condition: 503 means "unavailable", and most Windows Update pages say "service".
  'service',
]);

// Stems the catalog and plain English spell differently; keep it short and say why.
const SYNONYMS: Readonly<Record<string, string>> = {
  unavail: 'unavailabl', // SERVICE_UNAVAIL in wuerror.h
  refus: 'deny', // "refused access" is how people say "access denied"
  reboot: 'restart', // Windows itself says restart
  find: 'found', // irregular: "cannot find" says "not found"
  succeed: 'success', // one word family: SUCCESS_REBOOT_REQUIRED, "the update succeeded"
};

// Words nearly every summary uses: alone they cannot show which code a summary means.
const WEAK_TERMS: ReadonlySet<string> = new Set(
  ['request', 'server', 'file', 'download', 'install', 'data', 'failure', 'fail'].map((w) =>
    normaliseWord(w),
  ),
);

/** Lower case, a light suffix stemmer and the synonym table: "Denied" and "deny" meet at "deny". */
export function normaliseWord(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && /ie[sd]$/.test(w)) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  // stopped → stop, running → run
  if (w.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ss|ll)$/.test(w)) w = w.slice(0, -1);
  return SYNONYMS[w] ?? w;
}

const SYMBOL = /(?<![\w])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w])/g;

function words(text: string): string[] {
  return text
    .replace(/\btime[sd]?[\s-]?out\b/gi, 'timeout')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** The words a text uses, raw and normalised, with symbols left out. */
function vocabulary(text: string): { raw: Set<string>; stems: Set<string> } {
  const list = words(plainText(text).replace(SYMBOL, ' ')).map((w) => w.toLowerCase());
  return { raw: new Set(list), stems: new Set(list.map(normaliseWord)) };
}

/** Whether a run-together term ("needanotherdownload") splits completely into words the text uses. */
function spelledBy(term: string, known: (piece: string) => boolean): boolean {
  if (term.length < 6) return false;
  const reachable = new Array<boolean>(term.length + 1).fill(false);
  reachable[0] = true;
  for (let end = 2; end <= term.length; end++) {
    for (let start = end - 2; start >= 0 && !reachable[end]; start--) {
      if (reachable[start] && known(term.slice(start, end))) reachable[end] = true;
    }
  }
  return reachable[term.length] === true;
}

export interface KeyTerm {
  /** As the catalog's title writes it. */
  word: string;
  stem: string;
}

/** The plain-English description of a reading: title without its component label, or message, or reason. */
function officialWording(entry: ReferenceEntry): string {
  if (entry.family === 'http') return entry.title;
  // The first sentence: man-pages' messages go on to explain (EMFILE: "Commonly caused by …").
  if (entry.family === 'errno') return entry.message?.split(/(?<=\.)\s/)[0] ?? entry.title;
  const title = readableTitle(entry.symbol);
  const colon = title.indexOf(': ');
  return colon === -1 ? title : title.slice(colon + 2);
}

/** Key terms of one catalog reading, in title order, without repeats. */
export function keyTerms(entry: ReferenceEntry): KeyTerm[] {
  const terms: KeyTerm[] = [];
  for (const word of words(officialWording(entry))) {
    if (STOP_WORDS.has(word.toLowerCase())) continue;
    const stem = normaliseWord(word);
    if (!terms.some((t) => t.stem === stem)) terms.push({ word, stem });
  }
  return terms;
}

export interface Coverage {
  entry: ReferenceEntry;
  terms: KeyTerm[];
  covered: KeyTerm[];
  missing: KeyTerm[];
}

/** Which of a reading's key terms a text mentions. */
export function termCoverage(entry: ReferenceEntry, text: string): Coverage {
  const { raw, stems } = vocabulary(text);
  const terms = keyTerms(entry);
  const known = (piece: string) => raw.has(piece) || stems.has(piece);
  const covered = terms.filter((t) => stems.has(t.stem) || spelledBy(t.word.toLowerCase(), known));
  return { entry, terms, covered, missing: terms.filter((t) => !covered.includes(t)) };
}

function passes(c: Coverage): boolean {
  const strong = (t: KeyTerm) => !WEAK_TERMS.has(t.stem);
  return (
    c.covered.length >= COVERAGE.minimum &&
    c.covered.length >= c.terms.length * COVERAGE.share &&
    (!c.terms.some(strong) || c.covered.some(strong))
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the text names the entry: its symbol exactly, or an HTTP reason phrase in any case. */
export function namesEntry(text: string, entry: ReferenceEntry): boolean {
  const name = escapeRegExp(entry.symbol);
  return entry.family === 'http'
    ? new RegExp(`\\b${name}\\b`, 'i').test(text)
    : new RegExp(`(?<![\\w])${name}(?![\\w])`).test(text);
}

function officialLabel(entry: ReferenceEntry): string {
  return entry.family === 'http' ? `"${entry.symbol}"` : `${entry.symbol} ("${officialWording(entry)}")`;
}

/** Covers no catalog entry matches: a typo, or a family the catalogs do not have yet. OBD-II is computed. */
function coverWarnings(guide: Guide, catalog: ReferenceCatalog): LintWarning[] {
  return (guide.covers ?? []).flatMap((cover, i) =>
    cover.family === 'obd' || catalog.entries.some((e) => coverMatches(cover, e))
      ? []
      : [
          warning(
            guide,
            'family-covers-nothing',
            `covers[${i}]`,
            `no reference entry matches ${coverToLine(cover)}`,
          ),
        ],
  );
}

function meaningWarnings(guide: Guide, catalog: ReferenceCatalog): LintWarning[] {
  if (isFamilyGuide(guide)) return coverWarnings(guide, catalog);
  const key = guideCodeKey(guide.code);
  // A family guide speaks for many codes: there is no one meaning to compare with.
  if (key === null || key.startsWith('obd:') || isFamilyGuide(guide)) return [];
  const entries = officialEntries(catalog, guide.code).map((h) => h.entry);
  if (entries.length === 0) {
    return [
      warning(
        guide,
        'no-catalog-entry',
        'code',
        `no reference catalog has ${guide.code}; meaning not checked`,
      ),
    ];
  }
  const out: LintWarning[] = [];
  const checked = entries.map((e) => termCoverage(e, guide.summary)).filter((c) => c.terms.length > 0);
  if (checked.length > 0 && !checked.some(passes)) {
    const best = [...checked].sort((a, b) => share(b) - share(a))[0]!;
    const missing = best.missing.map((t) => t.word.toLowerCase()).join(', ');
    out.push(
      warning(
        guide,
        'meaning-mismatch',
        'summary',
        `the catalog says ${guide.code} is ${entries.map(officialLabel).join(' or ')}, but the summary does not ` +
          `say so: it covers ${best.covered.length} of ${best.terms.length} key terms (missing: ${missing})`,
      ),
    );
  }
  const titled = `${guide.title}\n${guide.summary}`;
  if (!entries.some((e) => namesEntry(titled, e))) {
    const names = entries.map((e) => (e.family === 'http' ? `"${e.symbol}"` : `\`${e.symbol}\``));
    out.push(
      warning(
        guide,
        'no-official-name',
        'summary',
        `name the code's official meaning in the title or summary: ${names.join(' or ')}`,
      ),
    );
  }
  return out;
}

const share = (c: Coverage) => (c.terms.length === 0 ? 0 : c.covered.length / c.terms.length);

// Command lines as people type them; a tool's name alone ("run DISM") is prose, not a command.
const COMMAND_TEXT: readonly RegExp[] = [
  /\bsfc\s+\/\w+/i,
  /\bdism(?:\.exe)?\s+\/\w+/i,
  /\bnet\s+(?:stop|start)\s+\w+/i,
  /\breg\s+(?:add|delete|query|export|import)\s+\S+/i,
  /\bsc\s+(?:query|config|start|stop)\s+\w+/i,
  /\bren\s+%\w+%/i,
  /\bipconfig\b/i,
  /\bnetsh\b/i,
  /\bbitsadmin\b/i,
  /\bwuauclt\b/i,
  /\biisreset\b/i,
  /\bchkdsk\b/i,
  /\bcurl\s+-/,
  /\b(?:Get|Set|Reset|Remove|Add|Start|Stop|Restart|Repair|Invoke)-[A-Z][A-Za-z]+\b/,
];

const CODE_SPAN = /`([^`]+)`/g;

function commandWarnings(guide: Guide): LintWarning[] {
  const out: LintWarning[] = [];
  guide.steps.forEach((step, i) => {
    const spans = [...step.action.matchAll(CODE_SPAN)].map((m) => m[1]!.trim());
    for (const command of step.commands ?? []) {
      if (!spans.some((span) => span.includes(command.trim()))) {
        out.push(
          warning(
            guide,
            'command-not-code',
            `steps[${i}].action`,
            `show the command \`${command}\` in backticks in the action`,
          ),
        );
      }
    }
    const prose = step.action.replace(CODE_SPAN, ' ');
    for (const pattern of COMMAND_TEXT) {
      const match = pattern.exec(prose);
      if (match) {
        out.push(
          warning(
            guide,
            'command-not-code',
            `steps[${i}].action`,
            `"${match[0]}" looks like a command: put it in backticks (and in commands)`,
          ),
        );
      }
    }
  });
  return out;
}

export interface SentenceStats {
  sentences: string[];
  /** Words in each sentence, in order. */
  words: number[];
  average: number;
  longest: number;
}

/**
 * Splits plain text into sentences at ".", "!" or "?" followed by white space and a capital, digit,
 * quote or bracket, except after "e.g." and "i.e."; a word is a run without spaces holding a letter or digit.
 */
export function sentenceStats(markdown: string): SentenceStats {
  const text = plainText(markdown).replace(/\s+/g, ' ').trim();
  const sentences = text
    .split(/(?<!\b(?:e\.g|i\.e)\.)(?<=[.!?]["')\]]*)\s+(?=[\p{Lu}\p{N}"'([])/u)
    .filter((s) => s !== '');
  const counts = sentences.map((s) => s.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length);
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    sentences,
    words: counts,
    average: sentences.length === 0 ? 0 : total / sentences.length,
    longest: Math.max(0, ...counts),
  };
}

function sentenceWarnings(guide: Guide): LintWarning[] {
  const stats = sentenceStats(guide.summary);
  const problems: string[] = [];
  if (stats.average > SENTENCE_LIMITS.averageWords) {
    problems.push(
      `sentences average ${stats.average.toFixed(1)} words (at most ${SENTENCE_LIMITS.averageWords})`,
    );
  }
  stats.words.forEach((count, i) => {
    if (count > SENTENCE_LIMITS.maxWords) {
      const start = stats.sentences[i]!.split(' ').slice(0, 6).join(' ');
      problems.push(`"${start} …" has ${count} words (at most ${SENTENCE_LIMITS.maxWords})`);
    }
  });
  return problems.length === 0
    ? []
    : [warning(guide, 'long-sentences', 'summary', `shorten the summary: ${problems.join('; ')}`)];
}

function warning(guide: Guide, code: LintCode, field: string, message: string): LintWarning {
  return { guideId: guide.id, code, severity: LINT_RULES[code].severity, field, message };
}

/** Checks one guide against the catalog and the writing rules; corpus rules need `knownCodeKeys`. */
export function lintGuide(guide: Guide, catalog: ReferenceCatalog, context: LintContext = {}): LintWarning[] {
  const out = meaningWarnings(guide, catalog);
  if (!guide.sources.some((s) => s.url.startsWith('https://'))) {
    out.push(warning(guide, 'no-https-source', 'sources', 'cite at least one source by its https URL'));
  }
  out.push(...commandWarnings(guide), ...sentenceWarnings(guide));
  const known = context.knownCodeKeys;
  if (known) {
    guide.related.forEach((code, i) => {
      const key = guideCodeKey(code);
      if (key !== null && !known.has(key)) {
        out.push(warning(guide, 'related-missing', `related[${i}]`, `no guide in the corpus has ${code}`));
      }
    });
  }
  return out;
}

/** Checks every guide, related codes against the corpus, and codes filed by more than one guide. */
export function lintCorpus(guides: readonly Guide[], catalog: ReferenceCatalog): LintWarning[] {
  const firstByKey = new Map<string, Guide>();
  const knownCodeKeys = new Set<string>();
  for (const guide of guides) {
    const key = guideCodeKey(guide.code);
    if (key !== null) knownCodeKeys.add(key);
  }
  const out: LintWarning[] = [];
  for (const guide of guides) {
    out.push(...lintGuide(guide, catalog, { knownCodeKeys }));
    const key = guideCodeKey(guide.code);
    if (key === null) continue;
    const first = firstByKey.get(key);
    if (first) {
      out.push(
        warning(guide, 'duplicate-code', 'code', `${first.id} already covers ${guide.code} (same code)`),
      );
    } else firstByKey.set(key, guide);
  }
  return out;
}

/** One line per warning for people: "error windows-update-0x80244007 summary: meaning-mismatch: …". */
export function formatLintWarning(w: LintWarning): string {
  return `${w.severity} ${w.guideId} ${w.field}: ${w.code}: ${w.message}`;
}

/** How many warnings of each severity; the CLI fails when there is an error. */
export function countBySeverity(warnings: readonly LintWarning[]): Record<LintSeverity, number> {
  const counts: Record<LintSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const w of warnings) counts[w.severity]++;
  return counts;
}
