/**
 * A batch for `POST /siddhi-apps/{app}/streams/{stream}/events`: read from a JSON body
 * `{producer, sequence, events}` or from JSON lines (`application/x-ndjson`, producer and sequence in
 * the `x-producer` / `x-sequence` headers), and every event checked and converted to the stream's
 * attribute types before any is sent. Values may be strings (as CSV gives them): the server converts.
 */
import type { InputEvent } from '../../engine/runtime/input-handler.js';
import { HttpError } from '../http/http-error.js';
import {
  convertValue,
  SimulationInputError,
  typeWithArticle,
  type StreamAttribute,
} from '../simulation/stream-attributes.js';

export interface IngestBatch {
  readonly producer: string;
  readonly sequence: number;
  /** The events as sent: arrays of values or `{timestamp?, data}` objects. */
  readonly events: readonly unknown[];
}

const SHAPE =
  'the body must be {"producer": "<id>", "sequence": <1, 2, 3...>, "events": [[...], ...] or [{"timestamp"?: <ms>, "data": [...]}, ...]}';
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Reads producer, sequence and events from a JSON body. */
export function batchFromJson(body: unknown): IngestBatch {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, SHAPE);
  const b = body as { producer?: unknown; sequence?: unknown; events?: unknown };
  if (!Array.isArray(b.events)) throw new HttpError(400, `'events' is missing or not an array; ${SHAPE}`);
  return { producer: producerOf(b.producer), sequence: sequenceOf(b.sequence), events: b.events };
}

/** Reads a JSON-lines body (one event a line) with producer and sequence from the headers. */
export function batchFromNdjson(text: string, headers: Record<string, string | string[] | undefined>): IngestBatch {
  const header = (name: string): string | undefined => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const producer = producerOf(header('x-producer'), 'the x-producer header');
  const seq = header('x-sequence');
  const sequence = sequenceOf(seq === undefined ? undefined : Number(seq), 'the x-sequence header');
  const events: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      events.push(JSON.parse(line));
    } catch (e) {
      throw new HttpError(400, `line ${i + 1} of the body is not JSON (${(e as Error).message})`, { line: i + 1 });
    }
  }
  return { producer, sequence, events };
}

function producerOf(v: unknown, what = "'producer'"): string {
  if (typeof v !== 'string' || v === '' || v.length > 200) {
    throw new HttpError(400, `${what} must name the producer: a string of 1 to 200 characters`);
  }
  return v;
}

function sequenceOf(v: unknown, what = "'sequence'"): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new HttpError(400, `${what} must be the batch's number for its producer: an integer 1, 2, 3...`);
  }
  return v;
}

/**
 * Checks every event against the stream's attributes and converts its values; the first bad event
 * is a 400 naming its index, the attribute and the type expected, so nothing of the batch is sent.
 */
export function convertBatch(
  events: readonly unknown[],
  attrs: readonly StreamAttribute[],
  stream: string,
): InputEvent[] {
  const out: InputEvent[] = new Array<InputEvent>(events.length);
  const signature = attrs.map((a) => `${a.name} ${a.type}`).join(', ');
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    let data: unknown;
    let timestamp: unknown;
    if (Array.isArray(e)) data = e;
    else if (typeof e === 'object' && e !== null) ({ data, timestamp } = e as { data?: unknown; timestamp?: unknown });
    if (!Array.isArray(data)) {
      throw new HttpError(
        400,
        `events[${i}] must be an array of values or {"timestamp"?, "data": [...]}; got ${preview(e)}`,
        { index: i },
      );
    }
    if (data.length !== attrs.length) {
      throw new HttpError(
        400,
        `events[${i}] has ${data.length} values; stream '${stream}' has ${attrs.length} attributes (${signature})`,
        { index: i },
      );
    }
    const values = new Array<unknown>(attrs.length);
    for (let j = 0; j < attrs.length; j++) {
      const attr = attrs[j]!;
      const bad = (why: string): HttpError =>
        new HttpError(400, `events[${i}]: attribute '${attr.name}' is ${attr.type}; ${why}`, {
          index: i,
          attribute: attr.name,
          expected: attr.type,
        });
      let v: unknown;
      try {
        v = convertValue(data[j], attr);
      } catch (err) {
        if (err instanceof SimulationInputError) throw bad(`${preview(data[j])} is not ${typeWithArticle(attr.type)}`);
        throw err;
      }
      if (typeof v === 'number') {
        if (attr.type === 'int' && (v < INT_MIN || v > INT_MAX)) throw bad(`${v} is out of the int range`);
        if (attr.type === 'long' && !Number.isSafeInteger(v)) throw bad(`${v} is beyond 2^53 (not exact)`);
      }
      values[j] = v;
    }
    if (timestamp === undefined || timestamp === null) out[i] = { data: values };
    else if (typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp >= 0)
      out[i] = { timestamp, data: values };
    else {
      throw new HttpError(400, `events[${i}]: 'timestamp' must be epoch milliseconds; got ${preview(timestamp)}`, {
        index: i,
      });
    }
  }
  return out;
}

function preview(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
