/**
 * `env:getYAMLProperty(key[, data.type[, default.value]])`: in WSO2 SI, a property of this extension's
 * entry in deployment.yaml (`siddhi.extensions`, name getYAMLProperty, namespace env), read through
 * Siddhi's ConfigReader. Here: the manager's `extensionProperties['env:getYAMLProperty']`, which the
 * server and `--config` fill from the same YAML. Values are text; `data.type` converts them as Java's
 * `Integer.parseInt`, `Long.parseLong`, `Float.parseFloat`, `Double.parseDouble` and `Boolean.parseBoolean` do.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import {
  parseJavaBoolean,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInt,
  parseJavaLong,
} from '../core/java-numbers.js';
import { validateWith } from '../shared/overloads.js';
import { KEY_PARAMETER, envErrors } from './env-support.js';

const error = envErrors('GetYAMLPropertyFunction');

const TYPES: readonly AttributeType[] = ['int', 'long', 'float', 'double', 'string', 'bool'];

/** The type `data.type` names (any case), or undefined. */
function namedType(value: unknown): AttributeType | undefined {
  if (value === null || value === undefined) return undefined;
  const name = String(value).toLowerCase();
  return TYPES.find((t) => t === name);
}

const base = {
  kind: 'function',
  namespace: 'env',
  name: 'getYAMLProperty',
  description:
    "Reads a property configured for this function: the entry `env:getYAMLProperty` of the SiddhiManager's " +
    '`extensionProperties` option, which the server and `tributary run --config FILE` fill from the config file, in the ' +
    "form WSO2 SI's deployment.yaml gives it:\n\n" +
    '```yaml\nsiddhi:\n  extensions:\n    - extension:\n        name: getYAMLProperty\n        namespace: env\n' +
    '        properties:\n          region: eu-west\n          batch.size: 250\n```\n\n' +
    'Properties are text; with a `data.type` the text is read as that type (Java parsing: `99.5f` is a float, ' +
    '`TRUE` a true bool, anything else a false one). Text that is not a number of the asked type is an error for the event. ' +
    'A key that is not configured gives the default (or null). With one argument, a null key is an error for the event; ' +
    'with more, it reads as a key that is not configured.',
  parameters: [
    KEY_PARAMETER,
    {
      name: 'data.type',
      type: ['string'],
      optional: true,
      defaultValue: 'string',
      constantOnly: true,
      description: 'The type to read the property as, in any case: int, long, float, double, string or bool.',
    },
    {
      name: 'default.value',
      type: TYPES,
      optional: true,
      defaultValue: 'null',
      description: 'What to give when the property is not configured; its type must be `data.type`.',
    },
  ],
  returns: {
    type: TYPES,
    description: 'The property as `data.type` (string when it is left off), the default, or null.',
  },
  examples: [
    {
      syntax:
        'define stream KeyStream (key string);\n\n' +
        'from KeyStream\nselect env:getYAMLProperty(key) as value\ninsert into ValueStream;',
      description: 'With the configuration above, the key "region" gives "eu-west" and an unknown key null.',
    },
    {
      syntax: "env:getYAMLProperty('batch.size', 'int', 100)",
      description: 'Gives the int 250 with the configuration above, and 100 where batch.size is not configured.',
    },
  ],
  returnTypeOf: (_types, constants) => (constants.length > 1 ? (namedType(constants[1]) ?? 'string') : 'string'),
} as const satisfies ExtensionSpec;

function check(types: readonly AttributeType[], constants: readonly unknown[]): string | undefined {
  if (types.length < 2) return undefined;
  const type = namedType(constants[1]);
  if (type === undefined) {
    return `data.type must be one of ${TYPES.join(', ')}, but found '${String(constants[1])}'`;
  }
  if (types.length === 3 && types[2] !== type) {
    return `default.value must be of the type data.type names (${type}), but found ${types[2]}`;
  }
  return undefined;
}

const MISMATCH = 'The type of property value and parameter dataType does not match';

function converter(type: AttributeType): (text: string) => unknown {
  const strict = (parse: (s: string) => number | null) => (text: string) => {
    const value = parse(text);
    if (value === null) throw error(MISMATCH);
    return value;
  };
  switch (type) {
    case 'int':
      return strict(parseJavaInt);
    case 'long':
      return strict(parseJavaLong);
    case 'float':
      return strict(parseJavaFloat);
    case 'double':
      return strict(parseJavaDouble);
    case 'bool':
      return parseJavaBoolean;
    default:
      return (text) => text;
  }
}

export const getYAMLProperty: FunctionImpl = {
  spec: { ...base, validate: validateWith(base, check) },
  create: (ctx) => {
    const properties = ctx.properties ?? {};
    const read = (key: unknown): string | undefined =>
      typeof key === 'string' && Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (ctx.argTypes.length === 1) {
      return (key) => {
        if (key === null || key === undefined) throw error('Input to the getYAMLProperty function cannot be null');
        return read(key) ?? null;
      };
    }
    const convert = converter(namedType(ctx.constants[1]) ?? 'string');
    const withDefault = ctx.argTypes.length === 3;
    return (key, _type, defaultValue) => {
      const text = read(key);
      if (text !== undefined) return convert(text);
      return withDefault && defaultValue !== undefined ? defaultValue : null;
    };
  },
};
