import { guideCodeKey } from '../codes/parse.ts';
import type { ContentProblem, ParseResult } from './content-file.ts';
import { validateGuide } from './content-file.ts';
import { slugify, type Severity } from './schema.ts';

/**
 * Reads a guide from plain page text laid out like the public error-code pages Errata grew from:
 *
 *   code line · brand-and-product line · "Severity: X" (the next heading may follow on the same line) ·
 *   What Does This Error Mean? · Affected Models · Common Causes · How to Fix It (each step a "-" line,
 *   an action line and its why-paragraph) · When to Call a Professional · Frequently Asked Questions
 *   (a question line ending in "?", then its answer).
 *
 * The result is a draft with low confidence whose source is the file itself: imported text is never
 * trusted until an editor has checked it.
 */

const HEADINGS = {
  meaning: 'What Does This Error Mean?',
  affected: 'Affected Models',
  causes: 'Common Causes',
  steps: 'How to Fix It',
  callAPro: 'When to Call a Professional',
  faq: 'Frequently Asked Questions',
} as const;
type Section = keyof typeof HEADINGS;
const ORDER: Section[] = ['meaning', 'affected', 'causes', 'steps', 'callAPro', 'faq'];

const SEVERITY_WORDS: Record<string, Severity> = {
  minor: 'minor',
  low: 'minor',
  moderate: 'moderate',
  medium: 'moderate',
  serious: 'serious',
  high: 'serious',
  major: 'serious',
  critical: 'critical',
  severe: 'critical',
};

export interface PageTextOptions {
  file: string;
  /** The web address (https or http) the text was copied from: the draft cites it as its source. */
  sourceUrl?: string;
  /** Date of the import, YYYY-MM-DD. */
  today: string;
  category?: string;
}

interface Line {
  n: number;
  text: string;
}

