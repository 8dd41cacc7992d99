/**
 * The runtime error an extension function throws for a bad event (Siddhi's SiddhiAppRuntimeException).
 * The engine routes it to the app's error handling; `faultText()` renders it as Siddhi puts it in a fault stream.
 */
export class ExtensionRuntimeError extends Error {
  /** The Java class Siddhi names in its fault message, e.g. `io.siddhi.extension.execution.string.CharFrequencyFunctionExtension`. */
  readonly extensionClass: string;

  constructor(message: string, extensionClass: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExtensionRuntimeError';
    this.extensionClass = extensionClass;
  }

  /** `io.siddhi.core.exception.SiddhiAppRuntimeException: <message>. Exception on class '<class>'`. */
  faultText(): string {
    return `io.siddhi.core.exception.SiddhiAppRuntimeException: ${this.message}. Exception on class '${this.extensionClass}'`;
  }
}

/** A constructor of errors for one extension class. */
export function errorsFor(extensionClass: string): (message: string, cause?: unknown) => ExtensionRuntimeError {
  return (message, cause) =>
    new ExtensionRuntimeError(message, extensionClass, cause === undefined ? undefined : { cause });
}
