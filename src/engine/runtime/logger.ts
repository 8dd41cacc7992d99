/** Structured logging: one JSON object per line, with the app (and query) it concerns. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type LogLine = { level: 'info' | 'warn' | 'error'; msg: string; time: number } & Record<string, unknown>;

/** A logger writing JSON lines to a sink (stderr by default). */
export function jsonLogger(
  base: Record<string, unknown> = {},
  sink: (line: LogLine) => void = (l) => process.stderr.write(JSON.stringify(l) + '\n'),
): Logger {
  const write = (level: LogLine['level'], msg: string, fields?: Record<string, unknown>): void =>
    sink({ level, msg, time: Date.now(), ...base, ...fields });
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (f) => jsonLogger({ ...base, ...f }, sink),
  };
}

/** A logger that keeps lines in memory (tests, the error store's view). */
export function memoryLogger(lines: LogLine[] = []): Logger & { readonly lines: LogLine[] } {
  const l = jsonLogger({}, (line) => lines.push(line));
  return Object.assign(l, { lines });
}
