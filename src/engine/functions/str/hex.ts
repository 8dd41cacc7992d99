import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const hexError = errorsFor('io.siddhi.extension.execution.string.HexFunctionExtension');
const unhexError = errorsFor('io.siddhi.extension.execution.string.UnhexFunctionExtension');

const hexBase = {
  kind: 'function',
  namespace: 'str',
  name: 'hex',
  description: 'Writes each UTF-16 unit of a string as hexadecimal digits (without leading zeros) and joins them.',
  parameters: [{ name: 'input.string', type: ['string'], description: 'The string to encode.' }],
  returns: { type: ['string'], description: 'The hexadecimal text.' },
  examples: [{ syntax: 'str:hex("MySQL")', description: 'Gives "4d7953514c".' }],
} as const satisfies ExtensionSpec;

const unhexBase = {
  kind: 'function',
  namespace: 'str',
  name: 'unhex',
  description: 'Reads a string of two-digit hexadecimal codes and gives the characters they stand for.',
  parameters: [
    { name: 'input.string', type: ['string'], description: 'Hexadecimal text with an even number of digits.' },
  ],
  returns: { type: ['string'], description: 'The decoded string.' },
  examples: [{ syntax: 'str:unhex("4d7953514c")', description: 'Gives "MySQL".' }],
} as const satisfies ExtensionSpec;

export const hex: FunctionImpl = {
  spec: { ...hexBase, validate: validateWith(hexBase) },
  create: () => (input) => {
    if (input === null) throw hexError('Input to the str:hex() function cannot be null');
    const s = String(input);
    let out = '';
    for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16);
    return out;
  },
};

export const unhex: FunctionImpl = {
  spec: { ...unhexBase, validate: validateWith(unhexBase) },
  create: () => (input) => {
    if (input === null) throw unhexError('Input to the math:unhex() function cannot be null');
    const s = String(input);
    let out = '';
    for (let i = 0; i < s.length; i += 2) {
      if (i + 2 > s.length) throw unhexError(`begin ${i}, end ${i + 2}, length ${s.length}`);
      const pair = s.slice(i, i + 2);
      if (!/^[+-]?[0-9a-fA-F]+$/.test(pair)) throw unhexError(`For input string: "${pair}"`);
      const code = parseInt(pair, 16);
      if (code < 0) throw unhexError(`Not a valid Unicode code point: 0x${(code >>> 0).toString(16).toUpperCase()}`);
      out += String.fromCharCode(code);
    }
    return out;
  },
};
