import type { AggregatorImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { LIST_COLLECTION, collectingState, type CollectionStep } from '../shared/collecting-aggregator.js';
import { validateWith } from '../shared/overloads.js';
import {
  LIST_PARAMETER,
  addDistinct,
  contains,
  filterInPlace,
  listErrors,
  requireFlag,
  requireList,
} from './list-support.js';

const error = listErrors('MergeAggregateFunction');

const base = {
  kind: 'aggregator',
  namespace: 'list',
  name: 'merge',
  description:
    'Merges the lists of the events in the window (or since the last reset) into one list, in arrival order. An ' +
    'expired list takes out every element equal to one of its own, wherever it came from (as Siddhi does). With ' +
    'is.distinct true, an element equal to one in the merged list is not added again.',
  parameters: [
    { ...LIST_PARAMETER, description: 'The list to merge.' },
    {
      name: 'is.distinct',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'true to skip elements equal to one in the merged list.',
    },
  ],
  returns: { type: ['object'], description: 'A new list (a copy) of the merged elements; empty when none.' },
  examples: [
    {
      syntax:
        'from StockStream#window.lengthBatch(2)\nselect list:merge(list) as stockSymbols\ninsert into OutputStream;',
      description: 'For ["IBM"] and ["WSO2", "IBM"] in one batch gives ["IBM", "WSO2", "IBM"].',
    },
  ],
} as const satisfies ExtensionSpec;

export const merge: AggregatorImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    const withFlag = ctx.argTypes.length === 2;
    // Siddhi's two-argument removal names the class of its argument array, not of the value.
    const removeMessage = withFlag
      ? (): string => "First attribute value must be of type java.util.List, but found 'java.lang.Object[]'."
      : undefined;
    const add: CollectionStep<unknown[]> = (values, list, isDistinct) => {
      const given = requireList(list, error, type);
      if (withFlag && requireFlag(isDistinct, error, 'merge')) addDistinct(values, given);
      else for (const v of given) values.push(v);
    };
    const remove: CollectionStep<unknown[]> = (values, list) => {
      const given = requireList(list, error, type, removeMessage);
      filterInPlace(values, (v) => !contains(given, v));
    };
    return () => collectingState(LIST_COLLECTION, add, remove);
  },
};
