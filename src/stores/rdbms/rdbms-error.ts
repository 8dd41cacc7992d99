/**
 * The error of an `#rdbms:query` or `#rdbms:cud` call while it processes events (Siddhi throws a
 * SiddhiAppRuntimeException): it goes to the input stream's `@OnError` handling; `faultText()` is the
 * `_error` of a fault stream, worded as Siddhi's exception prints.
 */
export class RdbmsCallError extends Error {
  constructor(
    message: string,
    /** The Java exception class Siddhi throws for this error. */
    readonly javaClass = 'io.siddhi.core.exception.SiddhiAppRuntimeException',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RdbmsCallError';
  }

  faultText(): string {
    return `${this.javaClass}: ${this.message}`;
  }
}

/** The message of a thrown value. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
