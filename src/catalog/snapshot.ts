/**
 * The catalog compiled into one file at build time: every entry as it is shown, with its lists by
 * value, name and part of a name already sorted. A command that looks up one code reads the file and
 * parses only the entries it answers with, instead of parsing and merging 30,000 rows first.
 *
 * Layout: 4 bytes "ECS1", a little-endian uint32 header length, the header (JSON), then sections at
 * 8-byte boundaries. Entries are one JSON array; `entryStarts` says where each element starts.
 */
import { readSync } from 'node:fs';
import type { ReferenceEntry } from './entry.ts';
import type { CatalogIndex, NameIndex } from './index-shape.ts';

const MAGIC = 'ECS1';

/** The files a snapshot was compiled from: name → size in bytes. */
export type SourceStamp = Record<string, number>;

interface Header {
  version: string;
  littleEndian: boolean;
  count: number;
  sources: SourceStamp;
  facilities: [string, string][];
  sections: Record<SectionName, [offset: number, bytes: number]>;
}

type SectionName =
  | 'entries'
  | 'entryStarts'
  | 'values'
  | 'valueStarts'
  | 'valueIds'
  | 'keys'
  | 'keyStarts'
  | 'keyIdStarts'
  | 'keyIds'
  | 'names'
  | 'nameStarts'
  | 'nameIds';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Compiles a catalog index into the snapshot's bytes; `sources` stamps the files it was built from. */
