/** Every error a user can meet, with a stable code and the HTTP status it answers with. */
export const ERRORS = {
  QUERY_EMPTY: { status: 400, message: 'Type or paste a code, a symbol name or a log line.' },
  QUERY_TOO_LONG: { status: 400, message: 'The query is too long.' },
  NOT_A_CODE: {
    status: 400,
    message:
      'This is not a number (0x80070005, -2147024891, 5), an OBD-II code (P0300), an HTTP status (503) or a name any catalog has (E_ACCESSDENIED).',
  },
  INVALID_REQUEST: { status: 400, message: 'The request is not valid.' },
  URL_TOO_LONG: { status: 414, message: 'The address is too long.' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request headers are too large.' },
  NOT_FOUND: { status: 404, message: 'Nothing was found at this address.' },
  GUIDE_NOT_FOUND: { status: 404, message: 'No published guide has this id.' },
  CONTENT_INVALID: { status: 422, message: 'The content is not valid.' },
  EDIT_CONFLICT: { status: 409, message: 'Someone else saved this guide in the meantime.' },
  STATUS_CONFLICT: { status: 409, message: 'The guide is not in a status that allows this.' },
  GUIDE_GONE: {
    status: 410,
    message:
      'This guide was taken off the site by its editors. Search for the code to find what replaces it.',
  },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  CSRF: {
    status: 403,
    message: 'The form expired or came from another site. Reload the page and try again.',
  },
  RATE_LIMITED: { status: 429, message: 'Too many attempts. Wait a few minutes and try again.' },
  SIGN_IN_FAILED: { status: 401, message: 'That email address and password do not match an account.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  // Storage faults (src/store/faults.ts maps driver errors to these). 503s carry Retry-After.
  DATABASE_UNAVAILABLE: {
    status: 503,
    message: 'The database cannot be reached at the moment. Try again in a minute.',
  },
  STORAGE_FULL: {
    status: 507,
    message: "The server's disk is full, so this change was not saved. Reading still works; try again later.",
  },
  STORAGE_READ_ONLY: {
    status: 503,
    message:
      'The database is read-only at the moment, so this change was not saved. Reading still works; try again later.',
  },
  STORAGE_FAILED: {
    status: 503,
    message: 'The database could not be read or written (a disk error). Try again later.',
  },
} as const;

/** Seconds a client is asked to wait (Retry-After) after a 503. */
export const RETRY_AFTER_SECONDS = 30;

export type ErrorCode = keyof typeof ERRORS;

export const MAX_QUERY_LENGTH = 200;
/** Lookup reads pasted text (a whole log excerpt or dialog); the reader's work stays linear in it. */
export const MAX_LOOKUP_LENGTH = 8192;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message?: string, details: readonly string[] = []) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}

/** Control characters (NUL, escape, line breaks…) become spaces: they never reach a page or a log. */
export function withoutControlCharacters(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ');
}

/** Checks a query against the length limit; the message names the limit. */
export function checkQuery(q: string | undefined): string {
  // NFKC: full-width digits and letters (０ｘ８００７０００５, as East-Asian keyboards type them) read as ASCII.
  const query = withoutControlCharacters((q ?? '').normalize('NFKC')).trim();
  if (query.length > MAX_QUERY_LENGTH) {
    throw new AppError(
      'QUERY_TOO_LONG',
      `The query is ${query.length} characters long; the limit is ${MAX_QUERY_LENGTH}.`,
    );
  }
  return query;
}

/** Checks text given to lookup against its own, larger limit; the message names the limit. */
export function checkLookupText(q: string | undefined): string {
  // Line breaks and tabs carry a pasted log's layout; other control characters never belong in a page.
  const query = (q ?? '')
    .normalize('NFKC')
    .replace(/(?![\n\t])\p{Cc}/gu, ' ')
    .trim();
  if (query.length > MAX_LOOKUP_LENGTH) {
    throw new AppError(
      'QUERY_TOO_LONG',
      `The text is ${query.length} characters long; lookup reads up to ${MAX_LOOKUP_LENGTH}.`,
    );
  }
  return query;
}
