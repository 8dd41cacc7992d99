/** `createSet(value)` makes a one-element Set; `sizeOfSet(set)` counts its elements (null counts as empty). */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const SET_ELEMENT_TYPES: readonly AttributeType[] = ['int', 'long', 'double', 'float', 'string', 'bool'];

const createSetBase: ExtensionSpec = {
  kind: 'function',
  namespace: '',
  name: 'createSet',
  description: 'Returns a new set holding the given value.',
  parameters: [{ name: 'input', type: SET_ELEMENT_TYPES, description: 'The value to put into the set.' }],
  returns: { type: ['object'], description: 'A Set holding the value.' },
  examples: [
    {
      syntax: 'from stockStream select createSet(symbol) as initialSet insert into initStream;',
      description: 'A one-symbol set per event, for unionSet.',
    },
  ],
};

export const createSetFunction: FunctionImpl = {
  spec: { ...createSetBase, returnTypeOf: () => 'object', validate: validateWith(createSetBase) },
  create() {
    return (v: unknown) => new Set([v === undefined ? null : v]);
  },
};

const sizeOfSetBase: ExtensionSpec = {
  kind: 'function',
  namespace: '',
  name: 'sizeOfSet',
  description: 'Returns the number of elements of a set.',
  parameters: [{ name: 'set', type: ['object'], description: 'The set (from createSet or unionSet).' }],
  returns: { type: ['int'], description: 'The size of the set; 0 for null.' },
  examples: [
    {
      syntax:
        'from initStream#window.timeBatch(10 sec) select sizeOfSet(unionSet(initialSet)) as distinctSymbols insert into distinctStockStream;',
      description: 'The number of distinct symbols in each 10 seconds.',
    },
  ],
};

const fail = errorsFor('io.siddhi.core.executor.function.SizeOfSetFunctionExecutor');

export const sizeOfSetFunction: FunctionImpl = {
  spec: { ...sizeOfSetBase, returnTypeOf: () => 'int', validate: validateWith(sizeOfSetBase) },
  create() {
    return (v: unknown) => {
      if (v === null || v === undefined) return 0;
      if (v instanceof Set) return v.size;
      throw fail(`Input to sizeOfSet() function should be a set, but found ${typeof v}`);
    };
  },
};
