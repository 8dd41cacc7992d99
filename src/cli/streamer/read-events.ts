/**
 * Reads the events of a file for `tributary stream`, one at a time (files larger than memory are
 * fine): CSV rows (values stay strings; the server converts them to the stream's types; with a header,
 * columns are matched to the stream's attributes by name) or JSON lines
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

/** The attributes of the stream, in order: a CSV header's columns are matched to them by name. */
export interface CsvHeader {
  readonly stream: string;
  readonly attributes: readonly string[];
}

/** `header`: the CSV file's first line names its columns (in any order) after the stream's attributes. */
export function readEvents(
  file: string,
  format: FileFormat,
  opts: { header?: CsvHeader } = {},
): AsyncIterable<FileEvent> {
  return format === 'csv' ? readCsv(file, opts.header) : readJsonLines(file);
}

type CsvRecord = { record: string[]; info: { lines: number; bytes: number } };

async function* readCsv(file: string, header: CsvHeader | undefined): AsyncIterable<FileEvent> {
  const parser = createReadStream(file).pipe(
    parse({ info: true, bom: true, skip_empty_lines: true, relax_column_count: true }),
  );
  let order: ((values: string[], line: number) => string[]) | undefined;
  try {
    for await (const r of parser as AsyncIterable<CsvRecord>) {
      if (header !== undefined && order === undefined) {
        order = columnOrder(`${file}:${r.info.lines}`, file, r.record, header);
        continue;
      }
      yield { event: order ? order(r.record, r.info.lines) : r.record, line: r.info.lines, bytes: r.info.bytes };
    }
  } catch (e) {
    if (e instanceof FileFormatError) throw e;
    throw new FileFormatError(`${file}: ${(e as Error).message}`);
  }
}

/**
 * Matches a header's column names to the stream's attributes: every attribute needs one column and
 * every column must name an attribute (nothing is dropped unseen). Returns what puts a row's values in
 * the stream's order.
 */
function columnOrder(
  where: string,
  file: string,
  names: string[],
  header: CsvHeader,
): (values: string[], line: number) => string[] {
  const attrs = header.attributes;
  const signature = `stream ${header.stream} has ${attrs.join(', ')}`;
  const columns = names.map((n) => n.trim());
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new FileFormatError(`${where}: the header names column '${c}' twice`);
    seen.add(c);
    if (!attrs.includes(c)) {
      throw new FileFormatError(
        `${where}: header column '${c}' is not an attribute of the stream (${signature}); rename or remove the column`,
      );
    }
  }
  const missing = attrs.filter((a) => !seen.has(a));
  if (missing.length > 0) {
    throw new FileFormatError(
      `${where}: the header has no column for ${missing.map((m) => `'${m}'`).join(', ')} (${signature})`,
    );
  }
  const at = attrs.map((a) => columns.indexOf(a));
  return (values, line) => {
    if (values.length !== columns.length) {
      throw new FileFormatError(`${file}:${line}: ${values.length} values, the header has ${columns.length} columns`);
    }
    return at.map((i) => values[i]!);
  };
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
