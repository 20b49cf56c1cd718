/**
 * Words people use for what they see, mapped to the words guides and reference entries use for its
 * cause: "car shaking" is what a misfire feels like, "new ram" is memory, "gas cap" is the EVAP
 * system. Query side only, as extra index terms each word also reaches (weighed below the word as
 * typed); a small reviewed list, not a thesaurus, in plain English words processed like any other
 * word when the module loads.
 */
import { processIndexTerm } from './text.ts';

/** An index word, and the words people say for it (any form: they are processed like a query's). */
const SAID_FOR: readonly (readonly [string, readonly string[]])[] = [
  // Vehicles: what a driver notices.
  ['misfire', ['shake', 'shudder', 'stutter', 'stumble', 'jerk', 'hesitation', 'rough']],
  ['evap', ['cap']],
  // Computers: everyday names for parts and actions.
  ['memory', ['ram', 'dimm']],
  ['disk', ['hdd', 'ssd']],
  ['stop', ['bsod']],
  ['restart', ['reboot']],
  ['reboot', ['restart']],
  // Protocols people name by their older or newer name.
  ['tls', ['ssl']],
  ['ssl', ['tls']],
];

function processed(word: string): string {
  const term = processIndexTerm(word);
  if (!term) throw new Error(`synonym word "${word}" is a stop word`);
  return term;
}

/** Query term (processed) → the index terms it also reaches. */
export const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [target, words] of SAID_FOR) {
    const term = processed(target);
    for (const key of words.map(processed)) {
      const list = map.get(key) ?? [];
      if (term !== key && !list.includes(term)) list.push(term);
      map.set(key, list);
    }
  }
  return map;
})();

/** The index terms a query term also reaches through its synonyms. */
export function synonymsOf(term: string): readonly string[] {
  return SYNONYMS.get(term) ?? [];
}
