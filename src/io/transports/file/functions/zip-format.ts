/**
 * Zip archives (PKWARE APPNOTE), written and read whole in memory with Node's zlib: members stored or
 * deflated, names in UTF-8 (as Java's zip streams), no ZIP64, no encryption.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ArchiveFormatError, type ArchiveEntry } from './archive-entry.js';
import { crc32 } from './crc32.js';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;
const MAX32 = 0xffffffff;

/** The MS-DOS time and date fields of an instant, read in UTC; before 1980 becomes 1980-01-01. */
function dosTime(d: Date): { time: number; date: number } {
  if (d.getUTCFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

function fromDos(time: number, date: number): Date {
  return new Date(
    Date.UTC(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2),
  );
}

/** A zip of the given files, each deflated. */
export function writeZip(files: readonly ArchiveEntry[]): Buffer {
  if (files.length > 0xffff) throw new ArchiveFormatError('more than 65535 members need ZIP64, which is not supported');
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const packed = deflateRawSync(f.data);
    if (f.data.length >= MAX32 || packed.length >= MAX32 || offset >= MAX32) {
      throw new ArchiveFormatError(`${f.name} needs ZIP64 (4 GiB or more), which is not supported`);
    }
    const flags = /[^\x20-\x7e]/.test(f.name) ? UTF8_NAMES : 0;
    const { time, date } = dosTime(f.mtime);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(CENTRAL, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(flags, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(time, 12);
    entry.writeUInt16LE(date, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(f.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    parts.push(local, name, packed);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  if (offset >= MAX32) throw new ArchiveFormatError('an archive of 4 GiB or more needs ZIP64, which is not supported');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

function endRecord(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END) return i;
  }
  throw new ArchiveFormatError('not a zip archive (no end of central directory)');
}

/** The members of a zip, in the order of its central directory. */
export function readZip(zip: Buffer): ArchiveEntry[] {
  const end = endRecord(zip);
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || size === MAX32 || at === MAX32) throw new ArchiveFormatError('ZIP64 is not supported');
  const entries: ArchiveEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) {
      throw new ArchiveFormatError('corrupt zip archive (bad central directory)');
    }
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const time = zip.readUInt16LE(at + 12);
    const date = zip.readUInt16LE(at + 14);
    const crc = zip.readUInt32LE(at + 16);
    const packedSize = zip.readUInt32LE(at + 20);
    const plainSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (packedSize === MAX32 || plainSize === MAX32 || local === MAX32) {
      throw new ArchiveFormatError(`${name} is in ZIP64 form, which is not supported`);
    }
    if ((flags & 1) !== 0) throw new ArchiveFormatError(`${name} is encrypted, which is not supported`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) {
      throw new ArchiveFormatError(`corrupt zip archive (bad local header of ${name})`);
    }
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + packedSize > zip.length) throw new ArchiveFormatError(`corrupt zip archive (${name} is cut short)`);
    const packed = zip.subarray(start, start + packedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(packed);
    else if (method === 8) {
      try {
        data = inflateRawSync(packed);
      } catch (e) {
        throw new ArchiveFormatError(`corrupt zip archive (${name}: ${(e as Error).message})`);
      }
    } else
      throw new ArchiveFormatError(`${name} uses compression method ${method}; only stored and deflated are supported`);
    if (data.length !== plainSize || crc32(data) !== crc) {
      throw new ArchiveFormatError(`corrupt zip archive (${name} fails its size or CRC check)`);
    }
    entries.push({ name, kind: name.endsWith('/') ? 'directory' : 'file', data, mtime: fromDos(time, date) });
  }
  return entries;
}
