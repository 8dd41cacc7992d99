/**
 * `and(arg)` / `or(arg)` over bools, with removal: they count the true and false values in the window.
 * `and` is true when at least one value is true and none is false; `or` when at least one is true.
 * A reset returns false. Null (and non-bool) values are skipped.
 */
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';
import { asRecord, numberField } from './snapshot-fields.js';
import { argParameter, validateOneArg } from './spec-helpers.js';

class And implements AggregatorState {
  private trues = 0;
  private falses = 0;

  add(v: unknown): unknown {
    if (v === true) this.trues++;
    else if (v === false) this.falses++;
    return this.trues > 0 && this.falses === 0;
  }

  remove(v: unknown): unknown {
    if (v === true) this.trues--;
    else if (v === false) this.falses--;
    return this.trues > 0 && this.falses === 0;
  }

  reset(): unknown {
    this.trues = this.falses = 0;
    return false;
  }

  value(): unknown {
    return this.trues > 0 && this.falses === 0;
  }

  snapshot(): unknown {
    return { trues: this.trues, falses: this.falses };
  }

  restore(state: unknown): void {
    const rec = asRecord(state, 'and');
    this.trues = numberField(rec, 'trues', 'and');
    this.falses = numberField(rec, 'falses', 'and');
  }
}

class Or implements AggregatorState {
  private trues = 0;

  add(v: unknown): unknown {
    if (v === true) this.trues++;
    return this.trues > 0;
  }

  remove(v: unknown): unknown {
    if (v === true) this.trues--;
    return this.trues > 0;
  }

  reset(): unknown {
    this.trues = 0;
    return false;
  }

  value(): unknown {
    return this.trues > 0;
  }

  snapshot(): unknown {
    return { trues: this.trues };
  }

  restore(state: unknown): void {
    this.trues = numberField(asRecord(state, 'or'), 'trues', 'or');
  }
}

export const andAggregator: AggregatorImpl = {
  spec: {
    kind: 'aggregator',
    namespace: '',
    name: 'and',
    description: 'Returns the logical AND of the bool values of the argument over the events in the window.',
    parameters: [argParameter(['bool'], 'The value to be ANDed.')],
    returns: { type: ['bool'], description: 'true when every value is true (and there is at least one).' },
    returnTypeOf: () => 'bool',
    validate: validateOneArg('and', ['bool']),
    examples: [
      {
        syntax:
          'from cscStream#window.lengthBatch(10) select and(isFraud) as isFraudTransaction insert into alertStream;',
        description: 'true when all of each 10 transactions are fraudulent.',
      },
    ],
  },
  create() {
    return () => new And();
  },
};

export const orAggregator: AggregatorImpl = {
  spec: {
    kind: 'aggregator',
    namespace: '',
    name: 'or',
    description: 'Returns the logical OR of the bool values of the argument over the events in the window.',
    parameters: [argParameter(['bool'], 'The value to be ORed.')],
    returns: { type: ['bool'], description: 'true when at least one value is true.' },
    returnTypeOf: () => 'bool',
    validate: validateOneArg('or', ['bool']),
    examples: [
      {
        syntax:
          'from cscStream#window.lengthBatch(10) select or(isFraud) as isFraudTransaction insert into alertStream;',
        description: 'true when any of each 10 transactions is fraudulent.',
      },
    ],
  },
  create() {
    return () => new Or();
  },
};
