import { ACRONYMS, TOKEN_WORDS } from './abbreviations.ts';
import { PREFIX_RULES, type PrefixRule } from './prefix-rules.ts';
import { TITLE_OVERRIDES } from './title-overrides.ts';

// Longest first, so WU_E_PT_ wins over WU_E_ and ERROR_INTERNET_ over ERROR_.
const RULES_LONGEST_FIRST: readonly PrefixRule[] = [...PREFIX_RULES].sort(
  (a, b) => b.prefix.length - a.prefix.length,
);

// FOO_E_BAR: an unlisted facility with a severity letter (Error, Success, Warning, Informational).
const FACILITY_SEVERITY = /^([A-Z][A-Z0-9]*)_[ESWI]_(?=.)/;

// CamelCase pieces: acronym runs (DC in DCNotFound), capitalised words, digit runs.
const CAMEL_PIECES = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

// Prefixes ending in "_" by prefix, so a symbol's candidates are looked up at each of its underscores
// instead of tried one rule at a time (30,000 titles × 300 rules); the few others are tried in turn.
const RULES_BY_PREFIX = new Map(PREFIX_RULES.filter((r) => r.prefix.endsWith('_')).map((r) => [r.prefix, r]));
const OTHER_RULES = RULES_LONGEST_FIRST.filter((r) => !r.prefix.endsWith('_'));

/** The longest rule whose prefix starts the symbol and leaves something after it. */
function prefixRule(symbol: string): PrefixRule | undefined {
  let best: PrefixRule | undefined;
  for (let i = symbol.indexOf('_'); i !== -1 && i < symbol.length - 1; i = symbol.indexOf('_', i + 1)) {
    const rule = RULES_BY_PREFIX.get(symbol.slice(0, i + 1));
    if (rule) best = rule;
  }
  const other = OTHER_RULES.find((r) => symbol.startsWith(r.prefix) && symbol.length > r.prefix.length);
  return other && (!best || other.prefix.length > best.prefix.length) ? other : best;
}

/** The component a symbol's prefix names, and what is left of the symbol after it. */
function splitPrefix(symbol: string): { label: string; rest: string } {
  const rule = prefixRule(symbol);
  if (rule) return { label: rule.label, rest: symbol.slice(rule.prefix.length) };
  const m = FACILITY_SEVERITY.exec(symbol);
  if (m) return { label: facilityLabel(m[1]!), rest: symbol.slice(m[0].length) };
  return { label: '', rest: symbol };
}

function facilityLabel(token: string): string {
  const words = TOKEN_WORDS[token];
  return words === undefined ? token : capitalise(words);
}

interface Piece {
  text: string;
  camel: boolean;
}

/** A symbol's pieces: underscore-separated, with CamelCase parts (NERR_UserNotFound) split further. */
function pieces(rest: string): Piece[] {
  return rest
    .split('_')
    .filter((part) => part !== '')
    .flatMap((part): Piece[] =>
      /[a-z]/.test(part)
        ? (part.match(CAMEL_PIECES) ?? []).map((text) => ({ text, camel: true }))
        : [{ text: part, camel: false }],
    );
}

