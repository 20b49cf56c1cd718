/**
 * Licence evidence for the headers we read: the Debian machine-readable copyright file (DEP-5) and
 * each header's own comments. Both must agree; a header whose banner states no licence takes the one
 * debian/copyright gives it, and the record says so.
 */

import { stripComments } from './cpp.ts';

/** Licence identifiers used in the catalog files (SPDX where SPDX has one). */
export type LicenceId = 'public-domain' | 'ZPL-2.1' | 'LGPL-2.1-or-later' | 'LGPL-2.0-or-later' | string;

/** Maps DEP-5 short names to the identifiers we publish. */
export function normaliseLicence(dep5: string): LicenceId {
  const map: Record<string, string> = {
    'public-domain': 'public-domain',
    'ZPL-2.1': 'ZPL-2.1',
    'LGPL-2.1+': 'LGPL-2.1-or-later',
    'LGPL-2+': 'LGPL-2.0-or-later',
    'GPL-2+': 'GPL-2.0-or-later',
    'GPL-3+': 'GPL-3.0-or-later',
    expat: 'MIT',
  };
  return map[dep5] ?? dep5;
}

export interface Dep5Stanza {
  files: string[];
  copyright: string;
  license: string;
  /** 1-based line of the `Files:` field. */
  line: number;
}

/** Reads the `Files:` stanzas of a DEP-5 copyright file. */
export function parseDep5(text: string): Dep5Stanza[] {
  const stanzas: Dep5Stanza[] = [];
  const lines = text.split('\n');
  let current: { fields: Map<string, string[]>; line: number } | null = null;
  let lastField: string | null = null;
  const flush = (): void => {
    if (current && current.fields.has('files')) {
      stanzas.push({
        files: (current.fields.get('files') ?? []).join(' ').split(/\s+/).filter(Boolean),
        copyright: (current.fields.get('copyright') ?? []).join('\n').trim(),
        license: ((current.fields.get('license') ?? [])[0] ?? '').trim(),
        line: current.line,
      });
    }
    current = null;
    lastField = null;
  };
  lines.forEach((raw, idx) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      flush();
      return;
    }
    if (/^\s/.test(line)) {
      if (current && lastField) current.fields.get(lastField)!.push(line.trim());
      return;
    }
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (!m) return;
    if (!current) current = { fields: new Map(), line: idx + 1 };
    lastField = m[1]!.toLowerCase();
    current.fields.set(lastField, [m[2]!]);
  });
  flush();
  return stanzas;
}

/**
 * The licence texts of a DEP-5 file by short name: from standalone `License:` paragraphs and from the
 * body of `License:` fields in `Files:` stanzas (the first text found wins). ` .` lines are blank lines.
 */
export function parseDep5LicenceTexts(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | null = null;
  let body: string[] = [];
  const flush = (): void => {
    if (name && body.length && !out.has(name)) out.set(name, body.join('\n'));
    name = null;
    body = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const m = /^License:\s*(.*)$/.exec(line);
    if (m) {
      flush();
      name = m[1]!.trim();
      continue;
    }
    if (name && /^\s/.test(line) && line.trim() !== '') {
      body.push(line.trim() === '.' ? '' : line.replace(/^ /, ''));
      continue;
    }
    flush();
  }
  flush();
  return out;
}

/** DEP-5 glob: `*` matches any run of characters (including `/`), `?` one character. */
export function dep5Match(pattern: string, path: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .split('')
        .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('') +
      '$',
  );
  return re.test(path);
}

/** The stanza that governs `path`: per DEP-5, the last stanza with a matching pattern. */
export function dep5LicenceFor(stanzas: Dep5Stanza[], path: string): Dep5Stanza | undefined {
  let found: Dep5Stanza | undefined;
  for (const s of stanzas) if (s.files.some((p) => dep5Match(p, path))) found = s;
  return found;
}

export interface BannerLicence {
  licence: LicenceId | null;
  /** The sentence of the comment that states it, whitespace collapsed. */
  statement: string | null;
  /** 1-based line of that comment. */
  line: number | null;
}

