/** `tributary run APP.siddhi`: runs an app in the foreground until interrupted. */
import { readFileSync } from 'node:fs';
import type { SiddhiAppRuntime } from '../../engine/app/siddhi-app-runtime.js';
import { SiddhiManager } from '../../engine/siddhi-manager.js';
import { holdProcessOpen } from '../../io/framework/keep-alive.js';
import { SiddhiAppCreationError } from '../../lang/errors.js';
import { appSettingsOfConfig } from '../config-for-apps.js';
import { convertEvent, streamAttributes } from '../../server/simulation/stream-attributes.js';

export async function runCommand(
  file: string,
  opts: { events?: string; stream?: string; aggregationTimeZone?: string; config?: string },
): Promise<number> {
  const text = readFileSync(file, 'utf8');
  const zone = opts.aggregationTimeZone ?? process.env['TRIBUTARY_AGGREGATION_TIME_ZONE'];
  const config = appSettingsOfConfig(opts.config);
  if ('error' in config) {
    process.stderr.write(config.error);
    return 2;
  }
  process.stderr.write(config.warnings);
  const manager = new SiddhiManager({ ...(zone ? { aggregationTimeZone: zone } : {}), ...config.settings });
  let runtime;
  try {
    runtime = manager.createSiddhiAppRuntime(text);
  } catch (e) {
    if (e instanceof SiddhiAppCreationError) {
      for (const d of e.diagnostics) process.stderr.write(`${file}:${d.line}:${d.column} ${d.message}\n`);
      return 1;
    }
    throw e;
  }
  // Print what reaches the app's output streams (those no query reads) as JSON lines.
  for (const stream of runtime.getOutputStreamNames()) {
    runtime.addStreamCallback(stream, (events) => {
      for (const e of events)
        process.stdout.write(JSON.stringify({ stream, timestamp: e.timestamp, data: e.data }, shortBytes) + '\n');
    });
  }
  try {
    // Store-backed tables and aggregations connect and load before the first event.
    await runtime.startAsync();
  } catch (e) {
    process.stderr.write(`tributary: app '${runtime.name}' could not start: ${(e as Error).message}\n`);
    return 1;
  }
  process.stderr.write(`tributary: app '${runtime.name}' running; streams: ${runtime.getStreamNames().join(', ')}\n`);
  if (opts.events) {
    const bad = replayEvents(runtime, opts.events, opts.stream);
    await runtime.shutdown();
    return bad === 0 ? 0 : 1;
  }
  // Until interrupted, even when nothing of the app holds the process open (a trigger, a polled file).
  const release = holdProcessOpen();
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  release();
  await manager.shutdown();
  return 0;
}

/** JSON.stringify's replacer: bytes (a file chunk, say) print as their size, not as an array of numbers. */
function shortBytes(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  return original instanceof Uint8Array ? `<${original.length} bytes>` : value;
}

/**
 * Sends a file of JSON lines `{"stream": "S", "data": [...], "timestamp"?: ms}` (or arrays, into
 * `stream`), in order. A timestamp is the event's own (with @app:playback, it drives the app's clock).
 * Values are checked against the stream's attributes (strings of numbers and booleans are converted,
 * as the simulator does). A line that cannot be sent is reported as FILE:LINE and skipped; the
 * others are still sent. Returns the number of lines skipped.
 */
function replayEvents(runtime: SiddhiAppRuntime, file: string, defaultStream: string | undefined): number {
  let bad = 0;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    try {
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch (e) {
        throw new Error(`not JSON (${(e as Error).message})`);
      }
      const obj = Array.isArray(v) || typeof v !== 'object' || v === null ? undefined : (v as Record<string, unknown>);
      const data = Array.isArray(v) ? (v as unknown[]) : obj?.['data'];
      if (!Array.isArray(data)) throw new Error('expected {"stream": "S", "data": [...], "timestamp"?: ms} or [...]');
      const stream = typeof obj?.['stream'] === 'string' ? obj['stream'] : defaultStream;
      if (stream === undefined) throw new Error('the line names no "stream"; add one, or pass --stream');
      const timestamp = obj?.['timestamp'];
      if (timestamp !== undefined && (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp))) {
        throw new Error(`"timestamp" must be epoch milliseconds, not ${JSON.stringify(timestamp)}`);
      }
      const handler = runtime.getInputHandler(stream);
      const values = convertEvent(data, streamAttributes(runtime, stream), stream);
      if (timestamp === undefined) handler.send(values);
      else handler.send(timestamp, values);
    } catch (e) {
      bad++;
      process.stderr.write(`${file}:${i + 1}: ${(e as Error).message}; line skipped\n`);
    }
  }
  return bad;
}
