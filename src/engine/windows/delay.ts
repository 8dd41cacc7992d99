/** `delay(t)`: holds each event for t milliseconds, then emits it (as a current event): the time window's delayed mode. */
import { checkCall, checkCount, checkTimeArg, constNumber } from './common.js';
import { TimeWindow } from './time.js';
import type { WindowImpl } from './window.js';

export const delayWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'delay',
    description:
      'Holds each event for `window.delay` and then emits it as a current event, stamped with the time it is released. Useful to join a stream with what another stream sends a little later.',
    parameters: [
      {
        name: 'window.delay',
        type: ['int', 'long', 'time'],
        description: 'How long each event is held.',
        constantOnly: true,
      },
    ],
    signatures: [['window.delay']],
    examples: [
      {
        syntax: 'from PurchaseStream#window.delay(1 min)\nselect *\ninsert into DelayedPurchaseStream;',
        description: 'Emits every purchase one minute after it arrived.',
      },
    ],
    validate: (types, constants) =>
      checkCount(types.length, 1, 1, 'one argument (<int|long|time> window.delay)') ??
      checkTimeArg(types, constants, 0, 'window.delay'),
  },
  create(ctx) {
    checkCall(delayWindow.spec, ctx);
    return new TimeWindow(ctx, constNumber(ctx.args[0]), true);
  },
};
