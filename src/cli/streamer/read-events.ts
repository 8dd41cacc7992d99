/**
 * Reads the events of a file for `tributary stream`, one at a time (files larger than memory are
 * fine): CSV rows (values stay strings; the server converts them to the stream's types) or JSON lines
 * (`[...]` arrays or `{"data": [...], "timestamp"?: ms}` objects). Each event comes with its line
 * number (for error messages) and the bytes read so far (for the progress bar).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

export type FileFormat = 'csv' | 'jsonl';

export interface FileEvent {
  /** What the server is sent: an array of values or `{data, timestamp?}`. */
  readonly event: unknown;
  readonly line: number;
  /** Bytes of the file read up to the end of this event. */
  readonly bytes: number;
}

export class FileFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileFormatError';
  }
}

/** The format named, or the one the file's extension tells. */
export function formatOf(file: string, format: string | undefined): FileFormat {
  const f = (format ?? file.slice(file.lastIndexOf('.') + 1)).toLowerCase();
  if (f === 'csv') return 'csv';
  if (f === 'jsonl' || f === 'ndjson' || f === 'json') return 'jsonl';
  throw new FileFormatError(
    format === undefined
      ? `cannot tell the format of '${file}' from its extension: pass --format csv or --format jsonl`
      : `unknown --format '${format}': use csv or jsonl`,
  );
}

export function readEvents(
  file: string,
  format: FileFormat,
  opts: { header?: boolean } = {},
): AsyncIterable<FileEvent> {
  return format === 'csv' ? readCsv(file, opts.header === true) : readJsonLines(file);
}

async function* readCsv(file: string, header: boolean): AsyncIterable<FileEvent> {
  const parser = createReadStream(file).pipe(
    parse({ info: true, from_line: header ? 2 : 1, skip_empty_lines: true, relax_column_count: true }),
  );
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
      yield { event: r.record, line: r.info.lines, bytes: r.info.bytes };
    }
  } catch (e) {
    throw new FileFormatError(`${file}: ${(e as Error).message}`);
  }
}

async function* readJsonLines(file: string): AsyncIterable<FileEvent> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  let bytes = 0;
  for await (const text of lines) {
    line++;
    bytes += Buffer.byteLength(text) + 1;
    if (text.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw new FileFormatError(`${file}:${line}: not JSON (${(e as Error).message})`);
    }
    const ok =
      Array.isArray(v) || (typeof v === 'object' && v !== null && Array.isArray((v as { data?: unknown }).data));
    if (!ok) {
      throw new FileFormatError(
        `${file}:${line}: each line must be an array of values or {"data": [...], "timestamp"?: ms}`,
      );
    }
    yield { event: v, line, bytes };
  }
}
