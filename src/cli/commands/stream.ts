/**
 * `tributary stream FILE --app A --stream S`: the data streamer. Reads a CSV or JSON-lines file and
 * pushes it into a running server's stream in batches (POST /siddhi-apps/A/streams/S/events), a few
 * in flight, numbered 1, 2, 3... per producer. A failed or timed-out batch is retried with backoff
 * under the same number, and the server applies each number once: at-least-once delivery, and the
 * stream sees every batch exactly once. The producer id defaults to a hash of the file's path, the app
 * and the stream, so `--resume` after an interruption sends only what the server does not have yet.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import { IngestClient, IngestError, type Credentials } from '../streamer/ingest-client.js';
import { FileFormatError, formatOf, readEvents } from '../streamer/read-events.js';

export interface StreamOptions {
  readonly app?: string;
  readonly stream?: string;
  readonly server?: string;
  readonly user?: string;
  readonly password?: string;
  readonly token?: string;
  readonly batch?: string;
  readonly format?: string;
  readonly producer?: string;
  readonly header?: boolean;
  readonly resume?: boolean;
  readonly concurrency?: string;
  readonly retries?: string;
  readonly timeout?: string;
  readonly retryDelay?: string;
  readonly quiet?: boolean;
}

export interface StreamIo {
  /** The summary line. */
  readonly out: NodeJS.WritableStream;
  /** Errors, and the progress bar when it is a TTY. */
  readonly err: NodeJS.WritableStream & { isTTY?: boolean };
  /** TRIBUTARY_USER / TRIBUTARY_PASSWORD / TRIBUTARY_TOKEN when no flag gives them. */
  readonly env: NodeJS.ProcessEnv;
}

export interface StreamSummary {
  readonly events: number;
  readonly batches: number;
  readonly duplicates: number;
  readonly retries: number;
  readonly skipped: number;
  readonly seconds: number;
  readonly producer: string;
}

class UsageError extends Error {}

/** The default producer id: stable for the same file (by absolute path), app and stream. */
export function defaultProducerId(file: string, app: string, stream: string): string {
  return `file-${createHash('sha256')
    .update(`${resolve(file)}\n${app}\n${stream}`)
    .digest('hex')
    .slice(0, 16)}`;
}

