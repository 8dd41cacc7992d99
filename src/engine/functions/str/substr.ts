import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { javaRegex } from '../shared/java-regex.js';
import { validateWith } from '../shared/overloads.js';
import { regexConstantCheck } from './regexp.js';

const error = errorsFor('io.siddhi.extension.execution.string.SubstrFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'substr',
  description:
    'Takes part of a string: from a begin index (to the end, or for a length), or the first match of a Java regular ' +
    'expression (the whole match, or one of its groups). No match gives an empty string.',
  parameters: [
    { name: 'input.string', type: ['string'], description: 'The string to take from.' },
    { name: 'begin.index', type: ['int'], description: 'The 0-based index where the part starts.' },
    { name: 'length', type: ['int'], description: 'The number of UTF-16 units to take.' },
    { name: 'regex', type: ['string'], description: 'A Java regular expression to find.' },
    { name: 'group.number', type: ['int'], description: 'The group of the first match to return.' },
  ],
  signatures: [
    ['input.string', 'begin.index'],
    ['input.string', 'begin.index', 'length'],
    ['input.string', 'regex'],
    ['input.string', 'regex', 'group.number'],
  ],
  returns: { type: ['string'], description: 'The part of the string.' },
  examples: [
    { syntax: 'str:substr("AbCDefghiJ KLMN", 4)', description: 'Gives "efghiJ KLMN".' },
    { syntax: 'str:substr("AbCDefghiJ KLMN", 2, 4)', description: 'Gives "CDef".' },
    { syntax: "str:substr('This is a 1234', '[0-9]+')", description: 'Gives "1234".' },
    { syntax: "str:substr('This is a 1234', '([a-z]+) ([0-9]+)', 2)", description: 'Gives "1234".' },
  ],
} as const satisfies ExtensionSpec;

function outOfRange(begin: number, end: number, length: number): Error {
  return error(`begin ${begin}, end ${end}, length ${length}`);
}

export const substr: FunctionImpl = {
  spec: { ...base, validate: validateWith(base, regexConstantCheck(1, 'str:substr')) },
  create: (ctx) => {
    const byRegex = ctx.argTypes[1] === 'string';
    const arity = ctx.argTypes.length;
    return (...args) => {
      const [input, second, third] = args;
      if (input === null || second === null) {
        throw error(
          `Invalid input given to str:substr() function. ${input === null ? 'First' : 'Second'} argument cannot be null`,
        );
      }
      if (arity === 3 && third === null) {
        throw error('Invalid input given to str:substr() function. Third argument cannot be null');
      }
      const s = String(input);
      if (byRegex) {
        let re: RegExp;
        try {
          re = javaRegex(String(second));
        } catch (e) {
          throw error((e as Error).message, e);
        }
        const m = re.exec(s);
        if (m === null) return '';
        const group = arity === 3 ? Number(third) : 0;
        if (group < 0 || group >= m.length) throw error(`No group ${group}`);
        return m[group] ?? null;
      }
      const begin = Number(second);
      if (arity === 2) {
        if (begin < 0 || begin > s.length) throw outOfRange(begin, s.length, s.length);
        return s.slice(begin);
      }
      const end = begin + Number(third);
      if (begin < 0 || end > s.length || begin > end) throw outOfRange(begin, end, s.length);
      return s.slice(begin, end);
    };
  },
};
