import type { AggregatorImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { LIST_COLLECTION, collectingState, type CollectionStep } from '../shared/collecting-aggregator.js';
import { validateWith } from '../shared/overloads.js';
import { ANY_TYPES, contains, listErrors, removeFirst, requireFlag } from './list-support.js';

const error = listErrors('CollectAggregateFunction');

const base = {
  kind: 'aggregator',
  namespace: 'list',
  name: 'collect',
  description:
    'Collects the values of the events in the window (or since the last reset) into a list, in arrival order; ' +
    'an expired event takes out the first element equal to its value. With is.distinct true, a value equal to ' +
    'one collected already is not added again.',
  parameters: [
    { name: 'value', type: ANY_TYPES, description: 'The value to collect.' },
    {
      name: 'is.distinct',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'true to skip values equal to one in the list.',
    },
  ],
  returns: { type: ['object'], description: 'A new list (a copy) of the values collected so far; empty when none.' },
  examples: [
    {
      syntax:
        'from StockStream#window.lengthBatch(10)\nselect list:collect(symbol) as stockSymbols\ninsert into OutputStream;',
      description: 'For each ten events, the list of their symbols.',
    },
  ],
} as const satisfies ExtensionSpec;

export const collect: AggregatorImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const withFlag = ctx.argTypes.length === 2;
    const add: CollectionStep<unknown[]> = (values, value, isDistinct) => {
      const v = value ?? null;
      if (!withFlag || !requireFlag(isDistinct, error, 'collect') || !contains(values, v)) values.push(v);
    };
    const remove: CollectionStep<unknown[]> = (values, value) => removeFirst(values, value ?? null);
    return () => collectingState(LIST_COLLECTION, add, remove);
  },
};
