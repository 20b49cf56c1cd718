/**
 * Getting the Debian packages: `apt-get download` (or a .deb given by path), `dpkg-deb -f` for the
 * exact version, `dpkg-deb -x` to unpack, then read only the files the generator needs.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackageInfo, UnpackedPackage } from './core.ts';

export type Acquired = { ok: true; pkg: UnpackedPackage } | { ok: false; reason: string };

export interface AcquireOptions {
  name: string;
  /** Files to read, relative to the package root. */
  files: readonly string[];
  /** Exact version to download (`apt-get download name=version`); the candidate version when absent. */
  version?: string;
  /** Use this .deb instead of downloading. */
  debPath?: string;
  /** Directory that keeps downloaded .debs between runs (only used for pinned versions). */
  cacheDir?: string;
}

function run(cmd: string, args: string[], cwd?: string): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) return { ok: false, stdout: '', stderr: r.error.message };
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr };
}

/** Package, Version and Architecture fields of a .deb. */
export function debFields(debPath: string): { name: string; version: string; architecture: string } {
  const r = run('dpkg-deb', ['-f', debPath, 'Package', 'Version', 'Architecture']);
  if (!r.ok) throw new Error(`dpkg-deb -f ${debPath} failed: ${r.stderr.trim()}`);
  const fields = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (m) fields.set(m[1]!, m[2]!.trim());
  }
  const name = fields.get('Package');
  const version = fields.get('Version');
  const architecture = fields.get('Architecture');
  if (!name || !version || !architecture)
    throw new Error(`dpkg-deb -f ${debPath}: missing Package/Version/Architecture`);
  return { name, version, architecture };
}

function findDeb(dir: string, name: string, version?: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const f of readdirSync(dir).sort()) {
    if (!f.startsWith(`${name}_`) || !f.endsWith('.deb')) continue;
    const path = join(dir, f);
    try {
      const fields = debFields(path);
      if (fields.name === name && (version === undefined || fields.version === version)) return path;
    } catch {
      // not a usable .deb: ignore
    }
  }
  return undefined;
}

/** Downloads (or takes) a package and reads the requested files from it. */
export function acquirePackage(opts: AcquireOptions): Acquired {
  let debPath = opts.debPath;
  const work = mkdtempSync(join(tmpdir(), 'errata-catalogs-'));
  try {
    if (debPath) {
      if (!existsSync(debPath)) return { ok: false, reason: `${debPath} does not exist` };
    } else {
      const cacheDir = opts.version && opts.cacheDir ? opts.cacheDir : undefined;
      debPath = cacheDir ? findDeb(cacheDir, opts.name, opts.version) : undefined;
      if (!debPath) {
        const dir = cacheDir ?? work;
        mkdirSync(dir, { recursive: true });
        const spec = opts.version ? `${opts.name}=${opts.version}` : opts.name;
        const r = run('apt-get', ['download', spec], dir);
        if (!r.ok) {
          return {
            ok: false,
            reason: `apt-get download ${spec} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' / ')}`,
          };
        }
        debPath = findDeb(dir, opts.name, opts.version);
        if (!debPath)
          return { ok: false, reason: `apt-get download ${spec} left no ${opts.name} .deb in ${dir}` };
      }
    }
    const bytes = readFileSync(debPath);
    const fields = debFields(debPath);
    if (fields.name !== opts.name)
      return { ok: false, reason: `${debPath} is ${fields.name}, not ${opts.name}` };
    const root = join(work, 'root');
    mkdirSync(root);
    const x = run('dpkg-deb', ['-x', debPath, root]);
    if (!x.ok) throw new Error(`dpkg-deb -x ${debPath} failed: ${x.stderr.trim()}`);
    const files = new Map<string, Uint8Array>();
    for (const rel of opts.files) {
      const p = join(root, rel);
      if (existsSync(p)) files.set(rel, readFileSync(p));
    }
    const info: PackageInfo = {
      name: fields.name,
      version: fields.version,
      architecture: fields.architecture,
      // The Debian pool's file name (epoch dropped), whatever the local copy is called.
      deb: `${fields.name}_${fields.version.replace(/^\d+:/, '')}_${fields.architecture}.deb`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    return { ok: true, pkg: { info, files } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
