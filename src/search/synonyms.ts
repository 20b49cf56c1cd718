/**
 * Words people use for what they see, mapped to the words guides and reference entries use for its
 * cause: "car shaking" is what a misfire feels like, "new ram" is memory, "gas cap" is the EVAP
 * system. Query side only, as extra index terms each word also reaches (weighed below the word as
 * typed); a small reviewed list, not a thesaurus. Keys and targets are plain English words, processed
 * like any other word when the module loads.
 */
import { processIndexTerm } from './text.ts';

const WORDS: Readonly<Record<string, readonly string[]>> = {
  // Vehicles: what a driver notices.
  shaking: ['misfire'],
  shakes: ['misfire'],
  shudder: ['misfire'],
  shuddering: ['misfire'],
  stutter: ['misfire'],
  stuttering: ['misfire'],
  stumble: ['misfire'],
  stumbling: ['misfire'],
  jerking: ['misfire'],
  hesitation: ['misfire'],
  rough: ['misfire'],
  cap: ['evap'],
  // Computers: everyday names for parts and actions.
  ram: ['memory'],
  dimm: ['memory'],
  hdd: ['disk'],
  ssd: ['disk'],
  bsod: ['stop'],
  reboot: ['restart'],
  restart: ['reboot'],
  // Protocols people name by their older or newer name.
  ssl: ['tls'],
  tls: ['ssl'],
};

function processed(word: string): string {
  const term = processIndexTerm(word);
  if (!term) throw new Error(`synonym word "${word}" is a stop word`);
  return term;
}

/** Query term (processed) → the index terms it also reaches. */
export const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [word, targets] of Object.entries(WORDS)) {
    const key = processed(word);
    const list = map.get(key) ?? [];
    for (const t of targets.map(processed)) if (t !== key && !list.includes(t)) list.push(t);
    map.set(key, list);
  }
  return map;
})();

/** The index terms a query term also reaches through its synonyms. */
export function synonymsOf(term: string): readonly string[] {
  return SYNONYMS.get(term) ?? [];
}
