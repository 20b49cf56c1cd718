import type { decodeQuery } from './decode.ts';
import type { LookupResult } from './matches.ts';

// Lookup and decode results as JSON: one shape for the API and the CLI (kept apart from the HTTP
// module so the CLI loads no route code).

/** Shapes a decode result for JSON: the same object from the API and the CLI. */
export function decodeJson(result: Awaited<ReturnType<typeof decodeQuery>>) {
  return {
    ...lookupJson(result),
    readings: result.readings,
    ...(result.decoding ? { decoding: { ...result.decoding } } : {}),
    ...(result.obd ? { obd: { ...result.obd } } : {}),
  };
}

/** Shapes a lookup result for JSON: the same object from the API and the CLI. */
export function lookupJson(result: LookupResult) {
  return {
    query: result.query,
    matches: result.matches,
    clear: result.clear,
    ...(result.unknown
      ? {
          unknown: {
            ...result.unknown,
            decoded: result.unknown.decoded ? { ...result.unknown.decoded } : undefined,
          },
        }
      : {}),
    others: result.others,
    candidates: result.candidates,
  };
}
