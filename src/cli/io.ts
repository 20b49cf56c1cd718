import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig } from '../base/config.ts';
import { storageLocation, type StorageLocation } from '../store/faults.ts';
import { openStore, type Store } from '../open.ts';
import type { ProgressSink } from './progress.ts';

/** What a command reads and writes: injected, so tests run the CLI in-process. */
export interface CliIo {
  out: Out;
  err: Out;
  stdinLines: () => AsyncIterable<string>;
  env: NodeJS.ProcessEnv;
  /** Where long commands show their progress; without it, plain lines through err. */
  progress?: ProgressSink;
  /** Asks for a password without echoing it, when a person is at a terminal. */
  promptPassword?: (question: string) => Promise<string>;
}

export type Out = (line: string) => void;

/** How many batch lines are answered between two turns of the event loop. */
const LINES_PER_TURN = 64;

/**
 * The lines of a --batch run. Answers from SQLite resolve without leaving the microtask queue, so the
 * loop gives the event loop a turn every few lines: a closed output pipe (errata … | head) is then
 * noticed and ends the run, instead of every remaining line being answered into it.
 */
export async function* batchLines(io: CliIo): AsyncIterable<string> {
  let count = 0;
  for await (const line of io.stdinLines()) {
    yield line;
    if (++count % LINES_PER_TURN === 0) await nextTurn();
  }
}

/** One command: its arguments after the command name → the exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;

/** A wrong command line: usage is printed and the exit code is 2. */
export class UsageError extends Error {}

const NEGATIVE = '\u0000-';

export function parse<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    // Negative numbers are codes (-2145107961), not options.
    const masked = args.map((a) => (/^-\d/.test(a) ? `${NEGATIVE}${a.slice(1)}` : a));
    const parsed = parseArgs({ args: masked, options, allowPositionals: true, strict: true });
    const positionals = parsed.positionals.map((p) =>
      p.startsWith(NEGATIVE) ? `-${p.slice(NEGATIVE.length)}` : p,
    );
    return { values: parsed.values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function withStore<T>(io: CliIo, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(loadConfig(io.env));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function progressSink(io: CliIo): ProgressSink {
  return io.progress ?? { isTTY: false, write: (text) => io.err(text.replace(/\n$/, '')) };
}

/** Where the configured data lives, for storage fault messages (nothing when the settings are wrong). */
export function whereData(env: NodeJS.ProcessEnv): StorageLocation {
  try {
    return storageLocation(loadConfig(env));
  } catch {
    return {};
  }
}
