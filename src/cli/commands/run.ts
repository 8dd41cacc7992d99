/** `tributary run APP.siddhi`: runs an app in the foreground until interrupted. */
import { readFileSync } from 'node:fs';
import { SiddhiManager } from '../../engine/siddhi-manager.js';
import { SiddhiAppCreationError } from '../../lang/errors.js';

export async function runCommand(
  file: string,
  opts: { events?: string; stream?: string; aggregationTimeZone?: string },
): Promise<number> {
  const text = readFileSync(file, 'utf8');
  const zone = opts.aggregationTimeZone ?? process.env['TRIBUTARY_AGGREGATION_TIME_ZONE'];
  const manager = new SiddhiManager(zone ? { aggregationTimeZone: zone } : {});
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
        process.stdout.write(JSON.stringify({ stream, timestamp: e.timestamp, data: e.data }) + '\n');
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
    // Replays a file of JSON lines `{"stream": "S", "data": [...], "timestamp"?: ms}` (or arrays, into
    // --stream). A timestamp is the event's own (with @app:playback, it drives the app's clock).
    for (const line of readFileSync(opts.events, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const v = JSON.parse(line) as { stream?: string; data?: unknown[]; timestamp?: unknown } | unknown[];
      const stream = Array.isArray(v) ? opts.stream : (v.stream ?? opts.stream);
      const data = Array.isArray(v) ? v : (v.data ?? []);
      if (!stream) throw new Error('each event line needs a "stream", or pass --stream');
      const timestamp = Array.isArray(v) ? undefined : v.timestamp;
      if (typeof timestamp === 'number') runtime.getInputHandler(stream).send(timestamp, data);
      else runtime.getInputHandler(stream).send(data);
    }
    await runtime.shutdown();
    return 0;
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await manager.shutdown();
  return 0;
}
