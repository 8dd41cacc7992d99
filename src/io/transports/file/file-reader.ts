/**
 * Reading one file the ways the file source supports: whole text or bytes, line by line, or the text between
 * `begin.regex` and `end.regex`; from a byte offset, so a tailing reader continues where it stopped.
 */
import { open } from 'node:fs/promises';

export type FileMode = 'TEXT.FULL' | 'BINARY.FULL' | 'BINARY.CHUNKED' | 'LINE' | 'REGEX';
export const FILE_MODES: readonly FileMode[] = ['TEXT.FULL', 'BINARY.FULL', 'BINARY.CHUNKED', 'LINE', 'REGEX'];

/** Splits text into records: lines, or regex-delimited records. Keeps the incomplete tail for later. */
export class RecordSplitter {
  private rest = '';
  constructor(
    private readonly mode: 'LINE' | 'REGEX',
    private readonly begin: RegExp | undefined,
    private readonly end: RegExp | undefined,
  ) {}

  push(text: string): string[] {
    this.rest += text;
    return this.mode === 'LINE' ? this.lines() : this.regex();
  }

  /** At the end of a file that is not tailed: what is left is a record too. */
  finish(): string[] {
    const r = this.rest;
    this.rest = '';
    if (this.mode === 'LINE') return r.replace(/\r$/, '') === '' ? [] : [r.replace(/\r$/, '')];
    return [];
  }

  private lines(): string[] {
    const out: string[] = [];
    let i: number;
    while ((i = this.rest.indexOf('\n')) >= 0) {
      const line = this.rest.slice(0, i).replace(/\r$/, '');
      this.rest = this.rest.slice(i + 1);
      if (line !== '') out.push(line);
    }
    return out;
  }

  private regex(): string[] {
    const out: string[] = [];
    for (;;) {
      let start = 0;
      if (this.begin) {
        const b = new RegExp(this.begin.source, 'g').exec(this.rest);
        if (!b) return out;
        start = b.index;
      }
      const searchFrom = this.begin ? start + 1 : 0;
      if (!this.end) {
        // Only a begin pattern: a record runs up to the next begin.
        const next = new RegExp(this.begin!.source, 'g');
        next.lastIndex = searchFrom;
        const n = next.exec(this.rest);
        if (!n) return out;
        out.push(this.rest.slice(start, n.index));
        this.rest = this.rest.slice(n.index);
        continue;
      }
      const e = new RegExp(this.end.source, 'g');
      e.lastIndex = searchFrom;
      const m = e.exec(this.rest);
      if (!m) return out;
      const stop = m.index + m[0].length;
      out.push(this.rest.slice(start, stop));
      this.rest = this.rest.slice(stop);
    }
  }
}

/** One chunk of a file read in BINARY.CHUNKED mode. */
export interface FileChunk {
  readonly bytes: Buffer;
  /** 1 for the first chunk of the file. */
  readonly sequence: number;
  /** The size of the whole file, in bytes, when reading began. */
  readonly fileSize: number;
  /** Whether this is the file's last chunk. */
  readonly last: boolean;
}

/**
 * Reads `path` in chunks of `size` bytes (the last may be shorter), handing each to `take` before the next
 * is read; an empty file gives none. Each chunk's bytes are its own (not a shared buffer).
 */
export async function readChunks(path: string, size: number, take: (chunk: FileChunk) => void): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const { size: fileSize } = await fh.stat();
    let position = 0;
    for (let sequence = 1; ; sequence++) {
      const buf = Buffer.alloc(size);
      const { bytesRead } = await fh.read(buf, 0, size, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      // The last chunk: nothing left to read now (checked again only at the size read at the start).
      const last = position >= fileSize && position >= (await fh.stat()).size;
      take({ bytes: bytesRead === size ? buf : Buffer.from(buf.subarray(0, bytesRead)), sequence, fileSize, last });
      if (last) return;
    }
  } finally {
    await fh.close();
  }
}

/** Reads bytes of `path` from `offset` to its current end; returns them and the new offset. */
export async function readFrom(path: string, offset: number): Promise<{ bytes: Buffer; offset: number }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size < offset) offset = 0; // truncated or replaced: start again
    const length = size - offset;
    if (length === 0) return { bytes: Buffer.alloc(0), offset };
    const bytes = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const r = await fh.read(bytes, read, length - read, offset + read);
      if (r.bytesRead === 0) break;
      read += r.bytesRead;
    }
    return { bytes: bytes.subarray(0, read), offset: offset + read };
  } finally {
    await fh.close();
  }
}
