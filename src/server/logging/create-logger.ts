/** Structured JSON logs (pino), and the adapter the engine logs through (fields carry app and query names). */
import { pino, type Logger as Pino } from 'pino';
import type { Logger } from '../../engine/runtime/logger.js';
import type { ServerConfig } from '../config/server-config.js';

export type ServerLogger = Pino;

export function createServerLogger(level: ServerConfig['logLevel'], destination?: NodeJS.WritableStream): ServerLogger {
  return destination
    ? pino({ level, base: { name: 'tributary' } }, destination)
    : pino({ level, base: { name: 'tributary' } });
}

/** The engine's `Logger` on top of pino; `onError` sees every error with its fields (for the error counters). */
export function engineLogger(
  log: Pino,
  onError: (fields: Record<string, unknown>) => void,
  bound: Record<string, unknown> = {},
): Logger {
  return {
    info: (msg, fields) => log.info(fields ?? {}, msg),
    warn: (msg, fields) => log.warn(fields ?? {}, msg),
    error: (msg, fields) => {
      onError({ ...bound, ...fields });
      log.error(fields ?? {}, msg);
    },
    child: (fields) => engineLogger(log.child(fields), onError, { ...bound, ...fields }),
  };
}
