/**
 * `instanceOfBoolean/Double/Float/Integer/Long/String(arg)`: whether the value is of that Java class.
 * A JS number does not carry its class, so the argument's static type decides among int, long, float and
 * double, unless the value contradicts it: a fraction in an int or long attribute is a Double, and a number
 * in a string, bool or object attribute is an Integer (or a Long beyond the int range) when whole, else a Double.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { ALL_TYPES } from './spec-parts.js';

type JavaClass = 'Boolean' | 'Double' | 'Float' | 'Integer' | 'Long' | 'String';

/** The Java class of a number whose static type is `type`. */
function numberClass(v: number, type: AttributeType): JavaClass {
  switch (type) {
    case 'int':
      return Number.isInteger(v) ? 'Integer' : 'Double';
    case 'long':
      return Number.isInteger(v) ? 'Long' : 'Double';
    case 'float':
      return 'Float';
    case 'double':
      return 'Double';
    default:
      if (!Number.isInteger(v)) return 'Double';
      return v >= -2147483648 && v <= 2147483647 ? 'Integer' : 'Long';
  }
}

function tester(cls: JavaClass, type: AttributeType): (v: unknown) => boolean {
  switch (cls) {
    case 'Boolean':
      return (v) => typeof v === 'boolean';
    case 'String':
      return (v) => typeof v === 'string';
    default:
      return (v) => typeof v === 'number' && numberClass(v, type) === cls;
  }
}

function instanceOf(name: string, cls: JavaClass): FunctionImpl {
  const base: ExtensionSpec = {
    kind: 'function',
    namespace: '',
    name,
    description: `Checks whether the value is an instance of ${cls}.`,
    parameters: [{ name: 'arg', type: ALL_TYPES, description: 'The value to be checked.' }],
    returns: { type: ['bool'], description: `true if and only if the value is a ${cls}.` },
    examples: [
      {
        syntax: `from fooStream select ${name}(value) as valid insert into barStream;`,
        description: `Whether value is a ${cls}.`,
      },
    ],
  };
  return {
    spec: { ...base, returnTypeOf: () => 'bool', validate: validateWith(base) },
    create(ctx) {
      return tester(cls, ctx.argTypes[0] ?? 'object');
    },
  };
}

export const instanceOfBooleanFunction = instanceOf('instanceOfBoolean', 'Boolean');
export const instanceOfDoubleFunction = instanceOf('instanceOfDouble', 'Double');
export const instanceOfFloatFunction = instanceOf('instanceOfFloat', 'Float');
export const instanceOfIntegerFunction = instanceOf('instanceOfInteger', 'Integer');
export const instanceOfLongFunction = instanceOf('instanceOfLong', 'Long');
export const instanceOfStringFunction = instanceOf('instanceOfString', 'String');
