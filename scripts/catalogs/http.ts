/**
 * HTTP status codes: Node's `http.STATUS_CODES` as the base, brought up to RFC 9110 (HTTP Semantics,
 * June 2022) with the table below. Some of Node's phrases predate RFC 9110.
 */

export const HTTP_CLASSES = [
  'informational',
  'success',
  'redirection',
  'client-error',
  'server-error',
] as const;
export type HttpClass = (typeof HTTP_CLASSES)[number];

export interface HttpEntry {
  status: number;
  reason: string;
  class: HttpClass;
  /** Section of RFC 9110 that defines the code, e.g. "15.5.14". */
  rfc9110Section?: string;
  /** Where `reason` comes from. */
  reasonSource: 'node' | 'rfc9110';
  /** Node's phrase when RFC 9110's replaced it. */
  nodeReason?: string;
  /** RFC 9110 lists the code as "(Unused)". */
  unused?: boolean;
  /** RFC 9110 deprecates the code. */
  deprecated?: boolean;
  note?: string;
}

interface Rfc9110Status {
  section: string;
  /** The reason phrase RFC 9110 gives. */
  reason: string;
  unused?: true;
  deprecated?: true;
  note?: string;
}

/**
 * Every status code RFC 9110 defines, with its section (RFC 9110 §15) and phrase. Entries whose
 * phrase differs from Node's replace it; the comments say what changed.
 */
export const RFC9110_STATUS: ReadonlyMap<number, Rfc9110Status> = new Map<number, Rfc9110Status>([
  [100, { section: '15.2.1', reason: 'Continue' }],
  [101, { section: '15.2.2', reason: 'Switching Protocols' }],
  [200, { section: '15.3.1', reason: 'OK' }],
  [201, { section: '15.3.2', reason: 'Created' }],
  [202, { section: '15.3.3', reason: 'Accepted' }],
  [203, { section: '15.3.4', reason: 'Non-Authoritative Information' }],
  [204, { section: '15.3.5', reason: 'No Content' }],
  [205, { section: '15.3.6', reason: 'Reset Content' }],
  [206, { section: '15.3.7', reason: 'Partial Content' }],
  [300, { section: '15.4.1', reason: 'Multiple Choices' }],
  [301, { section: '15.4.2', reason: 'Moved Permanently' }],
  [302, { section: '15.4.3', reason: 'Found' }],
  [303, { section: '15.4.4', reason: 'See Other' }],
  [304, { section: '15.4.5', reason: 'Not Modified' }],
  // §15.4.6: "defined in a previous version of this specification and is now deprecated".
  [
    305,
    { section: '15.4.6', reason: 'Use Proxy', deprecated: true, note: 'Deprecated by RFC 9110 §15.4.6.' },
  ],
  // §15.4.7: 306 (Unused) — was "Switch Proxy" in a draft; reserved. Not in Node's table.
  [
    306,
    {
      section: '15.4.7',
      reason: '(Unused)',
      unused: true,
      note: 'Reserved; no longer used (RFC 9110 §15.4.7).',
    },
  ],
  [307, { section: '15.4.8', reason: 'Temporary Redirect' }],
  [308, { section: '15.4.9', reason: 'Permanent Redirect' }],
  [400, { section: '15.5.1', reason: 'Bad Request' }],
  [401, { section: '15.5.2', reason: 'Unauthorized' }],
  [402, { section: '15.5.3', reason: 'Payment Required' }],
  [403, { section: '15.5.4', reason: 'Forbidden' }],
  [404, { section: '15.5.5', reason: 'Not Found' }],
  [405, { section: '15.5.6', reason: 'Method Not Allowed' }],
  [406, { section: '15.5.7', reason: 'Not Acceptable' }],
  [407, { section: '15.5.8', reason: 'Proxy Authentication Required' }],
  [408, { section: '15.5.9', reason: 'Request Timeout' }],
  [409, { section: '15.5.10', reason: 'Conflict' }],
  [410, { section: '15.5.11', reason: 'Gone' }],
  [411, { section: '15.5.12', reason: 'Length Required' }],
  [412, { section: '15.5.13', reason: 'Precondition Failed' }],
  // §15.5.14: was "Payload Too Large" (RFC 7231 §6.5.11), "Request Entity Too Large" before that.
  [413, { section: '15.5.14', reason: 'Content Too Large' }],
  // §15.5.15: was "Request-URI Too Long" (RFC 2616); Node already says "URI Too Long".
  [414, { section: '15.5.15', reason: 'URI Too Long' }],
  [415, { section: '15.5.16', reason: 'Unsupported Media Type' }],
  // §15.5.17: was "Requested Range Not Satisfiable" (RFC 2616); Node already says "Range Not Satisfiable".
  [416, { section: '15.5.17', reason: 'Range Not Satisfiable' }],
  [417, { section: '15.5.18', reason: 'Expectation Failed' }],
  // §15.5.19: 418 (Unused) — reserved because RFC 2324's joke "I'm a teapot" is deployed. We keep
  // Node's phrase (people see it) and mark the code unused.
  [
    418,
    {
      section: '15.5.19',
      reason: '(Unused)',
      unused: true,
      note: "RFC 9110 §15.5.19 lists 418 as (Unused): reserved because the April 1 RFC 2324 'I'm a teapot' code is deployed; not for real use.",
    },
  ],
  [421, { section: '15.5.20', reason: 'Misdirected Request' }],
  // §15.5.21: was "Unprocessable Entity" (RFC 4918 §11.2, WebDAV); RFC 9110 generalises it.
  [422, { section: '15.5.21', reason: 'Unprocessable Content' }],
  [426, { section: '15.5.22', reason: 'Upgrade Required' }],
  [500, { section: '15.6.1', reason: 'Internal Server Error' }],
  [501, { section: '15.6.2', reason: 'Not Implemented' }],
  [502, { section: '15.6.3', reason: 'Bad Gateway' }],
  [503, { section: '15.6.4', reason: 'Service Unavailable' }],
  [504, { section: '15.6.5', reason: 'Gateway Timeout' }],
  [505, { section: '15.6.6', reason: 'HTTP Version Not Supported' }],
]);

