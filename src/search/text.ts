/**
 * How text becomes search terms, the same at index and query time, on the server and in the browser:
 * words are split on anything that is not a letter or digit (so WU_E_PT_SOAPCLIENT gives wu, e, pt,
 * soapclient), lower-cased and stripped of accents.
 */

const WORD = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Common English words that carry no meaning in a query. */
export const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'at',
  'be',
  'by',
  'for',
  'from',
  'how',
  'i',
  'in',
  'is',
  'it',
  'my',
  'of',
  'on',
  'or',
  'the',
  'this',
  'to',
  'what',
  'when',
  'why',
  'with',
]);

/**
 * Words people type in other languages, mapped to the English words guides use. Query side only; a
 * small reviewed list of the words that matter for error codes, not a translator.
 */
export const OTHER_LANGUAGES: Readonly<Record<string, string>> = {
  // error / code / failed
  erreur: 'error',
  fehler: 'error',
  errore: 'error',
  erro: 'error',
  fout: 'error',
  codigo: 'code',
  codice: 'code',
  fehlercode: 'error',
  echec: 'failed',
  fallo: 'failed',
  fehlgeschlagen: 'failed',
  falha: 'failed',
  // update
  aktualisierung: 'update',
  aggiornamento: 'update',
  actualizacion: 'update',
  atualizacao: 'update',
  jour: 'update',
  // access denied
  acces: 'access',
  acceso: 'access',
  accesso: 'access',
  zugriff: 'access',
  refuse: 'denied',
  verweigert: 'denied',
  denegado: 'denied',
  negato: 'denied',
  // unavailable / service / page / not found
  indisponible: 'unavailable',
  nichtverfugbar: 'unavailable',
  disponible: 'available',
  servicio: 'service',
  dienst: 'service',
  servizio: 'service',
  pagina: 'page',
  seite: 'page',
  introuvable: 'found',
  // vehicles
  catalyseur: 'catalytic',
  katalysator: 'catalytic',
  catalizador: 'catalytic',
  catalizzatore: 'catalytic',
  moteur: 'engine',
  motor: 'engine',
  allumage: 'ignition',
  zundaussetzer: 'misfire',
  rates: 'misfire',
  voiture: 'car',
  auto: 'car',
  coche: 'car',
  // time-out
  zeituberschreitung: 'timeout',
  delai: 'timeout',
  // found / disabled / efficiency / overheating
  gefunden: 'found',
  encontrado: 'found',
  encontrada: 'found',
  deshabilitado: 'disabled',
  desactive: 'disabled',
  deaktiviert: 'disabled',
  disabilitato: 'disabled',
  desativado: 'disabled',
  eficiencia: 'efficiency',
  efficacite: 'efficiency',
  wirkungsgrad: 'efficiency',
  baja: 'low',
  bajo: 'low',
  faible: 'low',
  sobrecalentamiento: 'overheating',
  surchauffe: 'overheating',
  uberhitzung: 'overheating',
  surriscaldamento: 'overheating',
  superaquecimento: 'overheating',
  cylindre: 'cylinder',
  zylinder: 'cylinder',
  cilindro: 'cylinder',
};

