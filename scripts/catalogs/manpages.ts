/**
 * errno messages from the Linux man-pages project's errno(3) (Debian `manpages-dev`,
 * usr/share/man/man3/errno.3.gz, GPL-2.0-or-later): the short description of each name, which is the
 * wording C libraries' strerror() uses. Kept in its own file (errno-manpages.json) for its licence.
 *
 * Pure: the page's troff source in, one record per name out. The standards a name belongs to
 * ("POSIX.1-2001", "C99") are split off into `standards`; other remarks in parentheses stay in
 * `message` and are dropped from `title`.
 */

export const MANPAGES_PACKAGE = 'manpages-dev';
export const ERRNO_PAGE = 'usr/share/man/man3/errno.3.gz';

export interface ManpageErrno {
  symbol: string;
  /** The description as the page words it, without its standards marks. */
  message: string;
  /** The description up to its first remark in parentheses: a readable title. */
  title: string;
  standards?: string[];
  /** Line of the `.B NAME` in the page. */
  line: number;
}

const STANDARD = /^(POSIX\.1(-\d{4})?|C99|C11|XSI STREAMS|POSIX\.1-2001 XSI STREAMS option)[^)]*$/;

/** Inline troff to plain text: `.BR EWOULDBLOCK )` → `EWOULDBLOCK)`, `\-` → `-`. */
function plain(line: string): string {
  if (line.startsWith('.\\"')) return '';
  const m = /^\.(?:B|I|BR|IR|RB|RI)\s+(.*)$/.exec(line);
  const text = m ? m[1]!.replace(/\s+(?=[)\],.;:])/g, '') : line;
  return text
    .replace(/\\-/g, '-')
    .replace(/\\\(aq/g, "'")
    .replace(/\\f[BIRP]/g, '')
    .replace(/\\ /g, ' ')
    .replace(/\\&/g, '');
}

export function parseErrnoPage(troff: string): ManpageErrno[] {
  const lines = troff.split('\n');
  const start = lines.findIndex((l) => l.startsWith('.SS List of error names'));
  if (start === -1) throw new Error(`${ERRNO_PAGE}: no "List of error names" section`);
  const out: ManpageErrno[] = [];
  for (let i = start; i < lines.length && !lines[i]!.startsWith('.SH'); i++) {
    const name = /^\.B (E[A-Z0-9]+)\s*$/.exec(lines[i]!);
    if (!name || !lines[i - 1]!.startsWith('.TP')) continue;
    const text: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\.(TP|SS|SH|PP|IP)\b/.test(lines[j]!); j++) {
      const t = plain(lines[j]!);
      if (t) text.push(t);
    }
    const joined = text.join(' ').replace(/\s+/g, ' ').replace(/\s+\)/g, ')').trim();
    const standards: string[] = [];
    const message = joined
      .replace(/\s*\(([^()]*)\)/g, (all, inner: string) => {
        if (STANDARD.test(inner.trim())) {
          standards.push(inner.trim());
          return '';
        }
        return all;
      })
      .replace(/\s+\./g, '.')
      .replace(/\.$/, '')
      .trim();
    if (!message) throw new Error(`${ERRNO_PAGE}:${i + 1}: ${name[1]} has no description`);
    const synonym = /\bsynonym for (E[A-Z0-9]+)/.exec(message);
    const title = synonym
      ? `Synonym for ${synonym[1]!}`
      : message
          .replace(/\.\s.*$/, '')
          .replace(/\s*\(.*$/, '')
          .replace(/[;,:]\s.*$/, '')
          .trim();
    out.push({
      symbol: name[1]!,
      message,
      title,
      ...(standards.length ? { standards } : {}),
      line: i + 1,
    });
  }
  if (out.length < 100)
    throw new Error(`${ERRNO_PAGE}: only ${out.length} names found; the page layout changed`);
  return out;
}
