import { decodeJson, lookupJson } from '../lookup/json.ts';
import { bundledCatalog } from '../catalog/load.ts';
import { FAMILY_LABEL } from '../catalog/reference.ts';
import { AppError, checkLookupText, checkQuery, MAX_LOOKUP_LENGTH } from '../base/errors.ts';
import { decodeQuery } from '../lookup/decode.ts';
import { lookup as lookupQuery, storeGuides } from '../lookup/lookup.ts';
import { publishedById } from '../guides/repository.ts';
import { batchLines, parse, UsageError, withStore, type CliIo } from './io.ts';

// errata lookup, decode and show: what a code means.

export async function lookup(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, batch: { type: 'boolean' } });
  return withStore(io, async ({ db }) => {
    if (values.batch) {
      if (positionals.length > 0)
        throw new UsageError('--batch reads queries from stdin; give no text argument');
      for await (const line of batchLines(io)) {
        try {
          const query = checkLookupText(line);
          io.out(
            JSON.stringify(
              query === ''
                ? { query, matches: [] }
                : lookupJson(await lookupQuery(storeGuides(db), bundledCatalog(), query)),
            ),
          );
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          io.out(
            JSON.stringify({
              query: line.slice(0, 200),
              matches: [],
              error: { code: error.code, message: error.message },
            }),
          );
        }
      }
      return 0;
    }
    let text = positionals.join(' ');
    if (positionals.length === 1 && positionals[0] === '-') {
      // A pasted excerpt of several lines, read whole from stdin.
      const lines: string[] = [];
      let length = 0;
      for await (const line of io.stdinLines()) {
        lines.push(line);
        length += line.length + 1;
        if (length > MAX_LOOKUP_LENGTH + 1) break;
      }
      text = lines.join('\n');
    }
    const query = checkLookupText(text);
    if (query === '') throw new UsageError('lookup needs a code, a name or a log line');
    const result = lookupJson(await lookupQuery(storeGuides(db), bundledCatalog(), query));
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
    } else if (result.matches.length === 0) {
      const unknown = result.unknown;
      io.err(
        unknown
          ? `${unknown.code} is a code no catalog or guide of Errata has (read as ${unknown.reading}; ${unknown.familyName}).`
          : `No code found in "${query.length > 60 ? `${query.slice(0, 60)}…` : query}".`,
      );
      for (const m of result.others.slice(0, 5))
        io.err(`  other code: ${m.code.padEnd(12)} ${m.symbol ?? m.title}  (${m.why ?? m.reading})`);
    } else {
      for (const m of result.matches)
        io.out(
          `${m.kind.padEnd(9)} ${m.code.padEnd(12)} ${m.title}\n          ${m.familyName ? `${m.familyName} · ` : ''}${m.url}`,
        );
    }
    return result.matches.length > 0 ? 0 : 1;
  });
}

export async function decode(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const query = checkQuery(positionals.join(' '));
  if (query === '') throw new UsageError('decode needs a value, such as 0x80070005');
  return withStore(io, async ({ db }) => {
    const result = await decodeQuery(storeGuides(db), bundledCatalog(), query);
    if (result.matches.length === 0 && !result.decoding && !result.obd)
      throw new AppError(
        'NOT_A_CODE',
        `Errata cannot decode "${query.length > 60 ? `${query.slice(0, 60)}…` : query}": it is not a number (0x80070005, -2147024891, 5), an OBD-II code (P0300), an HTTP status (503) or a name any catalog has (E_ACCESSDENIED).`,
      );
    if (values.json) {
      io.out(JSON.stringify(decodeJson(result), null, 2));
    } else {
      const d = result.decoding;
      if (d) {
        io.out(`${d.forms.hex}  signed ${d.forms.signed}  unsigned ${d.forms.unsigned}`);
        const h = d.hresult;
        io.out(
          `HRESULT: S=${+h.failure} R=${+h.reserved} C=${+h.customer} N=${+h.ntMapped} X=${+h.reservedX} facility ${h.extendedFacility}${h.facilityName ? ` (${h.facilityName})` : ''} code 0x${h.code.toString(16).toUpperCase()}`,
        );
        if (d.win32 !== undefined) io.out(`HRESULT_FROM_WIN32 of Win32 error ${d.win32}`);
        if (d.ntMapped) io.out(`carries NTSTATUS 0x${d.ntMapped.value.toString(16).toUpperCase()}`);
      }
      if (result.obd) io.out(`${result.obd.code}: ${result.obd.systemName}; ${result.obd.controlNote}`);
      for (const m of result.matches) {
        const label = m.kind === 'guide' ? 'guide' : FAMILY_LABEL[m.family as keyof typeof FAMILY_LABEL];
        io.out(`${m.code.padEnd(12)} ${(m.symbol ?? m.title).padEnd(40)} ${label} · ${m.reading}`);
      }
    }
    return result.matches.length > 0 || result.decoding ? 0 : 1;
  });
}

export async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const query = checkQuery(positionals.join(' '));
  if (query === '') throw new UsageError('show needs a code or a guide id');
  return withStore(io, async ({ db }) => {
    const byId = await publishedById(db, query.toLowerCase());
    const match = byId
      ? undefined
      : (await lookupQuery(storeGuides(db), bundledCatalog(), query)).matches.find((m) => m.kind === 'guide');
    const stored = byId ?? (match?.id ? await publishedById(db, match.id) : undefined);
    if (!stored) {
      io.err(`No published guide for "${query}".`);
      return 1;
    }
    const g = stored.guide;
    if (values.json) {
      io.out(JSON.stringify(g, null, 2));
    } else {
      io.out(
        `${g.code} — ${g.title}\n${g.brand} ${g.product} · severity ${g.severity} · safe to use: ${g.safeToUse}\n`,
      );
      io.out(`${g.summary}\n`);
      g.steps.forEach((s, i) => io.out(`${i + 1}. ${s.action}\n   Why: ${s.why}`));
      io.out(`\nWhen to call a professional: ${g.callAPro}\n`);
      for (const s of g.sources) io.out(`Source: ${s.title} (${s.publisher}) ${s.url}`);
    }
    return 0;
  });
}
