import type { FieldDiff, WordChange } from '../diff.ts';

export interface GuideDiffProps {
  diffs: readonly FieldDiff[];
  /** Name of the older side, e.g. "Revision 3". */
  beforeLabel: string;
  /** Name of the newer side, e.g. "Revision 5". */
  afterLabel: string;
}

/** Word pieces as text, <del> and <ins>. Every string is a text child, so Preact escapes it. */
function Words({ words }: { words: readonly WordChange[] }) {
  return (
    <>
      {words.map((w) =>
        w.op === 'del' ? (
          <del class="diff-del">{w.text}</del>
        ) : w.op === 'add' ? (
          <ins class="diff-ins">{w.text}</ins>
        ) : (
          w.text
        ),
      )}
    </>
  );
}

function Change({ diff }: { diff: FieldDiff }) {
  if (diff.kind === 'moved') return <>{`From ${diff.before ?? ''} to ${diff.after ?? ''}`}</>;
  if (diff.kind === 'added') return <ins class="diff-ins">{diff.after ?? ''}</ins>;
  if (diff.kind === 'removed') return <del class="diff-del">{diff.before ?? ''}</del>;
  if (diff.words) return <Words words={diff.words} />;
  return (
    <>
      <del class="diff-del">{diff.before ?? ''}</del>
      <ins class="diff-ins">{diff.after ?? ''}</ins>
    </>
  );
}

const KIND_LABEL = { added: 'Added', removed: 'Removed', changed: 'Changed', moved: 'Moved' } as const;

/** The changes between two revisions of a guide, one row per changed field. */
export function GuideDiff({ diffs, beforeLabel, afterLabel }: GuideDiffProps) {
  if (diffs.length === 0) {
    return (
      <p class="diff diff-empty">
        No changes between {beforeLabel} and {afterLabel}.
      </p>
    );
  }
  return (
    <table class="diff">
      <caption>
        Changes from {beforeLabel} to {afterLabel}: {diffs.length} field{diffs.length === 1 ? '' : 's'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Change</th>
          <th scope="col">
            {beforeLabel} → {afterLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {diffs.map((d) => (
          <tr class="diff-field" key={d.field} data-field={d.field} data-kind={d.kind}>
            <th scope="row">{d.label}</th>
            <td>{KIND_LABEL[d.kind]}</td>
            <td>
              <Change diff={d} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