class PageTextError extends Error {
  constructor(
    readonly line: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function defaultCategory(code: string): string {
  const key = guideCodeKey(code) ?? '';
  if (key.startsWith('num:')) return 'Operating systems';
  if (key.startsWith('obd:')) return 'Vehicles';
  if (key.startsWith('http:')) return 'Web';
  return 'Other';
}

function bulletList(lines: Line[], section: Section): string[] {
  return lines.map((l) => {
    const m = /^[-•*]\s*(.+)$/.exec(l.text);
    if (!m) throw new PageTextError(l.n, section, `expected a "- " list item in "${HEADINGS[section]}"`);
    return m[1]!.trim();
  });
}

function stepsOf(lines: Line[], headingLine: number) {
  const steps: { action: string; why: string }[] = [];
  let current: Line[] | null = null;
  const finish = (startLine: number) => {
    if (!current) return;
    if (current.length < 2) {
      throw new PageTextError(
        startLine,
        'steps',
        `expected an action line and a why-paragraph in "${HEADINGS.steps}"`,
      );
    }
    steps.push({
      action: current[0]!.text,
      why: current
        .slice(1)
        .map((l) => l.text)
        .join(' '),
    });
  };
  let startLine = headingLine;
  for (const line of lines) {
    const bullet = /^[-•*]\s*(.*)$/.exec(line.text);
    if (bullet) {
      finish(startLine);
      startLine = line.n;
      current = bullet[1] ? [{ n: line.n, text: bullet[1] }] : [];
    } else if (current) {
      current.push(line);
    } else {
      throw new PageTextError(line.n, 'steps', `expected a "-" line starting a step in "${HEADINGS.steps}"`);
    }
  }
  finish(startLine);
  return steps;
}

function faqOf(lines: Line[]) {
  const faq: { question: string; answer: string }[] = [];
  let pending: { question: Line; answer: string[] } | null = null;
  const finish = () => {
    if (!pending) return;
    if (pending.answer.length === 0) {
      throw new PageTextError(pending.question.n, 'faq', 'expected an answer after this question');
    }
    faq.push({ question: pending.question.text, answer: pending.answer.join(' ') });
  };
  for (const line of lines) {
    if (line.text.endsWith('?')) {
      finish();
      pending = { question: line, answer: [] };
    } else if (pending) {
      pending.answer.push(line.text);
    } else {
      throw new PageTextError(line.n, 'faq', `expected a question ending in "?" in "${HEADINGS.faq}"`);
    }
  }
  finish();
  return faq;
}

function parse(text: string, options: PageTextOptions) {
  if (!options.sourceUrl) {
    throw new PageTextError(
      1,
      'sources',
      'page text needs the address it was copied from: give it with --source-url https://…',
    );
  }
  const sourceUrl = options.sourceUrl;
  const lines: Line[] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((t, i) => ({ n: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '');
  const at = (i: number, what: string): Line => {
    const line = lines[i];
    if (!line) throw new PageTextError(lines.at(-1)?.n ?? 1, what, `the page ended; expected ${what}`);
    return line;
  };

  const codeLine = at(0, 'the code line');
  if (guideCodeKey(codeLine.text) === null) {
    throw new PageTextError(
      codeLine.n,
      'code',
      `expected an error code on the first line, found "${codeLine.text}"`,
    );
  }
  const code = codeLine.text;

  const productLine = at(1, 'the brand and product line');
  const [brand, ...productWords] = productLine.text.split(/\s+/);
  if (!brand || productWords.length === 0) {
    throw new PageTextError(
      productLine.n,
      'brand',
      'expected a brand followed by a product, such as "Microsoft Windows Update"',
    );
  }

  const severityLine = at(2, 'the "Severity:" line');
  const sev = /^Severity:\s*([A-Za-z]+?)(?=$|[A-Z][a-z]|\s)\s*(.*)$/.exec(severityLine.text);
  const severity = sev ? SEVERITY_WORDS[sev[1]!.toLowerCase()] : undefined;
  if (!sev || !severity) {
    throw new PageTextError(
      severityLine.n,
      'severity',
      'expected "Severity: Minor|Moderate|Serious|Critical"',
    );
  }

  // The body: headings in their order, each owning the lines up to the next heading.
  const body: Line[] = sev[2] ? [{ n: severityLine.n, text: sev[2] }, ...lines.slice(3)] : lines.slice(3);
  const sections = new Map<Section, { heading: number; lines: Line[] }>();
  let next = 0;
  let current: { heading: number; lines: Line[] } | null = null;
  for (const line of body) {
    const expected = ORDER[next];
    const heading = ORDER.find((s) => HEADINGS[s].toLowerCase() === line.text.toLowerCase());
    if (heading) {
      if (heading !== expected) {
        throw new PageTextError(
          line.n,
          expected ?? heading,
          `found "${HEADINGS[heading]}" where the section "${expected ? HEADINGS[expected] : '(end of page)'}" was expected`,
        );
      }
      current = { heading: line.n, lines: [] };
      sections.set(heading, current);
      next++;
    } else if (current) {
      current.lines.push(line);
    } else {
      throw new PageTextError(line.n, 'summary', `expected the section "${HEADINGS.meaning}"`);
    }
  }
  for (const section of ORDER) {
    const found = sections.get(section);
    if (!found) {
      throw new PageTextError(
        lines.at(-1)?.n ?? 1,
        section,
        `the page ended; expected the section "${HEADINGS[section]}"`,
      );
    }
    if (found.lines.length === 0 && section !== 'faq' && section !== 'affected') {
      throw new PageTextError(found.heading, section, `the section "${HEADINGS[section]}" is empty`);
    }
  }
  const get = (s: Section) => sections.get(s)!;
  const product = productWords.join(' ');
  const safeToUse = severity === 'critical' ? 'no' : severity === 'serious' ? 'with-care' : 'yes';

  return {
    id: `${slugify(product)}-${slugify(code)}`.slice(0, 120),
    code,
    category: options.category ?? defaultCategory(code),
    brand,
    product,
    severity,
    safeToUse,
    title: `${product} error ${code}`,
    summary: get('meaning')
      .lines.map((l) => l.text)
      .join(' '),
    affected: bulletList(get('affected').lines, 'affected'),
    causes: bulletList(get('causes').lines, 'causes'),
    steps: stepsOf(get('steps').lines, get('steps').heading),
    callAPro: get('callAPro')
      .lines.map((l) => l.text)
      .join(' '),
    faq: faqOf(get('faq').lines),
    related: [],
    sources: [{ title: `Imported page text (${options.file})`, url: sourceUrl, publisher: 'Imported page' }],
    confidence: 'low',
    reviewed: options.today,
    status: 'draft',
  };
}

/** Parses page text into a draft guide; never throws, problems name the line and the section expected. */
export function parsePageText(text: string, options: PageTextOptions): ParseResult {
  try {
    const draft = parse(text, options);
    return validateGuide(draft, options.file, () => 1);
  } catch (error) {
    if (!(error instanceof PageTextError)) throw error;
    const problem: ContentProblem = {
      file: options.file,
      line: error.line,
      field: error.field,
      message: error.message,
    };
    return { ok: false, problems: [problem] };
  }
}
