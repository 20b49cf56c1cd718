#!/usr/bin/env node
// Installed entry point: the compiled JavaScript in dist/ (`npm run build`, run by `npm install`).
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (in its own cache folder); Node 20 has no such cache.
module.enableCompileCache?.();
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist')) throw error;
  process.stderr.write('errata: dist/ is missing. Build it first: npm run build\n');
  process.exit(1);
}
cli.endQuietlyOnClosedPipe();
const code = await cli.runCli(process.argv.slice(2), cli.processIo);
// `serve` returns once it listens and keeps running; it sets an exit code only when it could not start.
if (process.argv[2] !== 'serve' || code !== 0) process.exitCode = code;
