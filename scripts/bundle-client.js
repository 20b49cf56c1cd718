// Build step: bundles the static export's browser search script into dist/, so the compiled package
// needs no bundler at run time (bundleClient in src/static/build.ts bundles on the fly from sources).
import { rmSync, writeFileSync } from 'node:fs';

const target = new URL('../dist/static/static-search.js', import.meta.url);
rmSync(target, { force: true });
const { bundleClient } = await import('../dist/static/build.js');
writeFileSync(target, await bundleClient());
