/** `count()` / `count(arg)`: the number of events (any argument is ignored, nulls included), as a long. */
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';
import { asRecord, numberField } from './snapshot-fields.js';
import { ALL_TYPES, argParameter } from './spec-helpers.js';

class Count implements AggregatorState {
  private count = 0;

  add(): unknown {
    return ++this.count;
  }

  remove(): unknown {
    return --this.count;
  }

  reset(): unknown {
    this.count = 0;
    return 0;
  }

  value(): unknown {
    return this.count;
  }

  snapshot(): unknown {
    return { count: this.count };
  }

  restore(state: unknown): void {
    this.count = numberField(asRecord(state, 'count'), 'count', 'count');
  }
}

export const countAggregator: AggregatorImpl = {
  spec: {
    kind: 'aggregator',
    namespace: '',
    name: 'count',
    description: 'Returns the number of events in the window (or since the start).',
    parameters: [{ ...argParameter(ALL_TYPES, 'Ignored: every event counts, whatever the value.'), optional: true }],
    signatures: [[], ['arg']],
    returns: { type: ['long'], description: 'The number of events.' },
    returnTypeOf: () => 'long',
    validate: (argTypes) =>
      argTypes.length > 1
        ? `count() aggregator takes at most 1 argument, but ${argTypes.length} were given`
        : undefined,
    examples: [
      {
        syntax: 'from fooStream#window.timeBatch(10 sec) select count() as count insert into barStream;',
        description: 'The number of events in each 10 seconds.',
      },
    ],
  },
  create() {
    return () => new Count();
  },
};
