/**
 * Reads pasted text the way a person does: which tokens are codes, and which family each points to.
 *
 * One left-to-right pass of one regular expression finds tokens; things that look like numbers but are
 * not codes (URLs, GUIDs, dates, times, versions and build numbers, IP addresses and ports, KB numbers,
 * hashes, file:line positions, paths) are consumed first so their digits never become candidates.
 * Each remaining token is scored from
 *   - its shape: 0x80244007 and eight hex digits look like HRESULTs, -2145107961 like a signed HRESULT,
 *     P0300 like an OBD-II code, ERROR_X / WU_E_X / ENOENT like constants; a bare short number is not a
 *     code at all unless something says so;
 *   - the words just before it on its line: labels (`error`, `hr =`, `HRESULT =`, `code:`, `Stop code:`,
 *     `errno`, `status`, `[80244007]`, `npm ERR! code`, `Error: listen`) raise it; `pid`, `port`,
 *     `line`, `Event ID`, `version`, `offset` lower it, as do units after it (`ms`, `%`, `bytes`);
 *   - family hints: an HTTP reason phrase after it (`502 Bad Gateway`), words such as `stop code`,
 *     `errno`, `net::`, `System error`, or a device (`printer`, `dishwasher`) whose codes no catalog has.
 * Work is linear in the text, which is cut at MAX_TEXT characters, and at most MAX_CANDIDATES are kept.
 */
import { toUint32, UINT32_MAX } from './number.ts';
import { readToken, readingKey, type CodeReading } from './parse.ts';

/** Families context can point to; `device` means a product whose codes no catalog holds. */
export type FamilyHint =
  | 'bugcheck'
  | 'http'
  | 'errno'
  | 'win32'
  | 'ntstatus'
  | 'chromium'
  | 'cmprob'
  | 'mysql'
  | 'nss'
  | 'osstatus'
  | 'device';

export interface Candidate {
  /** The token as written. */
  text: string;
  index: number;
  /** Its readings, the most likely first. */
  readings: CodeReading[];
  score: number;
  /** Families its context points to, strongest first. */
  hints: FamilyHint[];
  /** Whether a hint came from the words right next to it (then it decides the family). */
  labelled: boolean;
  /** Why it is a candidate, in plain words. */
  why: string[];
}

export const MAX_TEXT = 16_384;
export const MAX_CANDIDATES = 40;
/** Below this a token is not taken for a code. */
export const CODE_SCORE = 20;

