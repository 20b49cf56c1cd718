/**
 * Linux errno numbers from the kernel's generic UAPI headers (Debian package `linux-libc-dev`),
 * `asm-generic/errno-base.h` (1-34) and `asm-generic/errno.h` (35 on). These are the numbers of
 * x86, ARM, RISC-V and most other architectures (Alpha, MIPS, PA-RISC and SPARC differ).
 *
 * Only names and numbers are taken from the headers (not their comments). The message text, where
 * present, is Node's (libuv's) from `util.getSystemErrorMap()`, matched by number: Node's map is keyed
 * by the negative errno.
 */

import {
  type Define,
  type EvalEnv,
  type Evaluated,
  EvalError,
  SourceError,
  evaluateDefine,
  parseDefines,
} from './cpp.ts';

export const ERRNO_HEADERS = ['asm-generic/errno-base.h', 'asm-generic/errno.h'] as const;

export interface ErrnoEntry {
  symbol: string;
  number: number;
  header: string;
  line: number;
  /** For aliases (`#define EWOULDBLOCK EAGAIN`): the symbol it is defined as. */
  aliasOf?: string;
  /** Node's message for this number, from util.getSystemErrorMap(). */
  message?: string;
  /** Node's name for this number when it differs from `symbol` (for aliases). */
  nodeCode?: string;
}

export interface ErrnoHeaderRecord {
  path: string;
  sha256: string;
  spdx: string | null;
  entries: number;
}

/** util.getSystemErrorMap() as entries: [-errno, [name, message]]. */
export type SystemErrorMap = ReadonlyArray<readonly [number, readonly [string, string]]>;

export interface ErrnoInput {
  includeDir: string;
  headers: ReadonlyMap<string, { text: string; sha256: string }>;
  systemErrorMap: SystemErrorMap;
}

export function buildErrno(input: ErrnoInput): {
  headers: Array<[string, ErrnoHeaderRecord]>;
  entries: ErrnoEntry[];
} {
  const problems: string[] = [];
  const defs = new Map<string, { header: string; define: Define }>();
  const order: Array<{ header: string; define: Define }> = [];
  for (const header of ERRNO_HEADERS) {
    const h = input.headers.get(header);
    if (!h) throw new Error(`${input.includeDir}/${header}: missing from the package`);
    for (const d of parseDefines(h.text, header)) {
      if (d.params !== null || d.body === '' || d.name.startsWith('_')) continue;
      if (!/^E[A-Z0-9]+$/.test(d.name)) {
        problems.push(`${header}:${d.line}: unexpected define ${d.name} in an errno header`);
        continue;
      }
      if (defs.has(d.name)) {
        problems.push(`${header}:${d.line}: ${d.name} defined twice`);
        continue;
      }
      defs.set(d.name, { header, define: d });
      order.push({ header, define: d });
    }
  }
  const cache = new Map<string, Evaluated>();
  const env: EvalEnv = {
    lookup(name) {
      const hit = cache.get(name);
      if (hit) return hit;
      const d = defs.get(name);
      if (!d) return undefined;
      try {
        const v = evaluateDefine(d.define, d.header, env);
        cache.set(name, v);
        return v;
      } catch (e) {
        if (e instanceof SourceError)
          throw new EvalError(`${name} (${e.file}:${e.line}) cannot be evaluated`);
        throw e;
      }
    },
  };
  const byNumber = new Map<number, readonly [string, string]>();
  for (const [code, info] of input.systemErrorMap) byNumber.set(-code, info);

  const entries: ErrnoEntry[] = [];
  for (const { header, define } of order) {
    let number: number;
    try {
      number = evaluateDefine(define, header, env).value;
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
      continue;
    }
    const entry: ErrnoEntry = { symbol: define.name, number, header, line: define.line };
    if (/^[A-Za-z_]\w*$/.test(define.body)) entry.aliasOf = define.body;
    const node = byNumber.get(number);
    if (node) {
      entry.message = node[1];
      if (node[0] !== define.name) entry.nodeCode = node[0];
    }
    entries.push(entry);
  }
  if (problems.length)
    throw new Error(`errno: ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  entries.sort((a, b) => a.number - b.number || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const headers = ERRNO_HEADERS.map((header): [string, ErrnoHeaderRecord] => {
    const h = input.headers.get(header)!;
    const spdx = /SPDX-License-Identifier:\s*(.+?)\s*(\*\/)?$/m.exec(h.text)?.[1] ?? null;
    return [
      header,
      {
        path: `${input.includeDir}/${header}`,
        sha256: h.sha256,
        spdx,
        entries: entries.filter((e) => e.header === header).length,
      },
    ];
  });
  return { headers, entries };
}
