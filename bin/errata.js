#!/usr/bin/env node
// Installed entry point: TypeScript sources run through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { runCli, processIo } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2), processIo);
if (process.argv[2] !== 'serve') process.exitCode = code;
