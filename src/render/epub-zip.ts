// The EPUB's zip, written from entries compressed once: each entry's deflated
// bytes are kept by a hash of its content, so a rebuild compresses only the
// entries that changed (`edition watch` keeps the cache between builds). The
// layout is fixed (`mimetype` first and stored, every entry with sizes in its
// local header, no data descriptors, no extra fields, one fixed date), so the
// same entries give the same bytes whether they came from the cache or not.
import { createHash } from "node:crypto";
import { crc32, deflateRawSync } from "node:zlib";
import { Memo } from "../watch/render-memo.js";

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Stored, not deflated (`mimetype`: OCF requires it). */
  store?: boolean;
}

interface Compressed {
  crc: number;
  size: number;
  method: 0 | 8;
  bytes: Uint8Array;
}

/** Deflated entries by content hash; bounded, so a long watch session does not grow it without end. */
export class ZipEntryCache {
  private readonly entries: Memo<Compressed>;
  /** Entries compressed and entries taken from the cache by the last `zipEntries` call. */
  compressed = 0;
  reused = 0;
  /** The EPUB's chapters as epub-gen-memory cleaned them up, by a hash of the HTML given, kept with the entries they become. */
  readonly chapters: Memo<string>;

  /** With `name`, a memo kept on disk too once `persistRenderMemos()` is called (../watch/render-memo.ts). */
  constructor(maxBytes = 32 * 1024 * 1024, name?: string) {
    this.entries = new Memo<Compressed>(name && `${name}-entries`, maxBytes, (entry) => entry.bytes.length + 64);
    this.chapters = new Memo<string>(name && `${name}-chapters`, maxBytes / 2);
  }

  get(key: string): Compressed | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: Compressed): void {
    this.entries.set(key, value);
  }
}

/** The cache of one process, and of the next on disk: `edition watch` rebuilds within it; the same bytes come cold or warm. */
export const processZipCache = new ZipEntryCache(32 * 1024 * 1024, "epub");

function compress(entry: ZipEntry, cache: ZipEntryCache): Compressed {
  const method = entry.store ? 0 : 8;
  const key = createHash("sha256").update(`${method}\0`).update(entry.data).digest("base64");
  const hit = cache.get(key);
  if (hit) {
    cache.reused++;
    return hit;
  }
  cache.compressed++;
  const bytes = method === 0 ? entry.data : deflateRawSync(entry.data, { level: 9 });
  const made: Compressed = { crc: crc32(entry.data), size: entry.data.length, method, bytes };
  cache.set(key, made);
  return made;
}

/** MS-DOS time and date fields of a UTC date (2-second resolution, years from 1980). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(date.getUTCFullYear(), 1980);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** A zip of `entries` in their order, every entry dated `date`. */
export function zipEntries(entries: ZipEntry[], date: Date, cache: ZipEntryCache = processZipCache): Buffer {
  cache.compressed = 0;
  cache.reused = 0;
  const { time, date: day } = dosDateTime(date);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { crc, size, method, bytes } = compress(entry, cache);
    const name = Buffer.from(entry.name, "utf8");
    // Bit 11: the name is UTF-8 (only said when it is not ASCII).
    const flags = name.length === entry.name.length ? 0 : 0x800;
    const version = method === 8 ? 20 : 10;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(bytes.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS attributes, zip 2.0
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(day, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(bytes.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    // extra and comment lengths, disk number, internal and external attributes: 0
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    centrals.push(central, name);
    offset += 30 + name.length + bytes.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  if (offset + centralSize > 0xffffffff || entries.length > 0xffff) throw new Error("the EPUB is too large for a zip without zip64");
  return Buffer.concat([...locals, ...centrals, end]);
}
