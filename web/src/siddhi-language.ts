/** SiddhiQL highlighting: a StreamLanguage tokenizer for keywords, types, strings, numbers, annotations and comments. */
import { StreamLanguage, type StreamParser } from '@codemirror/language';

export const KEYWORDS = [
  'define',
  'stream',
  'table',
  'window',
  'trigger',
  'aggregation',
  'function',
  'from',
  'select',
  'insert',
  'into',
  'as',
  'group',
  'by',
  'having',
  'order',
  'asc',
  'desc',
  'limit',
  'offset',
  'output',
  'every',
  'events',
  'all',
  'first',
  'last',
  'snapshot',
  'join',
  'left',
  'right',
  'full',
  'outer',
  'inner',
  'unidirectional',
  'on',
  'within',
  'per',
  'partition',
  'with',
  'begin',
  'end',
  'delete',
  'update',
  'set',
  'or',
  'return',
  'and',
  'not',
  'is',
  'null',
  'in',
  'for',
  'current',
  'expired',
  'raw',
  'at',
  'aggregate',
  'of',
  'true',
  'false',
  'sec',
  'second',
  'seconds',
  'min',
  'minute',
  'minutes',
  'hour',
  'hours',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
  'millisec',
  'millisecond',
  'milliseconds',
  'ms',
  'range',
  'distinct',
];
export const TYPES = ['string', 'int', 'long', 'float', 'double', 'bool', 'object'];

const keywordSet = new Set(KEYWORDS);
const typeSet = new Set(TYPES);

interface State {
  inComment: boolean;
}

const parser: StreamParser<State> = {
  name: 'siddhiql',
  startState: () => ({ inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo('*/')) {
        stream.next();
        stream.next();
        state.inComment = false;
      } else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('--') || stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('/*')) {
      state.inComment = true;
      return 'comment';
    }
    const ch = stream.peek();
    if (ch === "'" || ch === '"') {
      const quote = stream.next();
      if (stream.match(`${quote}${quote}`)) {
        // a triple-quoted string may span lines; this tokenizer keeps it simple and ends at the line's end
        if (!stream.skipTo(`${quote}${quote}${quote}`)) stream.skipToEnd();
        else stream.match(`${quote}${quote}${quote}`);
        return 'string';
      }
      let escaped = false;
      let c: string | void;
      while ((c = stream.next()) !== undefined) {
        if (c === quote && !escaped) break;
        escaped = !escaped && c === '\\';
      }
      return 'string';
    }
    if (stream.match(/^@[\w:.]+/)) return 'meta';
    if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?[lLfFdD]?/)) return 'number';
    if (stream.match(/^[A-Za-z_][\w]*/)) {
      const word = stream.current().toLowerCase();
      if (typeSet.has(word)) return 'typeName';
      if (keywordSet.has(word)) return 'keyword';
      return stream.peek() === '(' ? 'function' : 'variableName';
    }
    if (stream.match(/^[#:]/)) return 'punctuation';
    stream.next();
    return 'operator';
  },
  languageData: { commentTokens: { line: '--', block: { open: '/*', close: '*/' } } },
};

export const siddhiLanguage = StreamLanguage.define(parser);