export async function streamCommand(
  file: string,
  opts: StreamOptions,
  io: StreamIo = { out: process.stdout, err: process.stderr, env: process.env },
): Promise<number> {
  try {
    const summary = await streamFile(file, opts, io);
    io.out.write(summaryLine(summary, opts) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof IngestError || e instanceof FileFormatError) {
      io.err.write(`tributary stream: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

async function streamFile(file: string, opts: StreamOptions, io: StreamIo): Promise<StreamSummary> {
  const app = required(opts.app, '--app');
  const stream = required(opts.stream, '--stream');
  const batchSize = positiveInt(opts.batch, 500, '--batch');
  const concurrency = positiveInt(opts.concurrency, 4, '--concurrency');
  const format = formatOf(file, opts.format);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`cannot read '${file}': no such file`);
  }
  const producer = opts.producer ?? defaultProducerId(file, app, stream);
  const client = new IngestClient({
    server: opts.server ?? 'http://127.0.0.1:9090',
    app,
    stream,
    credentials: credentials(opts, io.env),
    timeoutMs: positiveInt(opts.timeout, 30_000, '--timeout'),
    retries: nonNegativeInt(opts.retries, 10, '--retries'),
    baseDelayMs: nonNegativeInt(opts.retryDelay, 100, '--retry-delay'),
  });

  // Where this producer stands: a re-run without --resume would resend batches the server has.
  const start = await client.position(producer);
  if (start.sequence > 0 && !opts.resume) {
    throw new UsageError(
      `producer '${producer}' already delivered ${start.sequence} batches (${start.events} events) into ${app}/${stream}; ` +
        'pass --resume to send the rest of the file, or --producer <new id> to send it all again',
    );
  }

  // A CSV header is matched to the stream's attributes by name (columns may come in any order).
  const header =
    opts.header === true && format === 'csv' ? { header: { stream, attributes: await client.attributeNames() } } : {};

  const t0 = performance.now();
  let skip = opts.resume ? start.events : 0;
  let sequence = opts.resume ? start.sequence : 0;
  let events = 0;
  let batches = 0;
  let duplicates = 0;
  let retries = 0;
  let ackedBytes = 0;
  let failure: unknown;
  // The first final failure stops the other batches' retries.
  const cancel = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const bar =
    io.err.isTTY && !opts.quiet
      ? new cliProgress.SingleBar(
          {
            stream: io.err,
            format: ' {bar} {percentage}% | {events} events | {rate} events/s | {duplicates} dup | {retries} retries',
            hideCursor: true,
            fps: 10,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(size, 0, { events: 0, rate: 0, duplicates: 0, retries: 0 });
  const tick = (): void => {
    const s = (performance.now() - t0) / 1000;
    bar?.update(ackedBytes, { events, rate: Math.round(events / Math.max(s, 0.001)), duplicates, retries });
  };

  const launch = (seq: number, batch: unknown[], lines: number[], bytes: number): Promise<void> => {
    const p = client.send(producer, seq, batch, cancel.signal).then(
      (r) => {
        events += batch.length;
        batches++;
        if (r.duplicate) duplicates++;
        retries += r.retries;
        ackedBytes = Math.max(ackedBytes, bytes);
        tick();
      },
      (e: unknown) => {
        failure ??=
          e instanceof IngestError && e.index !== undefined && lines[e.index] !== undefined
            ? new IngestError(`${file}:${lines[e.index]}: ${e.message}`, e.status, e.index)
            : e;
        cancel.abort();
      },
    );
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return tracked;
  };

  let batch: unknown[] = [];
  let lines: number[] = [];
  try {
    for await (const e of readEvents(file, format, header)) {
      if (failure !== undefined) break;
      if (skip > 0) {
        skip--;
        ackedBytes = e.bytes;
        continue;
      }
      batch.push(e.event);
      lines.push(e.line);
      if (batch.length === batchSize) {
        while (inFlight.size >= concurrency) await Promise.race(inFlight);
        void launch(++sequence, batch, lines, e.bytes);
        batch = [];
        lines = [];
      }
    }
    if (batch.length > 0 && failure === undefined) void launch(++sequence, batch, lines, size);
    await Promise.all(inFlight);
  } catch (e) {
    // A line of the file that cannot be read: the batches before it finish first, so that the
    // message can tell whether any of the file is in the server.
    if (!(e instanceof FileFormatError)) throw e;
    await Promise.allSettled(inFlight);
    failure ??= e;
  } finally {
    bar?.stop();
  }
  if (failure !== undefined) {
    const done =
      events > 0 || start.sequence > 0
        ? '; the batches before it are in the server: fix it and re-run with --resume'
        : '';
    if (failure instanceof Error) failure.message += done;
    throw failure;
  }
  return {
    events,
    batches,
    duplicates,
    retries,
    skipped: opts.resume ? start.events : 0,
    seconds: (performance.now() - t0) / 1000,
    producer,
  };
}

function summaryLine(s: StreamSummary, opts: StreamOptions): string {
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  return (
    `streamed ${n(s.events)} events in ${n(s.batches)} batches into ${opts.app}/${opts.stream} ` +
    `in ${s.seconds.toFixed(2)} s (${n(s.events / Math.max(s.seconds, 0.001))} events/s): ` +
    `${s.duplicates} duplicate batches, ${s.retries} retries` +
    (opts.resume ? `, ${n(s.skipped)} events skipped (already delivered)` : '') +
    `; producer ${s.producer}`
  );
}

function credentials(opts: StreamOptions, env: NodeJS.ProcessEnv): Credentials {
  const token = opts.token ?? env['TRIBUTARY_TOKEN'];
  if (token) return { token };
  const user = opts.user ?? env['TRIBUTARY_USER'];
  const password = opts.password ?? env['TRIBUTARY_PASSWORD'];
  if (user === undefined && password === undefined) return undefined;
  if (user === undefined || password === undefined) {
    throw new UsageError('give both --user and --password (or TRIBUTARY_USER / TRIBUTARY_PASSWORD), or --token');
  }
  return { user, password };
}

function required(v: string | undefined, flag: string): string {
  if (!v) throw new UsageError(`${flag} is required`);
  return v;
}

function positiveInt(v: string | undefined, d: number, flag: string): number {
  const n = nonNegativeInt(v, d, flag);
  if (n === 0) throw new UsageError(`${flag} must be at least 1`);
  return n;
}

function nonNegativeInt(v: string | undefined, d: number, flag: string): number {
  if (v === undefined) return d;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number; got '${v}'`);
  return n;
}
