import { CURRENT, type StreamEvent } from '../event/stream-event.js';
import type { StreamJunction } from './stream-junction.js';

/** An event to send: its data, and optionally its own timestamp (else the app clock's now). */
export interface InputEvent {
  readonly timestamp?: number;
  readonly data: readonly unknown[];
}

export interface InputClock {
  now(): number;
  /** Playback: an event's timestamp drives the clock. */
  onEventTime?(timestamp: number): void;
}

/**
 * Whether the handlers given out by a runtime may send: open while the app runs. A shutdown closes it for
 * good (the runtime gives handlers a new gate), so, as in Siddhi, a handler taken before a shutdown stays
 * closed after a restart.
 */
export interface InputGate {
  open: boolean;
  /** The app's name, for the error. */
  readonly app: string;
}

/** Sends events into a stream: `send(data)`, `send(timestamp, data)` or `send(events)` (one chunk). */
export class InputHandler {
  constructor(
    private readonly junction: StreamJunction,
    private readonly clock: InputClock,
    private readonly gate: InputGate = { open: true, app: '' },
  ) {}

  get streamId(): string {
    return this.junction.id;
  }

  send(data: readonly unknown[]): void;
  send(timestamp: number, data: readonly unknown[]): void;
  send(events: readonly InputEvent[]): void;
  send(a: number | readonly unknown[] | readonly InputEvent[], b?: readonly unknown[]): void {
    // The common case first, and small: V8 inlines what the stream's reader does into the sender only
    // while the callees' bytecode fits its budget (so a closed gate's error is raised in sendOther).
    if (this.gate.open === true && b === undefined && Array.isArray(a) && !isInputEventArray(a)) {
      this.junction.sendInput(this.clock.now(), a as readonly unknown[]);
    } else {
      this.sendOther(a, b);
    }
  }

  private sendOther(a: number | readonly unknown[] | readonly InputEvent[], b?: readonly unknown[]): void {
    if (this.gate.open !== true) throw this.notRunning();
    if (typeof a === 'number') {
      const data = b ?? [];
      this.clock.onEventTime?.(a);
      this.junction.sendInput(a, this.checked(data));
    } else if (b === undefined && isInputEventArray(a)) {
      this.junction.send(a.map((e) => this.event(e.timestamp, e.data)));
    } else {
      this.junction.sendInput(this.clock.now(), this.checked(a as readonly unknown[]));
    }
  }

  private notRunning(): Error {
    return new Error(
      `Siddhi app '${this.gate.app}' is not running, cannot send events to stream '${this.junction.id}': ` +
        `start the app first (a handler taken before a shutdown stays closed; take a new one after a restart)`,
    );
  }

  private checked(data: readonly unknown[]): readonly unknown[] {
    if (!Array.isArray(data)) throw new TypeError(this.notAnArray(data));
    return data;
  }

  /** A copy of the data sent (the sender may reuse its array), `float` values rounded to 32 bits. */
  private copyOf(data: readonly unknown[]): unknown[] {
    return this.junction.copy(this.checked(data));
  }

  private event(timestamp: number | undefined, data: readonly unknown[]): StreamEvent {
    if (timestamp !== undefined) this.clock.onEventTime?.(timestamp);
    return { timestamp: timestamp ?? this.clock.now(), data: this.copyOf(data), type: CURRENT };
  }

  private notAnArray(data: unknown): string {
    const attrs = this.junction.schema.attributes.map((a) => `${a.name} ${a.type}`).join(', ');
    return `an event of stream '${this.junction.id}' is an array of its values (${attrs}), not ${data === null ? 'null' : typeof data}`;
  }
}

function isInputEventArray(a: readonly unknown[]): a is readonly InputEvent[] {
  if (a.length === 0) return false;
  const first = a[0];
  return typeof first === 'object' && first !== null && !Array.isArray(first) && 'data' in first;
}
