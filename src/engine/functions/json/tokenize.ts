import type { StreamFunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { AttributeType } from '../../../lang/ast.js';
import { validateWith } from '../shared/overloads.js';
import { STRING_OR_OBJECT } from '../shared/types.js';
import { documentOf, gsonToJson, jsonErrors, readPath } from './json-support.js';

function make(name: 'tokenize' | 'tokenizeAsObject', javaClass: string, asObject: boolean): StreamFunctionImpl {
  const error = jsonErrors(javaClass);
  const type: AttributeType = asObject ? 'object' : 'string';
  const base = {
    kind: 'streamFunction',
    namespace: 'json',
    name,
    description:
      'Reads a JSONPath in a JSON document and sends one event per element when it selects a list (an array, or the ' +
      'matches of `..` or a filter), or one event for an object or a text value, carrying the element in `jsonElement`' +
      (asObject ? ' as an object.' : ' as JSON text (text values as they are).') +
      ' Other values (numbers, booleans) send nothing. With fail.on.missing.attribute false, a path that selects nothing sends one event with null.',
    parameters: [
      { name: 'json', type: STRING_OR_OBJECT, description: 'The JSON document, as text or as an object.' },
      { name: 'path', type: ['string'], description: 'The JSONPath of the elements.' },
      {
        name: 'fail.on.missing.attribute',
        type: ['bool'],
        optional: true,
        constantOnly: true,
        defaultValue: 'true',
        description: 'false to send an event with a null element when the path selects nothing.',
      },
    ],
    appendedAttributes: [{ name: 'jsonElement', type, description: 'One selected element.' }],
    examples: [
      {
        syntax: `from InputStream#json:${name}(json, '$.name') select jsonElement insert into OutputStream;`,
        description: 'For {"name": ["John", "Peter"]} sends two events, one per name.',
      },
    ],
  } as const satisfies ExtensionSpec;
  return {
    spec: { ...base, validate: validateWith(base) },
    create: (ctx) => {
      const failOnMissing = ctx.constants[2] !== false;
      const out = (v: unknown): unknown => (asObject ? v : gsonToJson(v));
      return (args, emit) => {
        const doc = documentOf(args[0], error);
        const read = readPath(doc, String(args[1]));
        const value = read.found ? read.value : null;
        if (Array.isArray(value)) {
          if (value.length === 0 && !failOnMissing) emit([null]);
          else for (const element of value) emit([out(element)]);
        } else if (value !== null && typeof value === 'object') {
          emit([out(value)]);
        } else if (typeof value === 'string' || value === null) {
          if (!failOnMissing || value !== null) emit([value]);
        }
      };
    },
  };
}

export const tokenize = make('tokenize', 'JsonTokenizerStreamProcessorFunction', false);
export const tokenizeAsObject = make('tokenizeAsObject', 'JsonTokenizerAsObjectStreamProcessorFunction', true);
