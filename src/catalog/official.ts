import { guideCodeKey, type CodeReading } from '../codes/parse.ts';
import { isDefiningEntry, type ReferenceCatalog, type ReferenceHit, type Relation } from './reference.ts';

/** The relations that name the code itself or what it carries, never a partial name match. */
const EXACT: ReadonlySet<Relation> = new Set(['exact', 'win32-in-hresult', 'ntstatus-in-hresult', 'symbol']);

/**
 * The catalog entries that name a guide's code: its code key read as one value (a number as a Windows
 * value, never an errno or an HTTP status), exact relations only, each entry once, and only the
 * defining catalogs' entries when there are any (DE_E_ACCESS_DENIED is another header's alias of
 * E_ACCESSDENIED). An OBD-II code has its computed entry; family patterns have none. Pages, search, lint and the static export
 * all ask here.
 */
export function officialEntries(catalog: ReferenceCatalog, code: string): ReferenceHit[] {
  const reading = readingOfKey(guideCodeKey(code));
  if (!reading) return [];
  const hits: ReferenceHit[] = [];
  for (const hit of catalog.find(reading)) {
    const duplicate = hits.some(
      (h) => h.entry.family === hit.entry.family && h.entry.symbol === hit.entry.symbol,
    );
    if (EXACT.has(hit.relation) && !duplicate) hits.push(hit);
  }
  const defining = hits.filter((h) => isDefiningEntry(h.entry));
  return defining.length > 0 ? defining : hits;
}

/** The one reading a guide's code key stands for; null for keys no catalog answers (family patterns). */
function readingOfKey(key: string | null): CodeReading | null {
  if (key === null) return null;
  const [scheme, rest = ''] = key.split(/:(.*)/s);
  switch (scheme) {
    case 'num':
      return { scheme: 'number', value: Number(rest), written: 'hex', text: rest };
    case 'http':
      return { scheme: 'http', status: Number(rest), text: rest };
    case 'sym':
      return { scheme: 'symbol', name: rest, text: rest };
    case 'obd':
      // The computed entry: what the code's structure says (system, generic or maker, subsystem).
      return { scheme: 'obd', code: rest, text: rest };
    default:
      return null;
  }
}
