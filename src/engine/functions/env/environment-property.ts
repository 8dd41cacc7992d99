/**
 * `env:getEnvironmentProperty(key[, default.value])`: siddhi-execution-env reads it with Java's
 * `System.getProperty(key, default)`, the JVM's system properties (`-Dkey=value`, `os.name`, ...). A Node
 * process has none: the manager's `variables` stand for the `-D` properties (they already feed `${NAME}`
 * in app text, which Siddhi reads from the same system properties), and the standard properties that
 * describe the machine and the user are answered from Node.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { DEFAULT_PARAMETER, KEY_PARAMETER, envErrors } from './env-support.js';
import { STANDARD_PROPERTY_NAMES, standardProperty } from './standard-properties.js';

const error = envErrors('GetEnvironmentPropertyFunction');

const base = {
  kind: 'function',
  namespace: 'env',
  name: 'getEnvironmentProperty',
  description:
    "Reads a property of the runtime, as Siddhi reads a Java system property. A key set in the SiddhiManager's " +
    '`variables` option (the values `${NAME}` in app text also reads) gives that value; otherwise these standard ' +
    `keys are answered from the machine: ${STANDARD_PROPERTY_NAMES.map((n) => `\`${n}\``).join(', ')} ` +
    '(`os.name` is "Linux", "Mac OS X" or "Windows"; `os.arch` is named as Java names it, e.g. "amd64" or "aarch64"; ' +
    '`user.dir` is the working directory). Keys of the JVM itself (`java.version`, ...) are not set. ' +
    'A null or empty key is an error for the event, as in Siddhi.',
  parameters: [KEY_PARAMETER, DEFAULT_PARAMETER],
  returns: { type: ['string'], description: 'The value of the property, else the default, else null.' },
  examples: [
    {
      syntax:
        'define stream KeyStream (key string);\n\n' +
        "from KeyStream\nselect env:getEnvironmentProperty(key, 'unset') as value\ninsert into ValueStream;",
      description:
        'For each key, the value of that property, or "unset" when it has none: the key "os.name" gives "Linux" on a Linux machine.',
    },
    {
      syntax: "env:getEnvironmentProperty('deployment.region')",
      description:
        "With `new SiddhiManager({ variables: { 'deployment.region': 'eu-west' } })`, gives \"eu-west\"; without it, null.",
    },
  ],
} as const satisfies ExtensionSpec;

/** Java's `System.getProperty` argument check, as the message it throws. */
function checkKey(key: string): string {
  if (key === '') throw error("key can't be empty");
  return key;
}

export const getEnvironmentProperty: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const variables = ctx.variables ?? {};
    const lookup = (key: string): string | null => {
      if (Object.hasOwn(variables, key)) return variables[key] ?? null;
      return standardProperty(key) ?? null;
    };
    if (ctx.argTypes.length === 1) {
      return (key) => {
        if (key === null || key === undefined) {
          throw error('Input to the getEnvironmentProperty() function cannot be null');
        }
        if (typeof key !== 'string') throw error('Input to the getEnvironmentProperty() function must be a String');
        return lookup(checkKey(key));
      };
    }
    return (key, defaultValue) => {
      if (key === null || key === undefined) throw error("key can't be null");
      if (typeof key !== 'string') throw error('The key given to getEnvironmentProperty() must be a String');
      const value = lookup(checkKey(key));
      if (value !== null) return value;
      return defaultValue === undefined ? null : defaultValue;
    };
  },
};
