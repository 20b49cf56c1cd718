/**
 * Diff-friendly JSON: the top-level object pretty-printed, each element of a top-level array and each
 * member of a top-level object-of-objects (`headers`) on a line of its own, and a final newline.
 * The result is plain JSON (JSON.parse reads it) and deterministic for a given input.
 */

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function formatCatalog(doc: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (value === undefined) continue;
    const k = JSON.stringify(key);
    if (Array.isArray(value)) {
      parts.push(
        value.length === 0
          ? `  ${k}: []`
          : `  ${k}: [\n${value.map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`,
      );
    } else if (
      isPlainObject(value) &&
      Object.values(value).length > 0 &&
      Object.values(value).every(isPlainObject)
    ) {
      const members = Object.entries(value).map(
        ([mk, mv]) => `    ${JSON.stringify(mk)}: ${JSON.stringify(mv)}`,
      );
      parts.push(`  ${k}: {\n${members.join(',\n')}\n  }`);
    } else {
      parts.push(`  ${k}: ${JSON.stringify(value)}`);
    }
  }
  return `{\n${parts.join(',\n')}\n}\n`;
}
