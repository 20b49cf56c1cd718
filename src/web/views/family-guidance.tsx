import { Link } from '../links.tsx';
import type { Guidance } from '../../lookup/guidance.ts';

/** On a reference entry without a guide: the general guide for its family, plainly marked as such. */
export function FamilyGuidance({ guidance }: { guidance: Guidance }) {
  return (
    <section aria-labelledby="family-guidance" class="family-guidance">
      <h2 id="family-guidance">General guidance for this family of codes</h2>
      <p>
        No specific guide exists yet for this code. The general guide for its family explains what codes like
        it usually mean and the checks that fix most of them:
      </p>
      <p>
        <Link href={guidance.url}>{guidance.title}</Link>
      </p>
    </section>
  );
}

/** At the top of a family guide: it is general, not the answer for one code. */
export function FamilyGuideNotice({ code }: { code: string }) {
  return (
    <p class="notice" role="note">
      <strong>General guide</strong> for the codes <code>{code}</code>. No specific guide exists yet for your
      code: this page gives what usually helps for the whole family. The reference entry of your code gives
      its exact name.
    </p>
  );
}
