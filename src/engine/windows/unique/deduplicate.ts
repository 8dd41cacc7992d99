/** `#unique:deduplicate(key, t)`: drops an event when an event of its key was let through within t before it. */
import type { StatefulStreamFunction, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { asState, checkCount, checkTimeArg } from '../common.js';
import { checkKeyArg, uniqueKeyParameter } from './unique-key.js';

interface DeduplicateState {
  /** [key, timestamp] of the events let through and still remembered, oldest first. */
  kept: [unknown, number][];
}

export const uniqueDeduplicate: StreamFunctionImpl = {
  spec: {
    kind: 'streamProcessor',
    namespace: 'unique',
    name: 'deduplicate',
    description:
      'Drops an event when an event with the same `unique.key` was let through at most `time.interval` before it (by event timestamps). A duplicate does not extend the interval: the first event of a key starts it, and the next event of the key after it is let through and starts a new one.',
    parameters: [
      uniqueKeyParameter(),
      {
        name: 'time.interval',
        type: ['int', 'long', 'time'],
        description: 'How long after an event of a key its duplicates are dropped.',
        constantOnly: true,
      },
    ],
    signatures: [['unique.key', 'time.interval']],
    appendedAttributes: [],
    examples: [
      {
        syntax:
          'define stream TemperatureStream (sensorId string, temperature double);\n\nfrom TemperatureStream#unique:deduplicate(sensorId, 30 sec)\nselect *\ninsert into UniqueTemperatureStream;',
        description: 'Lets through one event per sensor per 30 seconds.',
      },
    ],
    validate: (types, constants) =>
      checkCount(
        types.length,
        2,
        2,
        'two arguments (<int|long|float|double|bool|string> unique.key, <int|long|time> time.interval)',
      ) ??
      checkKeyArg(types, 0) ??
      checkTimeArg(types, constants, 1, 'time.interval'),
  },
  create(ctx) {
    const interval = Number(ctx.constants[1]);
    /** Key → timestamp of the event let through, in the order they were let through. */
    let kept = new Map<unknown, number>();
    const fn = (args: readonly unknown[], emit: (appended: readonly unknown[]) => void): void => {
      const ts = (args[2] as { timestamp: number }).timestamp;
      // Forgets the keys let through more than the interval ago, oldest first, up to the first that stays.
      for (const [key, at] of kept) {
        if (ts - at <= interval) break;
        kept.delete(key);
      }
      const key = args[0];
      if (kept.has(key)) return;
      kept.set(key, ts);
      emit([]);
    };
    const stateful: StatefulStreamFunction = Object.assign(fn, {
      snapshot: (): DeduplicateState => ({ kept: [...kept] }),
      restore: (state: unknown): void => {
        kept = new Map(asState<DeduplicateState>(state, 'unique:deduplicate').kept);
      },
    });
    return stateful;
  },
};
