import { bundledCatalog } from '../catalog/load.ts';
import { AppError, checkQuery } from '../base/errors.ts';
import { SearchService } from '../search/service.ts';
import { zeroResults } from '../search/log.ts';
import { batchLines, parse, UsageError, withStore, type CliIo } from './io.ts';

// errata search and errata report zero-results.

export async function search(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    batch: { type: 'boolean' },
    page: { type: 'string', default: '1' },
    kind: { type: 'string' },
  });
  const page = Number(values.page);
  if (!Number.isInteger(page) || page < 1 || page > 1000)
    throw new UsageError('--page must be a whole number from 1 to 1000');
  const kind = values.kind;
  if (kind !== undefined && kind !== 'guide' && kind !== 'reference')
    throw new UsageError('--kind must be guide or reference');
  const filters = kind ? { kind } : {};
  return withStore(io, async ({ db }) => {
    const search = await SearchService.open(db, bundledCatalog());
    if (values.batch) {
      if (positionals.length > 0)
        throw new UsageError('--batch reads queries from stdin; give no text argument');
      for await (const line of batchLines(io)) {
        try {
          io.out(JSON.stringify(await search.search(checkQuery(line), filters, page)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          io.out(
            JSON.stringify({
              query: line.slice(0, 200),
              total: 0,
              results: [],
              error: { code: error.code, message: error.message },
            }),
          );
        }
      }
      return 0;
    }
    const query = checkQuery(positionals.join(' '));
    if (query === '') throw new UsageError('search needs some text');
    const response = await search.search(query, filters, page);
    if (values.json) {
      io.out(JSON.stringify(response, null, 2));
    } else {
      if (response.didYouMean) io.out(`Did you mean: ${response.didYouMean}`);
      io.out(
        `${response.total} result(s)${response.total > response.pageSize ? `, page ${response.page}` : ''}`,
      );
      for (const r of response.results) {
        io.out(`${r.kind.padEnd(9)} ${r.code.padEnd(12)} ${r.title}
        ${r.url}`);
      }
    }
    return response.total > 0 ? 0 : 1;
  });
}

export async function report(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    limit: { type: 'string', default: '50' },
  });
  if (positionals[0] !== 'zero-results' || positionals.length !== 1)
    throw new UsageError('report takes one report name: zero-results');
  return withStore(io, async ({ db }) => {
    const rows = await zeroResults(db, Math.max(1, Math.min(1000, Number(values.limit) || 50)));
    if (values.json) io.out(JSON.stringify({ zeroResults: rows }, null, 2));
    else if (rows.length === 0) io.out('No searches without results yet.');
    else
      for (const r of rows)
        io.out(`${String(r.count).padStart(6)}  ${r.query}  (${r.firstSeen} – ${r.lastSeen})`);
    return 0;
  });
}
