/**
 * `convert(value, 'type')`: converts between SiddhiQL types as Siddhi does: numbers narrow as Java casts
 * (`convert(45.9, 'int')` is 45), text parses as Java's parseXxx (unparsable text gives null), bools become
 * 1/0 and numbers become true only when equal to 1, and anything becomes text as Java prints it
 * (`convert(2.0f, 'string')` is "2.0"). Null gives null. An object converts only to string.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { javaDoubleToString, javaFloatToString, javaValueToString } from '../shared/java-format.js';
import { validateWith } from '../shared/overloads.js';
import {
  doubleToInt,
  doubleToLong,
  longToInt,
  parseJavaBoolean,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInt,
  parseJavaLong,
} from './java-numbers.js';
import { ALL_TYPES } from './spec-parts.js';
import { TYPE_NAME_LIST, typeNamed } from './type-names.js';

type Converter = (v: unknown) => unknown;

/** Java's `toString()` of a value whose static type is `type`. */
function textOf(v: unknown, type: AttributeType): string {
  if (typeof v === 'number') {
    if (type === 'float') return javaFloatToString(v);
    if (type === 'double') return javaDoubleToString(v);
    return Number.isInteger(v) ? String(v) : javaDoubleToString(v);
  }
  if (v instanceof Error) return `message : ${v.message}\n cause :${v.cause === undefined ? 'null' : String(v.cause)}`;
  if (v instanceof Set) return `[${[...v].map((e) => textOf(e, 'object')).join(', ')}]`;
  return javaValueToString(v, type);
}

function toStringConverter(input: AttributeType): Converter {
  return (v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : textOf(v, input));
}

function toIntConverter(input: AttributeType): Converter {
  return (v) => {
    if (typeof v === 'number') {
      if (input === 'int') return v;
      if (input === 'long') return Number.isInteger(v) ? longToInt(v) : doubleToInt(v);
      return doubleToInt(input === 'float' ? Math.fround(v) : v);
    }
    if (typeof v === 'string') return parseJavaInt(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    return null;
  };
}

function toLongConverter(input: AttributeType): Converter {
  return (v) => {
    if (typeof v === 'number') {
      if (input === 'int' || input === 'long') return v;
      return doubleToLong(input === 'float' ? Math.fround(v) : v);
    }
    if (typeof v === 'string') return parseJavaLong(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    return null;
  };
}

function toFloatConverter(): Converter {
  return (v) => {
    if (typeof v === 'number') return Math.fround(v);
    if (typeof v === 'string') return parseJavaFloat(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    return null;
  };
}

function toDoubleConverter(input: AttributeType): Converter {
  return (v) => {
    if (typeof v === 'number') return input === 'float' ? Math.fround(v) : v;
    if (typeof v === 'string') return parseJavaDouble(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    return null;
  };
}

function toBoolConverter(input: AttributeType): Converter {
  return (v) => {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return (input === 'float' ? Math.fround(v) : v) === 1;
    if (typeof v === 'string') return parseJavaBoolean(v);
    return null;
  };
}

/** The conversion from `input` to `target`, run per event. */
export function converter(input: AttributeType, target: AttributeType): Converter {
  switch (target) {
    case 'string':
      return toStringConverter(input);
    case 'int':
      return toIntConverter(input);
    case 'long':
      return toLongConverter(input);
    case 'float':
      return toFloatConverter();
    case 'double':
      return toDoubleConverter(input);
    case 'bool':
      return toBoolConverter(input);
    default:
      return () => null;
  }
}

const base: ExtensionSpec = {
  kind: 'function',
  namespace: '',
  name: 'convert',
  description: 'Converts the value to the type named by the second argument.',
  parameters: [
    { name: 'to.be.converted', type: ALL_TYPES, description: 'The value to be converted.' },
    {
      name: 'converted.to',
      type: ['string'],
      constantOnly: true,
      description: `A string constant naming the type: one of ${TYPE_NAME_LIST}.`,
    },
  ],
  returns: {
    type: ['int', 'long', 'double', 'float', 'string', 'bool'],
    description: 'The value converted to the named type.',
  },
  examples: [
    {
      syntax: "from fooStream select convert(temp, 'double') as temp insert into barStream;",
      description: 'Converts temp to a double.',
    },
    {
      syntax: "from fooStream select convert(45.9, 'int') as temp insert into barStream;",
      description: 'Converts 45.9 to the int 45.',
    },
  ],
};

export const convertFunction: FunctionImpl = {
  spec: {
    ...base,
    returnTypeOf: (_argTypes, constants) => typeNamed(constants[1]) ?? 'object',
    validate: validateWith(base, (argTypes, constants) => {
      const target = typeNamed(constants[1]);
      if (target === undefined) {
        return `convert() needs a type name of ${TYPE_NAME_LIST} as its second argument, but found '${String(constants[1])}'`;
      }
      if (argTypes[0] === 'object' && target !== 'string') {
        return `convert() can turn an object only into a string, not into ${target}`;
      }
      return undefined;
    }),
  },
  create(ctx) {
    return converter(ctx.argTypes[0] ?? 'object', typeNamed(ctx.constants[1]) ?? 'string');
  },
};
