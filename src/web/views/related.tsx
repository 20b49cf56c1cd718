import { Link } from '../links.tsx';
import { plainText } from '../../guides/markdown.ts';
import { titleBesideCode } from '../../codes/list-title.ts';

/** Links to the guides of related codes; nothing when there are none. */
export function RelatedCodes({ related }: { related: readonly RelatedLink[] }) {
  if (related.length === 0) return null;
  return (
    <section aria-labelledby="related">
      <h2 id="related">Related codes</h2>
      <ul class="related">
        {related.map((r) => (
          <li>
            <Link href={r.url}>
              <code>{r.code}</code> {titleBesideCode(r.code, plainText(r.title))}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface RelatedLink {
  code: string;
  title: string;
  url: string;
}
