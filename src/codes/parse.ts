import { UINT32_MAX, toUint32 } from './number.ts';

/** One way to read what a person typed. */
export type CodeReading =
  | { scheme: 'number'; value: number; written: 'hex' | 'decimal' | 'signed'; text: string }
  | { scheme: 'obd'; code: string; text: string }
  | { scheme: 'http'; status: number; text: string }
  | { scheme: 'symbol'; name: string; text: string };

/** Storage key shared by guides and queries: num:2149859335, obd:P0300, http:503, sym:ENOENT. */
export function readingKey(reading: CodeReading): string {
  switch (reading.scheme) {
    case 'number':
      return `num:${reading.value}`;
    case 'obd':
      return `obd:${reading.code}`;
    case 'http':
      return `http:${reading.status}`;
    case 'symbol':
      return `sym:${reading.name}`;
  }
}

const HEX_PREFIXED = /^0x([0-9a-f]{1,8})l?$/i;
const HEX_BARE_8 = /^[0-9a-f]{8}$/i;
const SIGNED = /^-\d{1,10}$/;
const UNSIGNED = /^\d{1,10}$/;
const OBD = /^[pcbu][0-3][0-9a-f]{3}$/i;
const SYMBOL = /^[a-z][a-z0-9_]{1,99}$/i;
const HTTP_STATUS = /^http[\s/-]*([1-5]\d\d)$/i;

function isHttpStatus(n: number): boolean {
  return n >= 100 && n <= 599;
}

/**
 * Every reading of a single token, most likely first. Returns [] for text that is not a code.
 * Eight hex digits without a prefix read as hex first (how Windows prints HRESULTs), then as decimal.
 */
export function readToken(raw: string): CodeReading[] {
  const text = raw.trim().replace(/^[("'[{<]+|[)"'\]}>.,;:!?]+$/g, '');
  if (text === '') return [];
  let m: RegExpExecArray | null;

  if ((m = HEX_PREFIXED.exec(text))) {
    return [{ scheme: 'number', value: parseInt(m[1]!, 16), written: 'hex', text }];
  }
  if ((m = HTTP_STATUS.exec(text))) {
    return [{ scheme: 'http', status: Number(m[1]), text }];
  }
  if (SIGNED.test(text)) {
    const n = Number(text);
    if (n < -0x8000_0000) return [];
    return [{ scheme: 'number', value: toUint32(n), written: 'signed', text }];
  }
  if (UNSIGNED.test(text)) {
    const n = Number(text);
    const readings: CodeReading[] = [];
    if (text.length === 8)
      readings.push({ scheme: 'number', value: parseInt(text, 16), written: 'hex', text });
    if (n <= UINT32_MAX) readings.push({ scheme: 'number', value: n, written: 'decimal', text });
    if (isHttpStatus(n) && text.length === 3) readings.push({ scheme: 'http', status: n, text });
    return readings;
  }
  if (HEX_BARE_8.test(text)) {
    return [{ scheme: 'number', value: parseInt(text, 16), written: 'hex', text }];
  }
  if (OBD.test(text)) {
    return [{ scheme: 'obd', code: text.toUpperCase(), text }];
  }
  if (SYMBOL.test(text)) {
    return [{ scheme: 'symbol', name: text.toUpperCase(), text }];
  }
  return [];
}

/** A code found inside free text, with where it starts. */
export interface FoundCode {
  text: string;
  index: number;
  readings: CodeReading[];
}

// Alternatives in priority order; symbols only when they look like constants (ERROR_X, WU_E_X, ENOENT).
const CODE_IN_TEXT = new RegExp(
  [
    String.raw`(?<http>\bhttp[\s/-]*[1-5]\d\d\b)`,
    String.raw`(?<hex>(?<![\w-])0x[0-9a-f]{1,8}l?\b)`,
    String.raw`(?<dec>(?<![\w.])-?\d{1,10}(?![\w.]\w))`,
    String.raw`(?<bare>\b[0-9a-f]{8}\b)`,
    String.raw`(?<obd>\b[pcbu] ?[0-3][0-9a-f]{3}\b)`,
    String.raw`(?<sym>\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\bE[A-Z]{2,14}\b)`,
  ].join('|'),
  'gi',
);
const CONSTANT_CASE = /^(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|E[A-Z]{2,14})$/;
const NUMBER_CONTEXT = /(?:error|code|status|hr|result|exit|err|=|:)\W{0,3}$/i;

/** Every code inside a log line or dialog text, in the order they appear. */
export function extractCodes(input: string): FoundCode[] {
  const found: FoundCode[] = [];
  for (const match of input.matchAll(CODE_IN_TEXT)) {
    const text = match[0];
    const index = match.index;
    const groups = match.groups ?? {};
    if (groups.sym !== undefined && !CONSTANT_CASE.test(text)) continue;
    if (groups.dec !== undefined && text.replace('-', '').length < 4) {
      // Short numbers are only codes when the text says so ("error 5", "status: 503").
      if (!NUMBER_CONTEXT.test(input.slice(Math.max(0, index - 12), index))) continue;
    }
    const readings = readToken(groups.obd !== undefined ? text.replace(' ', '') : text);
    if (readings.length > 0) found.push({ text, index, readings });
  }
  return found;
}

/**
 * What a query asks for: the readings of the whole query when it is one code, else the readings of
 * every code inside it, in order, without repeats.
 */
export function readQuery(query: string): CodeReading[] {
  const whole = readToken(query);
  if (whole.length > 0) return whole;
  const seen = new Set<string>();
  const readings: CodeReading[] = [];
  for (const found of extractCodes(query)) {
    for (const reading of found.readings) {
      const key = readingKey(reading);
      if (seen.has(key)) continue;
      seen.add(key);
      readings.push(reading);
    }
  }
  return readings;
}

/**
 * A family guide's code: a readable pattern with lowercase `x` for each open digit or a final `*` for
 * any rest (`0x8024xxxx`, `P03xx`, `5xx`, `ERR_CERT_*`, `Stop code *`). No code reading has this shape.
 */
const FAMILY_CODE = /^[A-Za-z0-9_](?:[A-Za-z0-9_ ]*[A-Za-z0-9_])?(?:x{2,}| ?\*)$/;

export function isFamilyCode(display: string): boolean {
  const text = display.trim();
  return text.length <= 40 && FAMILY_CODE.test(text);
}

/** The key of a family guide's code: `family:` and its slug, a key no reading ever produces. */
export function familyCodeKey(display: string): string {
  const slug = display
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `family:${slug}`;
}

/**
 * The key a guide is filed under, from its code as displayed: 0x… and eight hex digits are Windows
 * values, Pxxxx an OBD-II code, a three-digit 1xx–5xx an HTTP status, NAMES a symbol; a family pattern
 * gets a `family:` key, so no lookup of one code ever finds a family guide as its answer.
 */
export function guideCodeKey(display: string): string | null {
  const text = display.trim();
  if (isFamilyCode(text)) return familyCodeKey(text);
  if (/^[1-5]\d\d$/.test(text)) return `http:${text}`;
  const first = readToken(text)[0];
  if (!first) return null;
  // Symbols are displayed as written in headers: ERROR_ACCESS_DENIED, ENOENT.
  if (first.scheme === 'symbol' && !/^[A-Z][A-Z0-9_]+$/.test(text)) return null;
  return readingKey(first);
}
