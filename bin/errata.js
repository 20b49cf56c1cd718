#!/usr/bin/env node
// Installed entry point: TypeScript sources run through tsx's loader.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The package's own tsconfig (Preact JSX), whatever the working directory is.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { runCli, processIo } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2), processIo);
// `serve` returns once it listens and keeps running; it sets an exit code only when it could not start.
if (process.argv[2] !== 'serve' || code !== 0) process.exitCode = code;
