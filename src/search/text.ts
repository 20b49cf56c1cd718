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
};

/** Lower case without accents: "Código" → "codigo". */
export function fold(term: string): string {
  return term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Index-side processing: fold every word; keep stop words out. */
export function processIndexTerm(term: string): string | null {
  const folded = fold(term);
  return STOP_WORDS.has(folded) ? null : folded;
}

/** Query-side processing: as at index time, and words in other languages become their English word. */
export function processQueryTerm(term: string): string | null {
  const folded = fold(term);
  if (STOP_WORDS.has(folded)) return null;
  return OTHER_LANGUAGES[folded] ?? folded;
}

/** How a query string is stored in the zero-result report: folded words, single spaces, no digits. */
export function normaliseQuery(query: string): string {
  return tokenize(fold(query)).join(' ').slice(0, 200);
}
