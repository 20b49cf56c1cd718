import { FAMILY_GUIDES } from '../../catalog/families.ts';
import { FAMILY_LABEL, type ReferenceEntry, type ReferenceFamily } from '../../catalog/reference.ts';
import { Layout } from './layout.tsx';
import { EntryList } from './reference.tsx';

export interface FamilyPageProps {
  origin: string;
  family: ReferenceFamily;
  /** How many catalog entries the family has. */
  count: number;
  /** A few of its entries, to show what they look like. */
  sample: readonly ReferenceEntry[];
}

/** One family explained: what it is, where it is met, how its values are built and read. */
export function FamilyPage({ origin, family, count, sample }: FamilyPageProps) {
  const g = FAMILY_GUIDES[family];
  const label = FAMILY_LABEL[family];
  return (
    <Layout
      origin={origin}
      title={`${label} codes explained | Errata`}
      description={g.summary}
      canonical={`/reference/${family}`}
    >
      <article class="reference family">
        <h1>{label} codes</h1>
        <p class="lead">{g.summary}</p>
        <section aria-labelledby="what">
          <h2 id="what">What they are</h2>
          <p>{g.what}</p>
        </section>
        <section aria-labelledby="where">
          <h2 id="where">Where you meet them</h2>
          <p>{g.where}</p>
        </section>
        <section aria-labelledby="built">
          <h2 id="built">How a value is built</h2>
          <p>{g.built}</p>
        </section>
        <section aria-labelledby="read">
          <h2 id="read">How to read one</h2>
          <p>{g.read}</p>
          <p>
            For example:{' '}
            {g.examples.map((x, i) => (
              <>
                {i > 0 && ', '}
                <code>{x}</code>
              </>
            ))}
            .
          </p>
        </section>
        {sample.length > 0 && (
          <section aria-labelledby="entries">
            <h2 id="entries">In the catalog</h2>
            <p>
              Errata's reference catalog has {count.toLocaleString('en-US')} {label} entries. Some of them:
            </p>
            <EntryList entries={sample} />
          </section>
        )}
        <p class="hint">
          This explanation is written by Errata; each entry's page names the source of its data.
        </p>
      </article>
    </Layout>
  );
}
