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

/** Sends events into a stream: `send(data)`, `send(timestamp, data)` or `send(events)` (one chunk). */
export class InputHandler {
  /** Positions of `float` attributes: their numbers are held as 32-bit values, as Java's Float. */
  private readonly floats: number[];

  constructor(
    private readonly junction: StreamJunction,
    private readonly clock: InputClock,
  ) {
    this.floats = [];
    junction.schema.attributes.forEach((a, i) => {
      if (a.type === 'float') this.floats.push(i);
    });
  }

  get streamId(): string {
    return this.junction.id;
  }

  send(data: readonly unknown[]): void;
  send(timestamp: number, data: readonly unknown[]): void;
  send(events: readonly InputEvent[]): void;
  send(a: number | readonly unknown[] | readonly InputEvent[], b?: readonly unknown[]): void {
    if (typeof a === 'number') {
      this.deliver([this.event(a, b ?? [])]);
    } else if (b === undefined && a.length > 0 && isInputEventArray(a)) {
      this.deliver(a.map((e) => this.event(e.timestamp, e.data)));
    } else {
      this.deliver([this.event(undefined, a as readonly unknown[])]);
    }
  }

  private event(timestamp: number | undefined, data: readonly unknown[]): StreamEvent {
    if (timestamp !== undefined) this.clock.onEventTime?.(timestamp);
    const d = data.slice();
    const floats = this.floats;
    for (let i = 0; i < floats.length; i++) {
      const v = d[floats[i]!];
      if (typeof v === 'number') d[floats[i]!] = Math.fround(v);
    }
    return { timestamp: timestamp ?? this.clock.now(), data: d, type: CURRENT };
  }

  private deliver(chunk: StreamEvent[]): void {
    this.junction.send(chunk);
  }
}

function isInputEventArray(a: readonly unknown[]): a is readonly InputEvent[] {
  const first = a[0];
  return typeof first === 'object' && first !== null && !Array.isArray(first) && 'data' in first;
}
