/**
 * A deterministic synthetic corpus for scale benchmarks. The real guides and reference entries come
 * first, mapped exactly as the server maps them; generated reference-like and guide-like documents fill
 * the corpus up to the requested size. Typo queries are generated from a document's own words, so each
 * has an intended target whose rank can be checked.
 */
import { join } from 'node:path';
import { bundledCatalog } from '../src/catalog/load.ts';
import { referenceUrl, type ReferenceCatalog, type ReferenceEntry } from '../src/catalog/reference.ts';
import { readableTitle } from '../src/catalog/titles.ts';
import { numericForms } from '../src/codes/number.ts';
import { guideCodeKey, readingKey, readToken } from '../src/codes/parse.ts';
import { PACKAGE_ROOT } from '../src/base/config.ts';
import { loadContent } from '../src/guides/load-files.ts';
import { slugify, SEVERITIES, type Guide } from '../src/guides/schema.ts';
import { guideDoc, referenceDoc, type SearchDoc } from '../src/search/documents.ts';
import { fold, STOP_WORDS, tokenize } from '../src/search/text.ts';

/** A uniform number in [0, 1). */
export type Rng = () => number;

/** mulberry32: small, fast and good enough to make benchmark data reproducible. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** Draws items with fixed weights (binary search over the cumulative weights). */
export class Weighted<T> {
  private readonly cumulative: Float64Array;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => (this.cumulative[i] = sum += w));
  }

  /** Zipf–Mandelbrot weights by rank: 1 / (rank + q)^s. */
  static zipf<T>(items: readonly T[], s = 1, q = 2.7): Weighted<T> {
    return new Weighted(
      items,
      items.map((_, rank) => 1 / Math.pow(rank + 1 + q, s)),
    );
  }

  sample(rng: Rng): T {
    const total = this.cumulative[this.cumulative.length - 1]!;
    const x = rng() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z'];
const CLUSTERS = ['br', 'cr', 'dr', 'fl', 'gr', 'pl', 'pr', 'st', 'tr', 'sh', 'ch', 'th', 'sc', 'sp'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ea', 'io', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 't', 'x', 'nd', 'rt', 'st', 'ng'];

/** A pronounceable made-up word of 2–4 syllables. */
function pseudoWord(rng: Rng): string {
  let word = '';
  const syllables = int(rng, 2, 4);
  for (let i = 0; i < syllables; i++) {
    word += rng() < 0.25 ? pick(rng, CLUSTERS) : pick(rng, ONSETS);
    word += pick(rng, VOWELS);
    if (i === syllables - 1 || rng() < 0.3) word += pick(rng, CODAS);
  }
  return word;
}

function guideTexts(guide: Guide): string[] {
  return [
    guide.title,
    guide.summary,
    guide.callAPro,
    ...guide.affected,
    ...guide.causes,
    ...guide.steps.flatMap((s) => [s.action, s.why]),
    ...guide.faq.flatMap((f) => [f.question, f.answer]),
  ];
}

/**
 * About `size` words ordered by frequency for a Zipf distribution: the words of the real guides, most
 * frequent first (stop words included: they are in real text and the index drops them), with made-up
 * words mixed in below the 200 most common ones.
 */
export function vocabulary(guides: readonly Guide[], size: number, rng: Rng): string[] {
  const counts = new Map<string, number>();
  for (const text of guides.flatMap(guideTexts)) {
    for (const token of tokenize(text)) {
      const word = fold(token);
      if (/^[a-z]+$/.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const real = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w)
    .slice(0, Math.round(size * 0.8));
  const words = [...real];
  const known = new Set(real);
  while (words.length < size) {
    const word = pseudoWord(rng);
    if (known.has(word) || word.length < 4) continue;
    known.add(word);
    words.splice(int(rng, 200, words.length), 0, word);
  }
  return words;
}

/** What the engine passes to guideDoc: the catalog's names for the guide's own code. */
function officialSymbols(catalog: ReferenceCatalog, guide: Guide): string[] {
  const key = guideCodeKey(guide.code);
  const reading = readToken(guide.code).find((r) => readingKey(r) === key);
  if (!reading) return [];
  return catalog
    .find(reading)
    .filter((h) => h.relation !== 'symbol-part')
    .map((h) => `${h.entry.symbol} ${h.entry.title}`);
}

const hex8 = (v: number) => `0x${(v >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

function codeForms(code: string): string {
  const m = /^0x([0-9a-f]{1,8})$/i.exec(code);
  if (!m) return code;
  const f = numericForms(parseInt(m[1]!, 16));
  return [code, m[1], f.signed, f.unsigned].join(' ');
}

type SymbolFamily = 'hresult' | 'ntstatus' | 'win32' | 'bugcheck';
const SYMBOL_FAMILIES: readonly SymbolFamily[] = ['hresult', 'ntstatus', 'win32', 'bugcheck'];

/** Symbol parts learnt from the real catalog: prefixes (ERROR, WU_E, STATUS…) and the tokens after them. */
class SymbolModel {
  private readonly families: Weighted<SymbolFamily>;
  private readonly prefixes = new Map<SymbolFamily, Weighted<string>>();
  private readonly catalogs = new Map<SymbolFamily, string[]>();
  private readonly tokens: Weighted<string>;
  private readonly lengths: Weighted<number>;
  private readonly taken = new Set<string>();

  constructor(
    entries: readonly ReferenceEntry[],
    private readonly words: Weighted<string>,
  ) {
    const familyCounts = new Map<SymbolFamily, number>();
    const prefixCounts = new Map<SymbolFamily, Map<string, number>>();
    const tokenCounts = new Map<string, number>();
    const lengthCounts = new Map<number, number>();
    for (const e of entries) {
      this.taken.add(`${e.family}/${e.symbol}`);
      const family = e.family as SymbolFamily;
      if (!SYMBOL_FAMILIES.includes(family)) continue;
      familyCounts.set(family, (familyCounts.get(family) ?? 0) + 1);
      const catalogs = this.catalogs.get(family) ?? [];
      catalogs.push(e.catalog);
      this.catalogs.set(family, catalogs);
      const parts = e.symbol.split('_').filter(Boolean);
      const prefixLength = parts.length > 2 && parts[1]!.length <= 2 ? 2 : 1;
      const prefix = parts.slice(0, prefixLength).join('_');
      const counts = prefixCounts.get(family) ?? new Map<string, number>();
      counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
      prefixCounts.set(family, counts);
      const rest = parts.slice(prefixLength);
      lengthCounts.set(rest.length, (lengthCounts.get(rest.length) ?? 0) + 1);
      for (const t of rest) tokenCounts.set(t, (tokenCounts.get(t) ?? 0) + 1);
    }
    this.families = new Weighted([...familyCounts.keys()], [...familyCounts.values()]);
    for (const [family, counts] of prefixCounts) {
      this.prefixes.set(family, new Weighted([...counts.keys()], [...counts.values()]));
    }
    this.tokens = new Weighted([...tokenCounts.keys()], [...tokenCounts.values()]);
    const lengths = [...lengthCounts].filter(([n]) => n > 0);
    this.lengths = new Weighted(
      lengths.map(([n]) => n),
      lengths.map(([, c]) => c),
    );
  }

  private token(rng: Rng): string {
    if (rng() < 0.85) return this.tokens.sample(rng);
    for (;;) {
      const word = this.words.sample(rng);
      if (word.length >= 3 && !STOP_WORDS.has(word)) return word.toUpperCase();
    }
  }

  entry(rng: Rng): ReferenceEntry {
    const family = this.families.sample(rng);
    for (;;) {
      const parts = [this.prefixes.get(family)!.sample(rng)];
      const n = this.lengths.sample(rng);
      for (let i = 0; i < n; i++) parts.push(this.token(rng));
      const symbol = parts.join('_');
      if (this.taken.has(`${family}/${symbol}`)) continue;
      this.taken.add(`${family}/${symbol}`);
      const low = int(rng, 1, 0xffff);
      const value =
        family === 'hresult'
          ? (0x80000000 | (int(rng, 0, 0x7ff) << 16) | low) >>> 0
          : family === 'ntstatus'
            ? (0xc0000000 | (int(rng, 0, 0x3ff) << 16) | low) >>> 0
            : family === 'bugcheck'
              ? int(rng, 1, 0x3ff)
              : low;
      return {
        family,
        catalog: pick(rng, this.catalogs.get(family)!),
        symbol,
        value,
        code: family === 'win32' ? String(value) : hex8(value),
        title: readableTitle(symbol),
        url: referenceUrl(family, symbol),
        provenance: { source: 'synthetic', file: 'bench/synthetic.ts', licence: 'synthetic' },
      };
    }
  }
}

const CATEGORIES = [
  'Operating systems',
  'Software',
  'Networking',
  'Printers',
  'Home appliances',
  'Consumer electronics',
  'Games consoles',
  'Vehicles',
  'Web',
] as const;

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** Generated guide-like documents, shaped as guideDoc shapes a real guide (built directly: no Markdown). */
class GuideModel {
  private readonly products: { category: string; brand: string; product: string }[] = [];
  private readonly urls = new Set<string>();

  constructor(
    private readonly words: Weighted<string>,
    private readonly symbols: SymbolModel,
    rng: Rng,
    existing: readonly SearchDoc[],
  ) {
    for (const d of existing) this.urls.add(d.url);
    const content = () => {
      for (;;) {
        const w = words.sample(rng);
        if (w.length >= 4 && !STOP_WORDS.has(w)) return w;
      }
    };
    for (let b = 0; b < 150; b++) {
      const category = pick(rng, CATEGORIES);
      const brand = capital(pseudoWord(rng));
      for (let p = int(rng, 1, 8); p > 0; p--) {
        const product = rng() < 0.5 ? `${brand} ${capital(content())}` : `${capital(content())} ${content()}`;
        this.products.push({ category, brand, product });
      }
    }
  }

  sentence(rng: Rng, min: number, max: number): string {
    const n = int(rng, min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.words.sample(rng));
    return `${capital(out.join(' '))}.`;
  }

  private text(rng: Rng, words: number): string {
    const sentences: string[] = [];
    let count = 0;
    while (count < words) {
      const s = this.sentence(rng, 6, 18);
      count += s.split(' ').length;
      sentences.push(s);
    }
    return sentences.join(' ');
  }

  private code(rng: Rng, category: string): string {
    if (category === 'Vehicles')
      return `${pick(rng, ['P', 'P', 'P', 'B', 'C', 'U'])}${int(rng, 0, 3)}${String(int(rng, 0, 999)).padStart(3, '0')}`;
    if (category === 'Web') return String(int(rng, 400, 599));
    if (rng() < 0.8) return hex8(((rng() < 0.7 ? 0x80000000 : 0xc0000000) | int(rng, 0, 0x3fffffff)) >>> 0);
    return String(int(rng, 1, 99999));
  }

  doc(rng: Rng): SearchDoc {
    for (;;) {
      const { category, brand, product } = pick(rng, this.products);
      const code = this.code(rng, category);
      const url = `/${slugify(category)}/${slugify(brand)}/${slugify(product)}/${slugify(code)}`;
      if (this.urls.has(url)) continue;
      this.urls.add(url);
      const title = `${product} error ${code} — ${this.sentence(rng, 4, 10).slice(0, -1).toLowerCase()}`;
      let summary = `${product} reports ${code}. ${this.text(rng, int(rng, 30, 100))}`;
      let names = '';
      if (rng() < 0.3) {
        const e = this.symbols.entry(rng);
        names = `${e.symbol} ${e.title}`;
        summary += ` The official name is ${e.symbol}.`;
      }
      return {
        id: url,
        kind: 'guide',
        code,
        title,
        url,
        category,
        brand,
        product,
        severity: pick(rng, SEVERITIES),
        codes: codeForms(code),
        names,
        summary,
        body: Array.from({ length: int(rng, 6, 16) }, () => this.text(rng, int(rng, 15, 35))).join('\n'),
        place: `${category} ${brand} ${product}`,
      };
    }
  }
}

export interface CorpusOptions {
  /** Total documents, real ones included. */
  size: number;
  seed: number;
  /** Share of guide-like documents among the generated ones. */
  guideShare: number;
  /** Words in the Zipf vocabulary. */
  vocabularySize?: number;
}

export interface Corpus {
  docs: SearchDoc[];
  /** Index of the first generated document: docs before it are the real guides and reference entries. */
  realCount: number;
  realGuides: number;
  realReferences: number;
  syntheticGuides: number;
  syntheticReferences: number;
  vocabulary: string[];
  catalog: ReferenceCatalog;
}

/** The real guides and reference entries, then generated documents up to `size`. */
export function buildCorpus({ size, seed, guideShare, vocabularySize = 3000 }: CorpusOptions): Corpus {
  const rng = mulberry32(seed);
  const catalog = bundledCatalog();
  const { guides, problems } = loadContent([join(PACKAGE_ROOT, 'content')], 'yaml', '2026-01-01');
  if (problems.length > 0) throw new Error(`content problems: ${problems.map((p) => p.message).join('; ')}`);
  const docs = [
    ...guides.map((g) => guideDoc(g, officialSymbols(catalog, g))),
    ...catalog.entries.map(referenceDoc),
  ];
  const realCount = docs.length;
  const words = vocabulary(guides, vocabularySize, rng);
  const zipf = Weighted.zipf(words);
  const symbols = new SymbolModel(catalog.entries, zipf);
  const guideModel = new GuideModel(zipf, symbols, rng, docs);
  let syntheticGuides = 0;
  while (docs.length < size) {
    if (rng() < guideShare) {
      docs.push(guideModel.doc(rng));
      syntheticGuides++;
    } else {
      const entry = symbols.entry(rng);
      if (rng() < 0.05) entry.message = guideModel.sentence(rng, 5, 12);
      docs.push(referenceDoc(entry));
    }
  }
  return {
    docs,
    realCount,
    realGuides: guides.length,
    realReferences: catalog.entries.length,
    syntheticGuides,
    syntheticReferences: docs.length - realCount - syntheticGuides,
    vocabulary: words,
    catalog,
  };
}

export type Edit = 'substitution' | 'deletion' | 'insertion' | 'transposition';
export const EDITS: readonly Edit[] = ['substitution', 'deletion', 'insertion', 'transposition'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The word with exactly one edit of the given kind (never the word itself). */
export function typo(word: string, edit: Edit, rng: Rng): string {
  for (;;) {
    let out: string;
    switch (edit) {
      case 'substitution': {
        const i = int(rng, 0, word.length - 1);
        out = word.slice(0, i) + pick(rng, [...LETTERS]) + word.slice(i + 1);
        break;
      }
      case 'deletion': {
        const i = int(rng, 0, word.length - 1);
        out = word.slice(0, i) + word.slice(i + 1);
        break;
      }
      case 'insertion': {
        const i = int(rng, 0, word.length);
        out = word.slice(0, i) + pick(rng, [...LETTERS]) + word.slice(i);
        break;
      }
      case 'transposition': {
        const i = int(rng, 0, word.length - 2);
        out = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
        break;
      }
    }
    if (out !== word) return out;
  }
}

export interface TypoQuery {
  text: string;
  /** Id of the document the words were taken from. */
  target: string;
  group: 'real guide' | 'real reference' | 'synthetic guide' | 'synthetic reference';
  word: string;
  misspelt: string;
  edit: Edit;
}

/** Distinct plain words of a text, lower case, without stop words, codes or words under 3 letters. */
function candidateWords(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const w = fold(token);
    if (w.length >= 3 && /^[a-z]+$/.test(w) && !STOP_WORDS.has(w) && !out.includes(w)) out.push(w);
  }
  return out;
}

/** In how many documents' titles, summaries or names each of the given words occurs. */
function documentFrequency(docs: readonly SearchDoc[], words: ReadonlySet<string>): Map<string, number> {
  const df = new Map<string, number>();
  const seen = new Set<string>();
  for (const d of docs) {
    seen.clear();
    const text = `${d.title} ${d.names} ${d.summary}`.toLowerCase();
    for (const w of text.match(/[a-z]+/g) ?? []) {
      if (words.has(w) && !seen.has(w)) {
        seen.add(w);
        df.set(w, (df.get(w) ?? 0) + 1);
      }
    }
  }
  return df;
}

/**
 * `count` queries of 2–3 words from one document's title (then summary, then names): of its first dozen
 * such words, the ones fewest documents' titles, summaries and names contain, as people type the
 * distinctive words; kept in the document's order. One word of 5 or more letters gets exactly one edit.
 * Targets are drawn per group: 10% real guides, 20% real reference entries, the rest generated guides
 * and reference entries half and half.
 */
export function typoQueries(corpus: Corpus, count: number, seed: number): TypoQuery[] {
  const rng = mulberry32(seed);
  const { docs, realGuides, realCount } = corpus;
  const groups: { group: TypoQuery['group']; from: number; to: number; share: number }[] = [
    { group: 'real guide', from: 0, to: realGuides, share: 0.1 },
    { group: 'real reference', from: realGuides, to: realCount, share: 0.2 },
  ];
  const synthetic = { guide: [] as number[], reference: [] as number[] };
  for (let i = realCount; i < docs.length; i++) synthetic[docs[i]!.kind].push(i);
  const drafts: { doc: SearchDoc; group: TypoQuery['group']; words: string[] }[] = [];
  const used = new Set<number>();
  const draw = (group: TypoQuery['group'], indexes: () => number, n: number) => {
    let tries = 0;
    for (let made = 0; made < n && tries < n * 50; tries++) {
      const i = indexes();
      if (used.has(i)) continue;
      used.add(i);
      const doc = docs[i]!;
      const words = [
        ...new Set([
          ...candidateWords(doc.title),
          ...candidateWords(doc.summary),
          ...candidateWords(doc.names),
        ]),
      ];
      if (words.length < 2 || !words.some((w) => w.length >= 5)) continue;
      drafts.push({ doc, group, words });
      made++;
    }
  };
  for (const g of groups) draw(g.group, () => int(rng, g.from, g.to - 1), Math.round(count * g.share));
  const rest = count - drafts.length;
  draw('synthetic guide', () => pick(rng, synthetic.guide), Math.round(rest / 2));
  draw('synthetic reference', () => pick(rng, synthetic.reference), count - drafts.length);

  const df = documentFrequency(docs, new Set(drafts.flatMap((d) => d.words)));
  return drafts.map(({ doc, group, words }) => {
    const k = Math.min(words.length, rng() < 0.5 ? 2 : 3);
    // Title words come first in `words`; the rarest k of the first dozen candidates.
    const pool = words.slice(0, Math.max(12, k));
    const byRarity = [...pool].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0));
    const chosen = byRarity.slice(0, k);
    if (!chosen.some((w) => w.length >= 5)) chosen[k - 1] = words.find((w) => w.length >= 5)!;
    const ordered = words.filter((w) => chosen.includes(w));
    const long = ordered.filter((w) => w.length >= 5);
    const word = pick(rng, long);
    const edit = pick(rng, EDITS);
    const misspelt = typo(word, edit, rng);
    return {
      text: ordered.map((w) => (w === word ? misspelt : w)).join(' '),
      target: doc.id,
      group,
      word,
      misspelt,
      edit,
    };
  });
}
