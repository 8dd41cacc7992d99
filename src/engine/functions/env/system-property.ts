/**
 * `env:getSystemProperty(key[, default.value])`: despite its name, siddhi-execution-env reads it with
 * Java's `System.getenv(key)`, the process's environment variables; here `process.env`.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { DEFAULT_PARAMETER, KEY_PARAMETER, envErrors } from './env-support.js';

const error = envErrors('GetSystemPropertyFunction');

const base = {
  kind: 'function',
  namespace: 'env',
  name: 'getSystemProperty',
  description:
    "Reads an environment variable of the Tributary process (Siddhi reads the JVM's environment with `System.getenv`: " +
    'the name says system property, the value is an environment variable). A null key is an error for the event.',
  parameters: [
    { ...KEY_PARAMETER, description: 'The name of the environment variable, e.g. `HOME`.' },
    { ...DEFAULT_PARAMETER, description: 'What to give when the variable is not set.' },
  ],
  returns: { type: ['string'], description: 'The value of the variable, else the default, else null.' },
  examples: [
    {
      syntax:
        'define stream KeyStream (key string);\n\n' +
        'from KeyStream\nselect key, env:getSystemProperty(key) as value\ninsert into ValueStream;',
      description: 'For the key "HOME", the home directory the process was started with; null for an unset variable.',
    },
    {
      syntax: "env:getSystemProperty('REGION', 'local')",
      description: 'The REGION environment variable, or "local" when it is not set.',
    },
  ],
} as const satisfies ExtensionSpec;

function environmentVariable(name: string): string | null {
  const value = process.env[name];
  return typeof value === 'string' ? value : null;
}

export const getSystemProperty: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    if (ctx.argTypes.length === 1) {
      return (key) => {
        if (key === null || key === undefined) throw error('Input to the getSystemProperty() function cannot be null');
        if (typeof key !== 'string') throw error('Input to the getSystemProperty() function must be a String');
        return environmentVariable(key);
      };
    }
    return (key, defaultValue) => {
      // Siddhi fails here with Java's NullPointerException.
      if (key === null || key === undefined) throw error('env:getSystemProperty() was given a null key');
      if (typeof key !== 'string') throw error('The key given to getSystemProperty() must be a String');
      const value = environmentVariable(key);
      if (value !== null) return value;
      return defaultValue === undefined ? null : defaultValue;
    };
  },
};
