import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FILES } from './core.ts';
import { DEFAULT_DATA_DIR, checkCatalogs } from './generate.ts';

describe('committed catalogs', () => {
  it('are reproduced byte for byte by the generator from the package versions they name', (ctx) => {
    // errno messages and HTTP reason phrases come from Node's own tables: only the Node version the
    // data names can reproduce them (CI also runs the suite on another Node LTS).
    const node = (
      JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, 'http.json'), 'utf8')) as {
        source: { node: { version: string } };
      }
    ).source.node.version;
    if (node !== process.version) {
      ctx.skip(`skipped: the catalogs were generated with Node ${node}; this is ${process.version}`);
      return;
    }
    const r = checkCatalogs(DEFAULT_DATA_DIR);
    if (r.status === 'unavailable') {
      ctx.skip(
        `skipped: the Debian packages could not be downloaded (${r.reason}); run the generator with --check where apt-get download works`,
      );
      return;
    }
    const message =
      r.status === 'different'
        ? r.diffs
            .map(
              (d) =>
                `${d.file} differs from line ${d.line}:\n  committed: ${d.committed}\n  generated: ${d.generated}`,
            )
            .join('\n') + '\nRegenerate with `node --import tsx scripts/catalogs/generate.ts`.'
        : '';
    expect(r.status, message).toBe('same');
    expect(OUTPUT_FILES).toContain('microsoft-docs.json');
    expect(OUTPUT_FILES).toContain('chromium-net.json');
  }, 120_000);
});