export function httpClass(status: number): HttpClass {
  const c = HTTP_CLASSES[Math.floor(status / 100) - 1];
  if (!c || status < 100 || status > 599) throw new Error(`HTTP status ${status} is outside 100-599`);
  return c;
}

/** Builds the HTTP catalog from Node's table (`http.STATUS_CODES`) and {@link RFC9110_STATUS}. */
export function buildHttp(statusCodes: Readonly<Record<string, string | undefined>>): HttpEntry[] {
  const statuses = new Set<number>([...Object.keys(statusCodes).map(Number), ...RFC9110_STATUS.keys()]);
  const out: HttpEntry[] = [];
  for (const status of [...statuses].sort((a, b) => a - b)) {
    const node = statusCodes[String(status)];
    const rfc = RFC9110_STATUS.get(status);
    let entry: HttpEntry;
    if (!rfc) {
      if (node === undefined) continue;
      entry = { status, reason: node, class: httpClass(status), reasonSource: 'node' };
    } else if (rfc.unused && node !== undefined) {
      // Keep the phrase people actually see, marked as unused.
      entry = {
        status,
        reason: node,
        class: httpClass(status),
        rfc9110Section: rfc.section,
        reasonSource: 'node',
        unused: true,
      };
    } else {
      entry = {
        status,
        reason: rfc.reason,
        class: httpClass(status),
        rfc9110Section: rfc.section,
        reasonSource: 'rfc9110',
      };
      if (node !== undefined && node !== rfc.reason) entry.nodeReason = node;
      if (rfc.unused) entry.unused = true;
    }
    if (rfc?.deprecated) entry.deprecated = true;
    if (rfc?.note) entry.note = rfc.note;
    out.push(entry);
  }
  return out;
}