// Consumed and ignored: each alternative is a thing that is not a code.
const SKIP = [
  String.raw`https?://\S+|www\.\S+`,
  String.raw`\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?`,
  String.raw`\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?![\d.])`,
  String.raw`\d{1,2}/\d{1,2}/\d{2,4}`,
  String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,:]\d+)?(?:\s?[ap]m\b)?`,
  String.raw`\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?`,
  String.raw`:{2,3}\d+`,
  String.raw`\bkb\d{5,8}\b`,
  String.raw`(?<![\w.])v?\d+(?:\.\d+){2,}\b`,
  String.raw`\b[0-9a-f]{9,}\b`,
  String.raw`(?<![\w.-])[\w.-]+:\d+(?::\d+)?(?=[\])\s,]|$)`,
].join('|');

const TOKEN = new RegExp(
  [
    `(?<skip>${SKIP})`,
    String.raw`(?<iis>(?<![\w.])[1-5]\d\d\.\d{1,2}(?![\w.]))`,
    String.raw`(?<dotted>\b\d+\.\d+\b)`,
    String.raw`(?<hex>(?<![\w-])0x[0-9a-f]{1,16}l?\b)`,
    String.raw`(?<signed>(?<![\w.-])-\d{1,10}(?![\w.]))`,
    String.raw`(?<dec>(?<![\w.\\/-])\d{1,10}(?![\w\\/]|\.\d))`,
    String.raw`(?<bare>(?<![\w\\/-])[0-9a-f]{8}(?![\w\\/-]))`,
    String.raw`(?<obd>\b[pcbu] ?[0-3][0-9a-f]{3}\b)`,
    String.raw`(?<hexword>(?<![\w\\/-])\d[0-9a-f]{0,6}(?<=[a-f]|[a-f][0-9a-f]*)(?![\w\\/-]))`,
    String.raw`(?<sym>(?<![\w-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z][A-Z0-9]{1,}\b)`,
  ].join('|'),
  'gi',
);

// Words that are never codes, however they are written.
const NOT_CODES = new Set(
  (
    'ERROR ERR ERRORS CODE CODES FAILED FAIL FAILURE STATUS WARNING WARN INFO E HRESULT NTSTATUS HTTP ' +
    'HTTPS EXCEPTION EXIT ENTRY EVENT EOF EST EDT EFI EVAP ECM ECT ETW EXE EN ES EU EA EX EG EOL ETA'
  ).split(' '),
);

/** Reason phrases of HTTP statuses in any era's wording (RFC 9110, RFC 2616, IIS, nginx, Cloudflare). */
const HTTP_PHRASE = new RegExp(
  String.raw`^[\s\-–:.()]*(?:server error:?\s*|client error:?\s*)?(?:` +
    [
      'continue',
      'switching protocols',
      'ok\\b',
      'created',
      'accepted',
      'no content',
      'partial content',
      'multiple choices',
      'moved permanently',
      'moved temporarily',
      'found\\b',
      'see other',
      'not modified',
      'temporary redirect',
      'permanent redirect',
      'bad request',
      'unauthori[sz]ed',
      'payment required',
      'forbidden',
      'not found',
      'method not allowed',
      'not acceptable',
      'proxy authentication required',
      'request time-?out',
      'conflict',
      'gone',
      'length required',
      'precondition (?:failed|required)',
      'request entity too large',
      'payload too large',
      'content too large',
      'request-?uri too long',
      'uri too long',
      'unsupported media type',
      '(?:requested )?range not satisfiable',
      'expectation failed',
      "i'?m a teapot",
      'misdirected request',
      'unprocessable (?:entity|content)',
      'locked',
      'failed dependency',
      'too early',
      'upgrade required',
      'too many requests',
      'request header fields too large',
      'unavailable for legal reasons',
      'client closed request',
      'internal server error',
      'not implemented',
      'bad gateway',
      'service (?:temporarily )?unavailable',
      'the service is unavailable',
      'gateway time-?out',
      'http version not supported',
      'insufficient storage',
      'loop detected',
      'bandwidth limit exceeded',
      'network authentication required',
      'web server (?:is down|returned an unknown error)',
      'connection timed out',
      'origin is unreachable',
      'a timeout occurred',
      'ssl handshake failed',
      'invalid ssl certificate',
    ].join('|') +
    String.raw`)`,
  'i',
);

// A label right before a token: "error", "hr =", "HRESULT =", "code:", "[", "*FAILED* [" …
const LABEL =
  /(?:\b(?:error|err!?|errno|hr|hresult|result|status|code|exit code|return code|exception code|stop code|bug ?check(?: code)?|gle|returned?|lasterror|getlasterror(?:\(\))?|failed with|failure|failed\*?|reason|os error|error code|status code)(?:\s*[:=#]\s{0,2}|\s[-–]\s|\s)|[([]|[:=]\s?)['"([]?$/i;
const STRONG_LABEL =
  /\b(?:http(?:\/[\d.]+)?|error|err!?|errno|hr|hresult|result|status|code|stop code|bug ?check|gle|returned?|getlasterror(?:\(\))?|failed with|failed\*?|os error)(?:\s*[:=#]\s{0,2}|\s[-–]\s|\s)['"([]?$/i;
// Words right before a token that say it is a count, an id or a position, not a code.
const NOT_A_CODE_BEFORE =
  /\b(?:pid|tid|process ?id|thread ?id|thread|port|line|ln|build|version|ver|event ?id|event|id|time ?stamp|offset|address|location|at|size|length|len|count|attempt|retry|trip|round trip|page|rpm|speed|ect|bank|sensor|report ?id|session|sequence|seq|index|phase|step|item|rows?|bytes|times?|level|frame)\s*[:=#]?\s*$/i;
const UNIT_AFTER =
  /^\s?(?:ms\b|milliseconds|seconds|secs?\b|s\b|minutes|mins?\b|hours|%|percent|bytes|[kmgt]i?b\b|px\b|rpm\b|km|mph|°|time\(s\)|times\b|x\b)/i;

const HINT_WORDS: readonly [FamilyHint, RegExp][] = [
  ['bugcheck', /stop ?code|bug ?check|\bbsod\b|blue ?screen|\bstop:|ran into a problem|stopcode/i],
  [
    'chromium',
    /\bnet::|\bchrome\b|\bchromium\b|\bedge\b|this site can.t be reached|this page isn.t working/i,
  ],
  [
    'http',
    /\bhttp\b|status code|web ?server|\bnginx\b|\bapache\b|\biis\b|cloudflare|\bgateway\b|\burl\b|requests\.|axios|\bcurl\b|website|\bserver error\b/i,
  ],
  ['errno', /\berrno\b|\bnpm\b|\bnode:|\bsyscall\b|oserror|\blinux\b|\bposix\b/i],
  [
    'win32',
    /system error|getlasterror|\bgle\b|\bwin32\b|os error|windows installer|msiinstaller|loadlibrary|createfile|\bdism\b/i,
  ],
  [
    'cmprob',
    /device manager|this device (?:cannot|is not|has|is disabled|is not configured)|windows has stopped this device|drivers? for this device|device status/i,
  ],
  // "ERROR 1045 (28000): Access denied ...": the SQLSTATE in parentheses marks MySQL's client.
  ['mysql', /\bmysql|\bmariadb\b|\bmysqld\b|\bERROR \d{4} \([0-9A-Z]{5}\)/i],
  ['nss', /\bfirefox\b|\bthunderbird\b|\bnss\b|\bsec_error_|\bssl_error_/i],
  ['osstatus', /\bosstatus\b|\boserr\b|\bmac ?os\b|\bfinder\b|the operation can.t be completed/i],
  [
    'device',
    /printer|dishwasher|washer|washing machine|dryer|fridge|refrigerator|oven|boiler|furnace|thermostat|\bxbox\b|playstation|\bps[345]\b|nintendo|canon|epson|\bbrother\b|whirlpool|\bbosch\b|samsung|\blg\b|roku|smart tv/i,
  ],
];

/** Family hints carried by the words just around one token. */
function localHints(before: string, token: string, after: string): FamilyHint[] {
  const hints: FamilyHint[] = [];
  if (
    /(?:stop ?code|bug ?check(?: code)?(?: was)?|\bstop|bsod|blue ?screen(?: error)?)\W{0,3}$/i.test(before)
  )
    hints.push('bugcheck');
  if (/(?:\berrno|\[errno)\W{0,3}$/i.test(before)) hints.push('errno');
  if (/\bnet::$/i.test(before)) hints.push('chromium');
  if (/\bchrome error\s?$/i.test(before)) hints.push('chromium');
  if (/^\d{3}(?:\.\d{1,2})?$/.test(token)) {
    if (
      /(?:\bhttp(?:\/\d\.\d)?|http ?error|httperror|status code|status|returned error|\burl returned error)\W{0,3}$/i.test(
        before,
      ) ||
      HTTP_PHRASE.test(after)
    )
      hints.push('http');
  }
  if (/(?:system error|getlasterror(?:\(\))?|\bgle|os error|lasterror)\W{0,4}$/i.test(before))
    hints.push('win32');
  if (
    /^E[A-Z0-9]{2,}$/.test(token) &&
    /\b(?:error:?\s*(?:\w+\s)?|code:?\s*['"]?|npm err!\s*(?:code\s)?)$/i.test(before)
  )
    hints.push('errno');
  return hints;
}

function globalHints(text: string): FamilyHint[] {
  return HINT_WORDS.filter(([, re]) => re.test(text)).map(([hint]) => hint);
}

/** Readings of a token, given what its context says. Returns [] when it cannot be a code. */
function tokenReadings(
  kind: string,
  raw: string,
  hints: readonly FamilyHint[],
  hexLabel: boolean,
): CodeReading[] {
  switch (kind) {
    case 'iis': {
      const status = Number(raw.slice(0, 3));
      return [{ scheme: 'http', status, text: raw }];
    }
    case 'hex': {
      const digits = raw.replace(/^0x/i, '').replace(/l$/i, '');
      if (digits.length > 8) {
        const high = digits.slice(0, -8);
        const low = parseInt(digits.slice(-8), 16);
        // Sign-extended 32-bit values (0xffffffffc0000005) keep their low half; addresses are not codes.
        if (/^0+$/.test(high) || (/^f+$/i.test(high) && low >= 0x8000_0000)) {
          return [{ scheme: 'number', value: low, written: 'hex', text: raw }];
        }
        return [];
      }
      return readToken(raw);
    }
    case 'signed': {
      const n = Number(raw);
      if (n < -0x8000_0000) return [];
      const readings: CodeReading[] = [];
      // Node and Python print errno negated (errno: -13); its number is the code.
      if (hints.includes('errno') && n >= -4095)
        readings.push({ scheme: 'number', value: -n, written: 'decimal', text: raw });
      readings.push({ scheme: 'number', value: toUint32(n), written: 'signed', text: raw });
      return readings;
    }
    case 'dec': {
      // "BugCheck 124" and "BugCheck D1" are written in hex without 0x.
      if (hexLabel) return [{ scheme: 'number', value: parseInt(raw, 16), written: 'hex', text: raw }];
      const readings = readToken(raw);
      const n = Number(raw);
      if (n > UINT32_MAX) return [];
      if (hints.includes('http'))
        readings.sort((a, b) => (b.scheme === 'http' ? 1 : 0) - (a.scheme === 'http' ? 1 : 0));
      return readings;
    }
    case 'bare':
      if (hexLabel) return [{ scheme: 'number', value: parseInt(raw, 16), written: 'hex', text: raw }];
      return /[a-f]/i.test(raw) ? readToken(raw) : [];
    case 'obd':
      return readToken(raw.replace(' ', ''));
    case 'sym':
      return [{ scheme: 'symbol', name: raw.toUpperCase(), text: raw }];
    default:
      return [];
  }
}

/** Score of a token's shape alone, and what to say about it. */
function shapeScore(kind: string, raw: string, reading: CodeReading): [number, string] {
  switch (kind) {
    case 'iis':
      return [30, 'an IIS status with its substatus'];
    case 'hex': {
      const digits = raw.replace(/^0x/i, '').replace(/l$/i, '');
      if (reading.scheme === 'number' && reading.value >= 0x8000_0000)
        return [50, 'written like a Windows error value (0x…)'];
      if (digits.length >= 8) return [40, 'a zero-padded hexadecimal value, as stop codes are written'];
      return [35, 'a hexadecimal value'];
    }
    case 'signed':
      return raw.length >= 10 ? [40, 'a Windows error value as a signed number'] : [15, 'a negative number'];
    case 'dec':
      if (raw.length === 8 && reading.scheme === 'number' && reading.written === 'hex')
        return reading.value >= 0x8000_0000
          ? [38, 'eight hex digits, as Windows logs print errors']
          : [12, 'eight digits'];
      if (raw.length === 10 && Number(raw) >= 0x8000_0000)
        return [35, 'a Windows error value as a decimal number'];
      return raw.length >= 4 ? [10, 'a number'] : [5, 'a short number'];
    case 'bare':
      // Windows logs print failures bare (80244007); a small bare value is a counter or an id.
      return reading.scheme === 'number' && reading.value >= 0x8000_0000
        ? [40, 'eight hex digits, as Windows logs print errors']
        : [15, 'eight hex digits'];
    case 'obd':
      return [45, 'shaped like an OBD-II trouble code'];
    case 'sym':
      if (raw.includes('_')) return [40, 'a constant name'];
      if (/^E[A-Z0-9]{2,}$/.test(raw)) return [30, 'shaped like an errno name'];
      if (/^[A-Z]{1,2}\d{1,3}$/.test(raw)) return [5, 'a short code'];
      return [0, 'a word'];
    default:
      return [0, ''];
  }
}

/** Error pages titled with a reason phrase alone (Apache's "Forbidden", IIS's "Service Unavailable"). */
const TITLE_PHRASES: Record<string, number> = {
  'bad request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not found': 404,
  'method not allowed': 405,
  'request timeout': 408,
  'request entity too large': 413,
  'payload too large': 413,
  'too many requests': 429,
  'internal server error': 500,
  'bad gateway': 502,
  'service unavailable': 503,
  'service temporarily unavailable': 503,
  'gateway timeout': 504,
  'gateway time-out': 504,
};

/** A line that is only a reason phrase, as the title of an error page: that status. */
function titleLine(text: string): Candidate | undefined {
  let index = 0;
  for (const line of text.split('\n', 50)) {
    const status =
      TITLE_PHRASES[
        line
          .trim()
          .replace(/[.!]+$/, '')
          .toLowerCase()
      ];
    if (status !== undefined) {
      const reading: CodeReading = { scheme: 'http', status, text: line.trim() };
      return {
        text: line.trim(),
        index,
        readings: [reading],
        score: 55,
        hints: ['http'],
        labelled: true,
        why: ['an error page titled with its HTTP reason phrase'],
      };
    }
    index += line.length + 1;
  }
  return undefined;
}

/** What the whole text says as one token (a pasted code alone). */
function wholeToken(text: string): Candidate[] {
  if (NOT_CODES.has(text.toUpperCase())) return [];
  const readings = readToken(text);
  if (readings.length === 0) return [];
  return [{ text, index: 0, readings, score: 60, hints: [], labelled: false, why: ['the whole query'] }];
}

/**
 * Every code candidate in pasted text, best first. Pure and total: any string gives an array of at
 * most MAX_CANDIDATES, in time linear in min(text length, MAX_TEXT).
 */
export function readText(input: string): Candidate[] {
  const text = input.slice(0, MAX_TEXT).trim();
  if (text === '') return [];
  const titleOnly = text.length <= 40 ? titleLine(text) : undefined;
  if (titleOnly) return [titleOnly];
  if (text.length <= 120 && !/\s/.test(text)) {
    const whole = wholeToken(text);
    if (whole.length > 0 || NOT_CODES.has(text.toUpperCase())) return whole;
  }

  const global = globalHints(text);
  const found = new Map<string, Candidate>();
  const title = titleLine(text);
  if (title) found.set(readingKey(title.readings[0]!), title);
  TOKEN.lastIndex = 0;
  for (const match of text.matchAll(TOKEN)) {
    const groups = match.groups ?? {};
    const kind = Object.keys(groups).find((k) => groups[k] !== undefined) ?? 'skip';
    if (kind === 'skip' || kind === 'dotted') continue;
    const raw = match[0];
    if (kind === 'sym' && (NOT_CODES.has(raw.toUpperCase()) || raw !== raw.toUpperCase())) continue;
    const index = match.index;
    // Context stays on the token's line; at most 40 characters back and 60 ahead keeps the pass linear.
    const back = text.slice(Math.max(0, index - 40), index);
    const before = back.slice(back.lastIndexOf('\n') + 1);
    const after = text.slice(index + raw.length, index + raw.length + 60).split('\n', 1)[0]!;
    // A short number is a code only after a label or before a reason phrase: most are not, so skip early.
    if (
      kind === 'dec' &&
      raw.length <= 3 &&
      !LABEL.test(before) &&
      !STRONG_LABEL.test(before) &&
      !HTTP_PHRASE.test(after)
    )
      continue;

    const hexLabel =
      (kind === 'dec' ||
        kind === 'bare' ||
        kind === 'hexword' ||
        (kind === 'sym' && /^[0-9A-F]{1,8}$/i.test(raw))) &&
      /\bbug ?check\s?[:=]?\s?$/i.test(before);
    if (kind === 'hexword' && !hexLabel) continue;
    const effectiveKind = hexLabel && (kind === 'sym' || kind === 'hexword') ? 'bare' : kind;
    const local = localHints(before, raw, after);
    const short = (kind === 'dec' && raw.length <= 5) || kind === 'signed' || kind === 'iis';
    const hints = [
      ...new Set([
        ...local,
        ...(short || kind === 'sym' ? global : []),
        ...(kind === 'hex' && global.includes('bugcheck') ? ['bugcheck' as const] : []),
      ]),
    ];
    const readings = tokenReadings(effectiveKind, raw, hints, hexLabel);
    if (readings.length === 0) continue;

    const [shapeValue, shape] = shapeScore(effectiveKind, raw, readings[0]!);
    let score = shapeValue;
    const why = [shape];
    const strong = STRONG_LABEL.exec(before);
    if (hexLabel) {
      score += 40;
      why[0] = 'a stop code as debuggers print it (hex without 0x)';
      why.push('after "BugCheck"');
    } else if (strong) {
      score += 30;
      why.push(`after "${strong[0].trim()}"`);
    } else if (LABEL.test(before)) {
      score += 12;
      why.push('set off as a code');
    }
    if (/^[\])]/.test(after) && /[[(]$/.test(before)) score += 8;
    if (local.includes('http') && HTTP_PHRASE.test(after)) {
      score += 35;
      why.push('followed by its HTTP reason phrase');
    }
    if (local.length > 0) score += 10;
    if (kind === 'sym' && /^E[A-Z0-9]{2,}$/.test(raw) && local.includes('errno')) score += 20;
    if (kind === 'sym' && /^[A-Z]{1,2}\d{1,3}$/.test(raw) && global.includes('device')) {
      score += 25;
      why.push('a device code');
    }
    if (NOT_A_CODE_BEFORE.test(before)) {
      score -= 40;
      why.push('an id, count or position, not a code');
    }
    if (UNIT_AFTER.test(after)) score -= 40;
    if (/[\\/]$/.test(before) || /^[\\/]/.test(after)) score -= 50;
    if (score < CODE_SCORE) continue;

    const candidate: Candidate = {
      text: raw,
      index,
      readings,
      score,
      hints,
      labelled: local.length > 0,
      why,
    };
    const key = readingKey(readings[0]!);
    const seen = found.get(key);
    if (!seen) found.set(key, candidate);
    else if (candidate.score > seen.score) found.set(key, { ...candidate, index: seen.index });
    if (found.size >= MAX_CANDIDATES * 4) break;
  }
  return [...found.values()].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, MAX_CANDIDATES);
}
