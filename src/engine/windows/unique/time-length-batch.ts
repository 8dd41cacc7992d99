/**
 * `unique:timeLengthBatch(key, t, start.time?, n)`: a tumbling window emitting the latest event of each
 * key every period t, or as soon as n distinct keys arrived (the rest of that period is then dropped).
 */
import type { WindowImpl } from '../window.js';
import { checkCall, checkCount, checkTimeArg, constNumber, isIntegral } from '../common.js';
import { startTimeParameter, windowTimeParameter } from '../time-batch.js';
import { checkStartTime, UniqueTimeBatchWindow } from './time-batch.js';
import { checkKeyArg, uniqueKeyParameter } from './unique-key.js';

export const uniqueTimeLengthBatchWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: 'unique',
    name: 'timeLengthBatch',
    description:
      "A tumbling window that collects the latest event of each unique key (an event whose key is already in the batch replaces that event) and emits them together when a period of `window.time` ends, or as soon as `window.length` distinct keys are held; the previous batch leaves (as expired events) at the same moment. After a batch emitted by length, the events arriving before the period ends are dropped, and that end emits nothing. Joins read the last batch emitted. A batch comes out in the order Siddhi's hash map of it iterates (by the Java hash of the key), not in arrival order.",
    parameters: [
      uniqueKeyParameter(),
      windowTimeParameter,
      startTimeParameter,
      {
        name: 'window.length',
        type: ['int', 'long'],
        description: 'How many unique events make a batch before the period ends.',
        constantOnly: true,
      },
    ],
    signatures: [
      ['unique.key', 'window.time', 'window.length'],
      ['unique.key', 'window.time', 'start.time', 'window.length'],
    ],
    examples: [
      {
        syntax:
          'define stream CseEventStream (symbol string, price float, volume int);\n\nfrom CseEventStream#window.unique:timeLengthBatch(symbol, 1 sec, 20)\nselect symbol, price, volume\ninsert all events into OutputStream;',
        description: 'Emits the latest event of each symbol every second, or as soon as 20 symbols arrived.',
      },
    ],
    validate: (types, constants) => {
      const n = types.length;
      const last = n - 1;
      return (
        checkCount(
          n,
          3,
          4,
          'three or four arguments (<int|long|float|double|bool|string> unique.key, <int|long|time> window.time, <int|long> start.time, <int|long> window.length)',
        ) ??
        checkKeyArg(types, 0) ??
        checkTimeArg(types, constants, 1, 'window.time') ??
        (Number(constants[1]) <= 0 ? 'window.time must be positive' : undefined) ??
        (n === 4 ? checkStartTime(types, constants, 2) : undefined) ??
        (!isIntegral(types[last]!) ? `window.length must be an int or long, not ${types[last]}` : undefined) ??
        (constants[last] === undefined
          ? 'window.length must be a constant, not an attribute or expression'
          : undefined) ??
        (Number(constants[last]) <= 0 ? 'window.length must be positive' : undefined)
      );
    },
  },
  create(ctx) {
    checkCall(uniqueTimeLengthBatchWindow.spec, ctx);
    const n = ctx.args.length;
    return new UniqueTimeBatchWindow(ctx, {
      time: constNumber(ctx.args[1]),
      startTime: n === 4 ? constNumber(ctx.args[2]) : undefined,
      keep: 'last',
      length: constNumber(ctx.args[n - 1]),
      name: 'unique:timeLengthBatch',
    });
  },
};