/** One piece in English: dictionary words, kept acronyms, else lower case. */
function expand(text: string, camel: boolean): string {
  const key = text.toUpperCase();
  const words = TOKEN_WORDS[key];
  if (words !== undefined) return words;
  if (ACRONYMS.has(key)) return key;
  // An all-capitals run inside CamelCase is an acronym its author chose; digits mark model names (D3D11).
  if ((camel && text.length > 1 && text === key) || /\d/.test(text)) return text;
  return text.toLowerCase();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A plain-English title for a symbolic error name: the prefix names the component ("Windows Update
 * protocol: …"), tokens expand through the abbreviation dictionary, the rest reads in lower case.
 * A piece that repeats the previous piece's first word drops it (SOAPCLIENT_SOAPFAULT → "SOAP client fault").
 */
export function readableTitle(symbol: string): string {
  const override = TITLE_OVERRIDES[symbol.trim()];
  if (override !== undefined) return override;
  const trimmed = /[A-Z]/.test(symbol) ? symbol.trim() : symbol.trim().toUpperCase();
  const { label, rest } = splitPrefix(trimmed);
  const body = phrase(pieces(rest));
  if (label === '') return capitalise(body);
  return body === '' ? label : `${label}: ${body}`;
}

/** Pieces read as one phrase, dropping a word a piece repeats from the one before it. */
function phrase(list: readonly Piece[]): string {
  const phrases: string[][] = [];
  for (const { text, camel } of list) {
    let words = expand(text, camel).split(' ');
    const previous = phrases.at(-1);
    if (previous && words.length > 1 && words[0]!.toLowerCase() === previous[0]!.toLowerCase()) {
      words = words.slice(1);
    }
    phrases.push(words);
  }
  return phrases.flat().join(' ');
}

// MySQL's name prefixes: server errors, mysys (file and system) errors, storage engine errors.
const MYSQL_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['ER_', 'MySQL'],
  ['EE_', 'MySQL system'],
  ['HA_ERR_', 'MySQL storage engine'],
  ['HA_', 'MySQL storage engine'],
  ['WARN_', 'MySQL warning'],
];

/** A MySQL/MariaDB error name read as a title: "ER_DUP_ENTRY" → "MySQL: duplicate entry". */
export function mysqlTitle(symbol: string): string {
  const [prefix, label] = MYSQL_PREFIXES.find(([p]) => symbol.startsWith(p) && symbol.length > p.length) ?? [
    '',
    'MySQL',
  ];
  const body = phrase(pieces(symbol.slice(prefix.length)));
  return body === '' ? label : `${label}: ${body}`;
}

// Words of Apple's terse OSErr names (fnfErr, dupFNErr, ...).
const MAC_WORDS: Readonly<Record<string, string>> = {
  FNF: 'file not found',
  IO: 'I/O',
  PARAM: 'parameter',
  MEM: 'memory',
  DIR: 'directory',
  VOL: 'volume',
  NSV: 'no such volume',
  DUP: 'duplicate',
  FN: 'file name',
  EOF: 'end of file',
  POS: 'position',
  PERM: 'permission',
  WR: 'write',
  RD: 'read',
  OP: 'open',
  BD: 'bad',
  NAM: 'name',
  FLCK: 'file locked',
  VLCK: 'volume locked',
  W: 'write',
  PRIV: 'privilege',
  AFP: 'AFP',
};

/** An OSStatus/OSErr name read as a title: "fnfErr" → "macOS: file not found error". */
export function osstatusTitle(symbol: string): string {
  // kFooErr: the k marks a constant; err/Err at either end marks an error.
  const name = /^k[A-Z]/.test(symbol) ? symbol.slice(1) : symbol;
  let list = pieces(name);
  let error = false;
  while (list.length > 1 && /^err(or)?$/i.test(list.at(-1)!.text)) {
    list = list.slice(0, -1);
    error = true;
  }
  while (list.length > 1 && /^err(or)?$/i.test(list[0]!.text)) {
    list = list.slice(1);
    error = true;
  }
  const words = list.map(({ text, camel }) => MAC_WORDS[text.toUpperCase()] ?? expand(text, camel)).join(' ');
  return `macOS: ${words}${error && !/\berror\b/.test(words) && list.length === 1 ? ' error' : ''}`;
}

// NSS's name prefixes: certificate and library errors, TLS errors, NSPR's portable runtime errors.
const NSS_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['SEC_ERROR_', 'NSS security'],
  ['SSL_ERROR_', 'NSS TLS'],
  ['PR_', 'NSPR'],
];

/** An NSS/NSPR error name read as a title: "SEC_ERROR_UNKNOWN_ISSUER" → "NSS security: unknown issuer". */
export function nssTitle(symbol: string): string {
  const [prefix, label] = NSS_PREFIXES.find(([p]) => symbol.startsWith(p)) ?? ['', 'NSS'];
  const rest = symbol.slice(prefix.length).replace(/_ERROR$/, '');
  const body = phrase(pieces(rest));
  return body === '' ? label : `${label}: ${body}`;
}
