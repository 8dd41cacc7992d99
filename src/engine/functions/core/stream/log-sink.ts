/**
 * Where `#log(...)` writes: a module-level sink, stderr by default. Hosts (the server, the CLI, tests)
 * replace it with `setStreamLogSink` to route lines into their own logger.
 */

export type StreamLogLevel = 'INFO' | 'DEBUG' | 'WARN' | 'FATAL' | 'ERROR' | 'TRACE';

export type StreamLogSink = (level: StreamLogLevel, message: string) => void;

function stderrSink(level: StreamLogLevel, message: string): void {
  process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);
}

let sink: StreamLogSink = stderrSink;

/** Replaces the sink; returns the previous one (to restore it). Pass undefined to restore stderr. */
export function setStreamLogSink(next: StreamLogSink | undefined): StreamLogSink {
  const previous = sink;
  sink = next ?? stderrSink;
  return previous;
}

export function writeStreamLog(level: StreamLogLevel, message: string): void {
  sink(level, message);
}
