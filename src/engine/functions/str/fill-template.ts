import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { javaSplit } from '../shared/java-regex.js';
import { javaValueToString } from '../shared/java-format.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.FillTemplateFunctionExtension');
const PLACEHOLDER = '\\{\\{|}}';

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'fillTemplate',
  description:
    'Fills the `{{...}}` placeholders of a template: `{{1}}`, `{{2}}`... take the following arguments by position; ' +
    'with a map argument, `{{key}}` takes the value of that key. A null value leaves the placeholder text in place.',
  parameters: [
    { name: 'template', type: ['string'], description: 'The template with `{{n}}` or `{{key}}` placeholders.' },
    {
      name: 'replacement.type',
      type: ['string', 'int', 'long', 'double', 'float', 'bool'],
      repeat: true,
      optional: true,
      description: 'Values for `{{1}}`, `{{2}}`, ... in order.',
    },
    { name: 'map', type: ['object'], optional: true, description: 'A map whose keys name the placeholders.' },
  ],
  signatures: [
    ['template', 'replacement.type'],
    ['template', 'map'],
  ],
  returns: { type: ['string'], description: 'The filled template.' },
  examples: [
    {
      syntax: 'str:fillTemplate("{{1}} sold {{2}} units", symbol, volume)',
      description: 'With symbol "WSO2" and volume 100, gives "WSO2 sold 100 units".',
    },
    {
      syntax: "str:fillTemplate(\"{{symbol}} sold {{volume}} units\", map:create('symbol', symbol, 'volume', volume))",
      description: 'Fills the placeholders from a map by key.',
    },
  ],
} as const satisfies ExtensionSpec;

function mapGet(map: unknown, key: string): unknown {
  if (map instanceof Map) return map.get(key);
  if (typeof map === 'object' && map !== null) return (map as Record<string, unknown>)[key];
  return undefined;
}

export const fillTemplate: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const types = ctx.argTypes;
    const constant = ctx.constants[0];
    const fixedParts = typeof constant === 'string' ? javaSplit(constant, PLACEHOLDER) : undefined;
    const byMap = types[1] === 'object';
    return (...args) => {
      const template = args[0];
      if (template === null || template === undefined) {
        throw error('Invalid input given to str:fillTemplate() function. The template cannot be null');
      }
      const parts = (fixedParts ?? javaSplit(String(template), PLACEHOLDER)).slice();
      if (byMap || args[1] instanceof Map) {
        for (let i = 1; i < parts.length; i += 2) {
          const v = mapGet(args[1], (parts[i] as string).trim());
          if (v !== null && v !== undefined) parts[i] = javaValueToString(v);
        }
      } else {
        for (let i = 1; i < parts.length; i += 2) {
          const text = (parts[i] as string).trim();
          const index = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
          if (Number.isNaN(index)) throw error(`For input string: "${text}"`);
          if (index < 0 || index >= args.length) {
            throw error(`Index ${index} out of bounds for length ${args.length}`);
          }
          const v = args[index];
          if (v !== null && v !== undefined) parts[i] = javaValueToString(v, types[index]);
        }
      }
      return parts.join('');
    };
  },
};