export function writeSnapshot(index: CatalogIndex, sources: SourceStamp): Buffer {
  const entries = index.entries();
  const id = new Map<ReferenceEntry, number>(entries.map((e, i) => [e, i]));
  const idOf = (e: ReferenceEntry) => id.get(e)!;

  const parts = entries.map((e) => Buffer.from(JSON.stringify(e)));
  const entryStarts = new Uint32Array(entries.length + 1);
  let at = 1;
  parts.forEach((p, i) => {
    entryStarts[i] = at;
    at += p.length + 1;
  });
  entryStarts[entries.length] = at;
  const entriesText = Buffer.concat([Buffer.from('['), ...parts.flatMap((p) => [p, Buffer.from(',')])]);
  entriesText[entriesText.length - 1] = 0x5d; // the last comma becomes "]"
  if (entries.length === 0) entriesText.write('[]');

  const values = [...new Set(entries.map((e) => e.value))].sort((a, b) => a - b);
  const valueIds = values.map((v) => index.withValue(v).map(idOf));
  const keys = [
    ...new Set(entries.filter((e) => e.family !== 'http').map((e) => e.symbol.toUpperCase())),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const keyIds = keys.map((k) => index.withKey(k).map(idOf));
  const names = index.names();
  const nameIds = Array.from(names.starts, (_, i) => idOf(names.entry(i)));

  const sections: [SectionName, Buffer][] = [
    ['entries', entriesText],
    ['entryStarts', u32(entryStarts)],
    ['values', Buffer.from(new Float64Array(values).buffer)],
    ['valueStarts', u32(starts(valueIds))],
    ['valueIds', u32(valueIds.flat())],
    ['keys', Buffer.from(keys.join('\n'))],
    ['keyStarts', u32(starts(keys.map((k) => ({ length: k.length + 1 }))))],
    ['keyIdStarts', u32(starts(keyIds))],
    ['keyIds', u32(keyIds.flat())],
    ['names', Buffer.from(names.names)],
    ['nameStarts', u32(Array.from(names.starts))],
    ['nameIds', u32(nameIds)],
  ];
  const header: Header = {
    version: index.version,
    littleEndian: LITTLE_ENDIAN,
    count: entries.length,
    sources,
    facilities: [...index.facilities()],
    sections: {} as Header['sections'],
  };
  // Offsets are relative to the end of the header, so the header can be written after them.
  let offset = 0;
  const body: Buffer[] = [];
  for (const [name, bytes] of sections) {
    header.sections[name] = [offset, bytes.length];
    const padded = Math.ceil(bytes.length / 8) * 8;
    body.push(bytes, Buffer.alloc(padded - bytes.length));
    offset += padded;
  }
  const headerBytes = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(Math.ceil((8 + headerBytes.length) / 8) * 8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(prefix, 8);
  return Buffer.concat([prefix, ...body]);
}

/** Reads `length` bytes at `offset` of a snapshot (a file read in place, or bytes in memory). */
export type SnapshotReader = (offset: number, length: number) => Buffer;

/** A reader over a snapshot held in memory. */
export const bufferReader =
  (bytes: Buffer): SnapshotReader =>
  (offset, length) =>
    bytes.subarray(offset, offset + length);

/** A reader over a snapshot file: only the sections and entries a query needs are read. */
export function fileReader(fd: number): SnapshotReader {
  return (offset, length) => {
    const out = Buffer.allocUnsafeSlow(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, out, done, length - done, offset + done);
      if (n === 0) throw new Error('The catalog snapshot ends early');
      done += n;
    }
    return out;
  };
}

/** Reads a snapshot's header, or undefined when the bytes are not a snapshot this build can read. */
export function readHeader(read: SnapshotReader): { header: Header; base: number } | undefined {
  try {
    const start = read(0, 8);
    if (start.length < 8 || start.toString('latin1', 0, 4) !== MAGIC) return undefined;
    const length = start.readUInt32LE(4);
    const text = read(8, length);
    if (text.length < length) return undefined;
    const header = JSON.parse(text.toString('utf8')) as Header;
    if (header.littleEndian !== LITTLE_ENDIAN) return undefined;
    return { header, base: Math.ceil((8 + length) / 8) * 8 };
  } catch {
    return undefined;
  }
}

/** A catalog index over a snapshot: sections are read on first use, entries parsed when first returned. */
export class SnapshotIndex implements CatalogIndex {
  readonly version: string;
  readonly sources: SourceStamp;
  readonly #read: SnapshotReader;
  readonly #base: number;
  readonly #header: Header;
  readonly #parsed: (ReferenceEntry | undefined)[];
  readonly #sections = new Map<SectionName, Buffer>();
  #all: readonly ReferenceEntry[] | undefined;
  #facilities: Map<string, string> | undefined;
  #keys: { text: string; starts: Uint32Array } | undefined;
  #names: NameIndex | undefined;

  constructor(read: SnapshotReader, { header, base }: { header: Header; base: number }) {
    this.#read = read;
    this.#header = header;
    this.#base = base;
    this.version = header.version;
    this.sources = header.sources;
    this.#parsed = new Array<ReferenceEntry | undefined>(header.count);
  }

  entries(): readonly ReferenceEntry[] {
    if (!this.#all) {
      const all = JSON.parse(this.#section('entries').toString('utf8')) as ReferenceEntry[];
      // Entries already handed out keep their identity.
      this.#all = all.map((e, i) => (this.#parsed[i] ??= e));
    }
    return this.#all;
  }

  count(): number {
    return this.#header.count;
  }

  withValue(value: number): readonly ReferenceEntry[] {
    const values = this.#f64('values');
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo === values.length || values[lo] !== value) return [];
    const starts = this.#u32('valueStarts');
    return this.#entriesOf(this.#u32('valueIds').subarray(starts[lo], starts[lo + 1]));
  }

  withKey(key: string): readonly ReferenceEntry[] {
    const { text, starts } = this.#keyText();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (text.slice(starts[mid], starts[mid + 1]! - 1) < key) lo = mid + 1;
      else hi = mid;
    }
    if (lo === starts.length - 1 || text.slice(starts[lo], starts[lo + 1]! - 1) !== key) return [];
    const idStarts = this.#u32('keyIdStarts');
    return this.#entriesOf(this.#u32('keyIds').subarray(idStarts[lo], idStarts[lo + 1]));
  }

  names(): NameIndex {
    if (!this.#names) {
      const ids = this.#u32('nameIds');
      this.#names = {
        names: this.#section('names').toString('utf8'),
        starts: this.#u32('nameStarts'),
        entry: (i) => this.#entry(ids[i]!),
      };
    }
    return this.#names;
  }

  facility(key: string): string | undefined {
    this.#facilities ??= new Map(this.#header.facilities);
    return this.#facilities.get(key);
  }

  facilities(): Iterable<[string, string]> {
    return this.#header.facilities;
  }

  #entry(id: number): ReferenceEntry {
    let entry = this.#parsed[id];
    if (!entry) {
      const starts = this.#u32('entryStarts');
      const [offset] = this.#header.sections.entries;
      const text = this.#read(this.#base + offset + starts[id]!, starts[id + 1]! - starts[id]! - 1);
      entry = JSON.parse(text.toString('utf8')) as ReferenceEntry;
      this.#parsed[id] = entry;
    }
    return entry;
  }

  #entriesOf(ids: Uint32Array): ReferenceEntry[] {
    return Array.from(ids, (id) => this.#entry(id));
  }

  #keyText(): { text: string; starts: Uint32Array } {
    if (!this.#keys) {
      this.#keys = { text: this.#section('keys').toString('utf8'), starts: this.#u32('keyStarts') };
    }
    return this.#keys;
  }

  /** A section's bytes, read once; at an 8-byte boundary so typed arrays can view them. */
  #section(name: SectionName): Buffer {
    let bytes = this.#sections.get(name);
    if (!bytes) {
      const [offset, length] = this.#header.sections[name];
      bytes = this.#read(this.#base + offset, length);
      if (bytes.byteOffset % 8 !== 0) bytes = Buffer.from(new Uint8Array(bytes).buffer);
      this.#sections.set(name, bytes);
    }
    return bytes;
  }

  #u32(name: SectionName): Uint32Array {
    const bytes = this.#section(name);
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  }

  #f64(name: SectionName): Float64Array {
    const bytes = this.#section(name);
    return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
  }
}

/** Where each list starts in the flattened lists, and where the last ends. */
function starts(lists: readonly { length: number }[]): number[] {
  const out = [0];
  for (const list of lists) out.push(out[out.length - 1]! + list.length);
  return out;
}

function u32(values: ArrayLike<number>): Buffer {
  const array = values instanceof Uint32Array ? values : Uint32Array.from(values as number[]);
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}