/** Lower case without accents: "Código" → "codigo". */
export function fold(term: string): string {
  return term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * A word's common English endings taken off, the same at index and query time, so "overheating" finds
 * "overheated" and "requests" finds "request": plural s, -ies, -ed, -ing (with a doubled last letter
 * undone: running → run), then a final e. Conservative by design: only letters, only words of five letters or more, and
 * the stem keeps at least four (three after a doubled letter), so codes and short words stay as typed.
 */
export function stem(term: string): string {
  if (term.length < 5 || !/^[a-z]+$/.test(term)) return term;
  const adjective = COMPARATIVES.get(term);
  if (adjective) return stem(adjective);
  let stemmed = term;
  if (stemmed.endsWith('ies')) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (stemmed.endsWith('ied')) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (stemmed.endsWith('ing') && stemmed.length >= 7) stemmed = undouble(stemmed.slice(0, -3));
  else if (stemmed.endsWith('ed') && stemmed.length >= 6) stemmed = undouble(stemmed.slice(0, -2));
  else if (stemmed.endsWith('s') && !/(ss|us|is)$/.test(stemmed)) stemmed = stemmed.slice(0, -1);
  // A silent final e goes too, so "misfire", "misfires" and "misfired" meet at "misfir".
  if (stemmed.endsWith('e') && stemmed.length >= 5) stemmed = stemmed.slice(0, -1);
  return stemmed;
}

/**
 * Comparatives and superlatives of the adjectives symptoms are told with ("idle higher than
 * expected", "too lean"), back to the adjective; -er is not taken off other words ("driver" is not
 * "drive", "server" not "serve").
 */
const COMPARATIVES: ReadonlyMap<string, string> = new Map(
  [
    ...'high low fast slow rich lean long short great new old weak strong loud warm cold small quick hard soft deep tight clean'
      .split(' ')
      .map((a) => [a, `${a}er`, `${a}est`]),
    ...'large late wide close safe loose'.split(' ').map((a) => [a, `${a}r`, `${a}st`]),
    ...'hot big thin'.split(' ').map((a) => [a, `${a}${a.at(-1)}er`, `${a}${a.at(-1)}est`]),
  ].flatMap(([adjective, ...forms]) => forms.map((form) => [form, adjective!] as const)),
);

/** "runn" → "run", "stopp" → "stop"; not ll, ss or zz ("install", "access"). */
function undouble(word: string): string {
  return /([^aeiouylsz])\1$/.test(word) ? word.slice(0, -1) : word;
}

/** Index terms of words seen lately: a corpus repeats its words, so most are processed once. */
const indexTerms = new Map<string, string | null>();
const INDEX_TERMS_KEPT = 65_536;

/** Index-side processing: fold every word, keep stop words out, take common endings off. */
export function processIndexTerm(word: string): string | null {
  let term = indexTerms.get(word);
  if (term !== undefined) return term;
  const folded = fold(word);
  term = STOP_WORDS.has(folded) ? null : stem(folded);
  if (indexTerms.size >= INDEX_TERMS_KEPT) indexTerms.clear();
  indexTerms.set(word, term);
  return term;
}

/**
 * Query-side processing: as at index time; words in other languages become their English word, and
 * their articles and prepositions are left out.
 */
export function processQueryTerm(term: string): string | null {
  const folded = fold(term);
  if (STOP_WORDS.has(folded) || OTHER_STOP_WORDS.has(folded)) return null;
  return stem(OTHER_LANGUAGES[folded] ?? folded);
}

/** Articles, prepositions and elided forms (d', l') of the other languages people search in. */
export const OTHER_STOP_WORDS = new Set([
  'd',
  'l',
  'de',
  'del',
  'della',
  'di',
  'du',
  'des',
  'la',
  'le',
  'les',
  'el',
  'los',
  'las',
  'lo',
  'il',
  'un',
  'une',
  'una',
  'uno',
  'ein',
  'eine',
  'der',
  'die',
  'das',
  'den',
  'dem',
  'und',
  'et',
  'y',
  'da',
  'do',
  'em',
  'en',
  'al',
  'por',
  'para',
  'pour',
  'avec',
  'mit',
  'von',
  'zu',
  'auf',
  'im',
  'nel',
  'het',
  'van',
]);

/** Phrases of other languages whose words mean something else together ("no disponible"). */
const OTHER_PHRASES: readonly [RegExp, string][] = [
  [
    /\b(?:no|non|nao|nicht|niet) (?:disponible|disponibile|disponivel|verfugbar|beschikbaar)\b/g,
    'unavailable',
  ],
  [/\b(?:no|nao|non|nicht|niet) (?:encontrad[oa]|trovat[oa]|gefunden|gevonden)\b/g, 'not found'],
];

/** A query with other languages' phrases in English words (accents folded first). */
export function translatePhrases(query: string): string {
  let text = fold(query);
  for (const [phrase, english] of OTHER_PHRASES) text = text.replace(phrase, english);
  return text;
}

/** How a query string is stored in the zero-result report: folded words, single spaces, no digits. */
export function normaliseQuery(query: string): string {
  return tokenize(fold(query)).join(' ').slice(0, 200);
}
