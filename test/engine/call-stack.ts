/** The whole call stack where it is called: the default limit of 10 frames can stop short of the sender. */
export function callStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  try {
    return new Error().stack ?? '';
  } finally {
    Error.stackTraceLimit = limit;
  }
}
