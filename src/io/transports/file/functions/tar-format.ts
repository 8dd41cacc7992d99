/**
 * Tar archives (POSIX ustar), written and read whole in memory. Names longer than 100 bytes are written as
 * GNU long-name members (as commons-compress does in Siddhi); reading also takes ustar prefixes and pax
 * `path` / `size` records. Uncompressed: a `.tar.gz` is gunzipped first by `file:unarchive`.
 */
import { ArchiveFormatError, type ArchiveEntry } from './archive-entry.js';

const BLOCK = 512;
const RECORD = 10240;
const MAX_OCTAL_SIZE = 0o77777777777;

function octal(header: Buffer, offset: number, width: number, value: number): void {
  header.write(value.toString(8).padStart(width - 1, '0') + '\0', offset, width, 'ascii');
}

function header(name: Buffer, type: string, size: number, mtime: Date, mode: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  name.copy(h, 0, 0, Math.min(name.length, 100));
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, Math.max(0, Math.floor(mtime.getTime() / 1000)));
  h.write(type, 156, 1, 'ascii');
  h.write('ustar\u000000', 257, 8, 'ascii');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** A tar of the given files (mode 0644). */
export function writeTar(files: readonly ArchiveEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const f of files) {
    if (f.data.length > MAX_OCTAL_SIZE) throw new ArchiveFormatError(`${f.name} is 8 GiB or more, too big for tar`);
    const name = Buffer.from(f.name, 'utf8');
    if (name.length > 100) {
      const long = Buffer.concat([name, Buffer.alloc(1)]);
      parts.push(
        header(Buffer.from('././@LongLink'), 'L', long.length, new Date(0), 0o644),
        long,
        padding(long.length),
      );
    }
    parts.push(header(name, '0', f.data.length, f.mtime, 0o644), f.data, padding(f.data.length));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  const length = parts.reduce((n, p) => n + p.length, 0);
  parts.push(Buffer.alloc((RECORD - (length % RECORD)) % RECORD));
  return Buffer.concat(parts);
}

function text(h: Buffer, offset: number, width: number): string {
  const field = h.subarray(offset, offset + width);
  const nul = field.indexOf(0);
  return field.toString('utf8', 0, nul < 0 ? width : nul);
}

function number(h: Buffer, offset: number, width: number): number {
  if (((h[offset] as number) & 0x80) !== 0) {
    let n = 0;
    for (let i = offset + 1; i < offset + width; i++) n = n * 256 + (h[i] as number);
    return n;
  }
  const t = text(h, offset, width).trim();
  return t === '' ? 0 : parseInt(t, 8);
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] as number);
  return sum === number(h, 148, 8);
}

function paxRecords(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = parseInt(data.toString('ascii', at, space), 10);
    if (space < 0 || !(length > 0)) break;
    const record = data.toString('utf8', space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return out;
}

/** The members of a tar, in order. */
export function readTar(tar: Buffer): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let at = 0;
  let longName: string | undefined;
  let pax = new Map<string, string>();
  while (at + BLOCK <= tar.length) {
    const h = tar.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) return entries;
    if (!checksumOk(h)) throw new ArchiveFormatError(`not a tar archive (bad header checksum at byte ${at})`);
    const type = String.fromCharCode(h[156] as number);
    const size = Number(pax.get('size') ?? number(h, 124, 12));
    const start = at + BLOCK;
    if (start + size > tar.length) throw new ArchiveFormatError('corrupt tar archive (a member is cut short)');
    const data = tar.subarray(start, start + size);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      pax = paxRecords(data);
      continue;
    }
    if (type === 'g') continue;
    const prefix = text(h, 257, 6) === 'ustar' ? text(h, 345, 155) : '';
    const name = pax.get('path') ?? longName ?? (prefix === '' ? '' : `${prefix}/`) + text(h, 0, 100);
    const kind =
      type === '5' || (type === '\0' && name.endsWith('/')) ? 'directory' : '07\0'.includes(type) ? 'file' : 'other';
    entries.push({ name, kind, data: Buffer.from(data), mtime: new Date(number(h, 136, 12) * 1000) });
    longName = undefined;
    pax = new Map();
  }
  if (entries.length === 0 && tar.length > 0) throw new ArchiveFormatError('not a tar archive (cut short)');
  return entries;
}
