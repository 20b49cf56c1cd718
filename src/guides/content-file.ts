import { LineCounter, parseDocument, isNode, isPair, stringify } from 'yaml';
import type { z } from 'zod';
import { guideSchema, type Guide } from './schema.ts';

/** A problem in one content file, pointing at the line and field people must fix. */
export interface ContentProblem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export type ParseResult = { ok: true; guide: Guide } | { ok: false; problems: ContentProblem[] };

export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  }
  return out;
}

/** Validates a parsed value against the guide schema, with problems located by `lineOf(path)`. */
export function validateGuide(
  value: unknown,
  file: string,
  lineOf: (path: readonly PropertyKey[]) => number,
): ParseResult {
  const result = guideSchema.safeParse(value);
  if (result.success) return { ok: true, guide: result.data };
  return { ok: false, problems: zodProblems(result.error, file, lineOf) };
}

function zodProblems(error: z.ZodError, file: string, lineOf: (path: readonly PropertyKey[]) => number) {
  return error.issues.map((issue) => ({
    file,
    line: lineOf(issue.path),
    field: fieldPath(issue.path),
    message: issue.message.replace(
      /^Invalid input: expected (\w+), received undefined$/,
      'required field is missing ($1)',
    ),
  }));
}

/** Parses one YAML guide file's text. Never throws: every problem names file, line and field. */
export function parseGuideYaml(text: string, file: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.slice(0, 5).map((e) => ({
        file,
        line: e.linePos?.[0]?.line ?? 1,
        field: '',
        message: `YAML syntax: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]): number => {
    // The deepest node that exists on the path: a missing field points at its parent.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as (string | number)[], true);
      const target = isPair(node) ? node.key : node;
      if (isNode(target) && target.range) return lineCounter.linePos(target.range[0]).line;
    }
    return 1;
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Unresolved or runaway aliases surface only when the document is turned into values.
    return {
      ok: false,
      problems: [{ file, line: 1, field: '', message: `YAML: ${(error as Error).message}` }],
    };
  }
  return validateGuide(value, file, lineOf);
}

// Fields in the schema's order: one list to keep, and clean diffs.
const FIELD_ORDER = Object.keys(guideSchema.shape) as (keyof Guide)[];

/** The YAML text `parseGuideYaml` reads back to the same guide; stable field order for clean diffs. */
export function guideToYaml(guide: Guide): string {
  const ordered = Object.fromEntries(FIELD_ORDER.map((k) => [k, guide[k]]));
  return stringify(ordered, { lineWidth: 100, defaultStringType: 'PLAIN', singleQuote: true });
}