const BANNER_RULES: Array<{ licence: LicenceId; re: RegExp }> = [
  {
    licence: 'LGPL-2.1-or-later',
    re: /GNU Lesser General Public License.*?version 2\.1 of the License, or \(at your option\) any later version/i,
  },
  { licence: 'ZPL-2.1', re: /Zope Public License/i },
  // mingw-w64's own marker for its default licence: upstream COPYING says "With exception of certain
  // parts that are prominently marked as being in the Public Domain, BSD, or LGPL this Software is
  // provided under the Zope Public License (ZPL) Version 2.1", and files under it point to DISCLAIMER
  // (public-domain ones point to DISCLAIMER.PD).
  { licence: 'ZPL-2.1', re: /refer to the file DISCLAIMER within this package/i },
  { licence: 'public-domain', re: /placed in the Public Domain/i },
  { licence: 'public-domain', re: /offered for use in the public domain/i },
];

/** Finds the licence statement in a header's comments (the first comment that makes one). */
export function bannerLicence(source: string): BannerLicence {
  const { comments } = stripComments(source);
  for (const c of comments) {
    const flat = c.text
      .replace(/^\/\*+|\*+\/$|^\/\//g, '')
      .replace(/^\s*\*\s?/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
    for (const rule of BANNER_RULES) {
      const m = rule.re.exec(flat);
      if (!m) continue;
      const dot = flat.lastIndexOf('. ', m.index);
      const start = dot === -1 ? 0 : dot + 2;
      const stop = flat.indexOf('.', m.index + m[0].length - 1);
      // A short banner is quoted whole; from a long one, the sentence that states the licence.
      let sentence = flat.length <= 200 ? flat : flat.slice(start, stop === -1 ? undefined : stop + 1).trim();
      const copyright = /Copyright \(C\) [^.;]*?(?= This | \*|$)/i.exec(flat)?.[0]?.trim();
      if (copyright && sentence.startsWith(copyright)) sentence = sentence.slice(copyright.length).trim();
      return {
        licence: rule.licence,
        statement: copyright ? `${copyright}. ${sentence}` : sentence,
        line: c.line,
      };
    }
  }
  return { licence: null, statement: null, line: null };
}

export interface HeaderLicence {
  licence: LicenceId;
  note: string;
}

/**
 * Banner/debian-copyright disagreements we resolve on purpose, always towards the more restrictive
 * licence. Any other disagreement fails the run.
 */
export const LICENCE_RECONCILIATIONS: ReadonlyArray<{
  banner: LicenceId;
  dep5: LicenceId;
  result: LicenceId;
  reason: string;
}> = [
  {
    banner: 'ZPL-2.1',
    dep5: 'public-domain',
    result: 'ZPL-2.1',
    reason:
      "the banner is mingw-w64's ZPL marker (no public-domain statement, refers to DISCLAIMER); upstream COPYING makes ZPL-2.1 the licence of every file not prominently marked public domain, BSD or LGPL, while debian/copyright lists all of mingw-w64-headers/include/* as public-domain: the stricter ZPL-2.1 is recorded",
  },
];

/**
 * Decides a header's licence from debian/copyright and its banner. Throws when they disagree: that
 * needs a person to look, not a guess.
 */
export function resolveHeaderLicence(
  header: string,
  upstreamPath: string,
  stanzas: Dep5Stanza[],
  source: string,
): HeaderLicence {
  const stanza = dep5LicenceFor(stanzas, upstreamPath);
  if (!stanza) throw new Error(`${header}: no debian/copyright stanza matches ${upstreamPath}`);
  const fromDep5 = normaliseLicence(stanza.license);
  const banner = bannerLicence(source);
  const copyrightLine = stanza.copyright.split('\n')[0];
  const dep5Note = `debian/copyright: ${stanza.license} (Files: stanza at line ${stanza.line}${
    stanza.copyright && stanza.copyright !== 'public-domain' ? `, Copyright: ${copyrightLine}` : ''
  })`;
  if (banner.licence === null) {
    return { licence: fromDep5, note: `banner states no licence; ${dep5Note}` };
  }
  if (banner.licence !== fromDep5) {
    const rec = LICENCE_RECONCILIATIONS.find((r) => r.banner === banner.licence && r.dep5 === fromDep5);
    if (rec) {
      return {
        licence: rec.result,
        note: `banner line ${banner.line}: "${banner.statement}"; ${dep5Note}; ${rec.reason}`,
      };
    }
    throw new Error(
      `${header}: banner (line ${banner.line}) says ${banner.licence} but debian/copyright says ${stanza.license}`,
    );
  }
  return { licence: fromDep5, note: `banner line ${banner.line}: "${banner.statement}"; ${dep5Note}` };
}
