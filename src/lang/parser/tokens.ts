/**
 * SiddhiQL tokens and the lexer (Siddhi 5.1's SiddhiQL.g4 lexer rules).
 * Keywords are case-insensitive and every keyword may also be used as a name (the grammar's `name: id | keyword`),
 * so all keyword tokens belong to the `Name` category.
 */
import type { CustomPatternMatcherReturn, ILexingResult, TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotain.js';

/** Any name: an identifier, a back-quoted identifier or a keyword. */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA, label: 'a name' });
/** Time units (`sec`, `minutes`, ...), also names. */
export const TimeUnit = createToken({ name: 'TimeUnit', pattern: Lexer.NA, label: 'a time unit' });
/** Binary operators of expressions (`or`, `and`, `==`, `<`, `+`, `*`, ...). */
export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA, label: 'an operator' });
/** Attribute types (`string`, `int`, ...), also names. */
export const TypeName = createToken({ name: 'TypeName', pattern: Lexer.NA, label: 'an attribute type' });

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\v\f]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const LineComment = createToken({ name: 'LineComment', pattern: /--[^\r\n]*/, group: Lexer.SKIPPED });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*(?:[^*]|\*(?!\/))*(?:\*\/)?/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** A brace-balanced function body; strings, comments and nested braces inside are skipped over. */
function matchScript(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 123 /* { */) return null;
  let depth = 0;
  let i = offset;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return [text.slice(offset, i + 1)];
    } else if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return null;
      i = close;
    } else if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return null;
      i = close + 1;
    }
    i++;
  }
  return null;
}

export const Script = createToken({
  name: 'Script',
  pattern: { exec: matchScript },
  line_breaks: true,
  start_chars_hint: ['{'],
  label: 'a function body { ... }',
});

export const StringLiteral = createToken({
  name: 'StringLiteral',
  // Siddhi: '...' without quotes or control characters, "..." without '"' or control characters, """...""" anything.
  // eslint-disable-next-line no-control-regex -- Siddhi's strings exclude control characters
  pattern: /"""[\s\S]*?"""|'[^'"\u0000-\u001f]*'|"[^"\u0000-\u001f]*"/,
  line_breaks: true,
  label: 'a string',
});

export const FloatLiteral = createToken({
  name: 'FloatLiteral',
  pattern: /(?:\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)[fF]/,
  label: 'a float',
});
export const DoubleLiteral = createToken({
  name: 'DoubleLiteral',
  pattern: /\d+(?:\.\d*)?(?:[eE][-+]?\d+)?[dD]|\d+(?:\.\d*)?[eE][-+]?\d+[dD]?|\d*\.\d+(?:[eE][-+]?\d+)?[dD]?/,
  label: 'a double',
});
export const LongLiteral = createToken({ name: 'LongLiteral', pattern: /\d+[lL]/, label: 'a long' });
export const IntLiteral = createToken({ name: 'IntLiteral', pattern: /\d+/, label: 'an integer' });

export const QuotedIdentifier = createToken({
  name: 'QuotedIdentifier',
  pattern: /`[^`]*`/,
  line_breaks: true,
  categories: [Name],
  label: 'a name',
});
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[a-zA-Z_][a-zA-Z_0-9]*/,
  categories: [Name],
  label: 'a name',
});

/** Keyword spellings: a single word, or a regexp source (case-insensitive) with its label. */
const keywordSpecs: readonly (readonly [string, string, number, TokenType[]?])[] = [
  ['Stream', 'stream', 6],
  ['Define', 'define', 6],
  ['Function', 'function', 8],
  ['Trigger', 'trigger', 7],
  ['Table', 'table', 5],
  ['App', 'app', 3],
  ['From', 'from', 4],
  ['Partition', 'partition', 9],
  ['Window', 'window', 6],
  ['Select', 'select', 6],
  ['Group', 'group', 5],
  ['By', 'by', 2],
  ['Order', 'order', 5],
  ['Limit', 'limit', 5],
  ['Offset', 'offset', 6],
  ['Asc', 'asc', 3],
  ['Desc', 'desc', 4],
  ['Having', 'having', 6],
  ['Insert', 'insert', 6],
  ['Delete', 'delete', 6],
  ['Update', 'update', 6],
  ['Set', 'set', 3],
  ['Return', 'return', 6],
  ['Events', 'events', 6],
  ['Into', 'into', 4],
  ['Output', 'output', 6],
  ['Expired', 'expired', 7],
  ['Current', 'current', 7],
  ['Snapshot', 'snapshot', 8],
  ['For', 'for', 3],
  ['Raw', 'raw', 3],
  ['Of', 'of', 2],
  ['As', 'as', 2],
  ['At', 'at', 2],
  ['Or', 'or', 2, [BinaryOp]],
  ['And', 'and', 3, [BinaryOp]],
  ['In', 'in', 2],
  ['On', 'on', 2],
  ['Is', 'is', 2],
  ['Not', 'not', 3],
  ['Within', 'within', 6],
  ['With', 'with', 4],
  ['Begin', 'begin', 5],
  ['End', 'end', 3],
  ['Null', 'null', 4],
  ['Every', 'every', 5],
  ['Last', 'last', 4],
  ['All', 'all', 3],
  ['First', 'first', 5],
  ['Join', 'join', 4],
  ['Inner', 'inner', 5],
  ['Outer', 'outer', 5],
  ['Right', 'right', 5],
  ['Left', 'left', 4],
  ['Full', 'full', 4],
  ['Unidirectional', 'unidirectional', 14],
  ['Years', 'years?', 5, [TimeUnit]],
  ['Months', 'months?', 6, [TimeUnit]],
  ['Weeks', 'weeks?', 5, [TimeUnit]],
  ['Days', 'days?', 4, [TimeUnit]],
  ['Hours', 'hours?', 5, [TimeUnit]],
  ['Minutes', 'min(?:utes?)?', 7, [TimeUnit]],
  ['Seconds', 'sec(?:onds?)?', 7, [TimeUnit]],
  ['Milliseconds', 'millisec(?:onds?)?', 12, [TimeUnit]],
  ['False', 'false', 5],
  ['True', 'true', 4],
  ['String', 'string', 6, [TypeName]],
  ['Int', 'int', 3, [TypeName]],
  ['Long', 'long', 4, [TypeName]],
  ['Float', 'float', 5, [TypeName]],
  ['Double', 'double', 6, [TypeName]],
  ['Bool', 'bool', 4, [TypeName]],
  ['Object', 'object', 6, [TypeName]],
  ['Aggregation', 'aggregation', 11],
  ['Aggregate', 'aggregate', 9],
  ['Per', 'per', 3],
];

/**
 * Keywords that Siddhi also accepts as names but that start an expression here (`not x`, `true`, `null`):
 * keeping them out of `Name` keeps the grammar LL(k). Attributes cannot be named after them.
 */
const NOT_NAMES = new Set(['Not', 'True', 'False', 'Null']);

/** Keyword tokens by name (`K.Select`, `K.From`, ...). */
export const K: Record<string, TokenType> = {};
const keywordTokens: TokenType[] = [];
for (const [name, source, , categories] of keywordSpecs) {
  const label = /^[a-z]+$/.test(source) ? `'${source}'` : `'${name.toLowerCase()}'`;
  const token = createToken({
    name,
    pattern: new RegExp(source, 'i'),
    longer_alt: Identifier,
    categories: NOT_NAMES.has(name) ? (categories ?? []) : [Name, ...(categories ?? [])],
    label,
  });
  K[name] = token;
  keywordTokens.push(token);
}
// Longer keywords first so that `into` is not read as `int` followed by `o`.
const sortedKeywords = keywordSpecs
  .map((spec, i) => ({ len: spec[2], token: keywordTokens[i]! }))
  .sort((a, b) => b.len - a.len)
  .map((k) => k.token);

function kw(name: string): TokenType {
  const t = K[name];
  if (!t) throw new Error(`unknown keyword ${name}`);
  return t;
}
export const Stream = kw('Stream');
export const Define = kw('Define');
export const FunctionKw = kw('Function');
export const Trigger = kw('Trigger');
export const Table = kw('Table');
export const From = kw('From');
export const Partition = kw('Partition');
export const WindowKw = kw('Window');
export const Select = kw('Select');
export const Group = kw('Group');
export const By = kw('By');
export const Order = kw('Order');
export const Limit = kw('Limit');
export const Offset = kw('Offset');
export const Asc = kw('Asc');
export const Desc = kw('Desc');
export const Having = kw('Having');
export const Insert = kw('Insert');
export const Delete = kw('Delete');
export const Update = kw('Update');
export const SetKw = kw('Set');
export const Return = kw('Return');
export const Events = kw('Events');
export const Into = kw('Into');
export const Output = kw('Output');
export const Expired = kw('Expired');
export const Current = kw('Current');
export const Snapshot = kw('Snapshot');
export const For = kw('For');
export const Of = kw('Of');
export const As = kw('As');
export const At = kw('At');
export const Or = kw('Or');
export const And = kw('And');
export const In = kw('In');
export const On = kw('On');
export const Is = kw('Is');
export const Not = kw('Not');
export const Within = kw('Within');
export const With = kw('With');
export const Begin = kw('Begin');
export const End = kw('End');
export const Null = kw('Null');
export const Every = kw('Every');
export const Last = kw('Last');
export const All = kw('All');
export const First = kw('First');
export const Join = kw('Join');
export const Inner = kw('Inner');
export const Outer = kw('Outer');
export const Right = kw('Right');
export const Left = kw('Left');
export const Full = kw('Full');
export const Unidirectional = kw('Unidirectional');
export const Years = kw('Years');
export const Months = kw('Months');
export const Weeks = kw('Weeks');
export const Days = kw('Days');
export const Hours = kw('Hours');
export const Minutes = kw('Minutes');
export const Seconds = kw('Seconds');
export const Milliseconds = kw('Milliseconds');
export const False = kw('False');
export const True = kw('True');
export const Aggregation = kw('Aggregation');
export const Aggregate = kw('Aggregate');
export const Per = kw('Per');

export const Arrow = createToken({ name: 'Arrow', pattern: /->/, label: "'->'" });
export const TripleDot = createToken({ name: 'TripleDot', pattern: /\.\.\./, label: "'...'" });
export const LtEq = createToken({ name: 'LtEq', pattern: /<=/, categories: [BinaryOp], label: "'<='" });
export const GtEq = createToken({ name: 'GtEq', pattern: />=/, categories: [BinaryOp], label: "'>='" });
export const EqEq = createToken({ name: 'EqEq', pattern: /==/, categories: [BinaryOp], label: "'=='" });
export const NotEq = createToken({ name: 'NotEq', pattern: /!=/, categories: [BinaryOp], label: "'!='" });
export const Lt = createToken({ name: 'Lt', pattern: /</, categories: [BinaryOp], label: "'<'" });
export const Gt = createToken({ name: 'Gt', pattern: />/, categories: [BinaryOp], label: "'>'" });
export const Assign = createToken({ name: 'Assign', pattern: /=/, label: "'='" });
export const Bang = createToken({ name: 'Bang', pattern: /!/, label: "'!'" });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: "':'" });
export const Semi = createToken({ name: 'Semi', pattern: /;/, label: "';'" });
export const Dot = createToken({ name: 'Dot', pattern: /\./, label: "'.'" });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: "')'" });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/, label: "']'" });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });
export const Star = createToken({ name: 'Star', pattern: /\*/, categories: [BinaryOp], label: "'*'" });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, categories: [BinaryOp], label: "'+'" });
export const Question = createToken({ name: 'Question', pattern: /\?/, label: "'?'" });
export const Minus = createToken({ name: 'Minus', pattern: /-/, categories: [BinaryOp], label: "'-'" });
export const Slash = createToken({ name: 'Slash', pattern: /\//, categories: [BinaryOp], label: "'/'" });
export const Percent = createToken({ name: 'Percent', pattern: /%/, categories: [BinaryOp], label: "'%'" });
export const AtSign = createToken({ name: 'AtSign', pattern: /@/, label: "'@'" });
export const Hash = createToken({ name: 'Hash', pattern: /#/, label: "'#'" });

export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  Script,
  StringLiteral,
  FloatLiteral,
  DoubleLiteral,
  LongLiteral,
  IntLiteral,
  ...sortedKeywords,
  QuotedIdentifier,
  Identifier,
  Arrow,
  TripleDot,
  LtEq,
  GtEq,
  EqEq,
  NotEq,
  Lt,
  Gt,
  Assign,
  Bang,
  Colon,
  Semi,
  Dot,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Star,
  Plus,
  Question,
  Minus,
  Slash,
  Percent,
  AtSign,
  Hash,
  Name,
  TimeUnit,
  TypeName,
  BinaryOp,
];

/** The spellings a keyword's source matches: letters, `x?` and `(?:...)?` groups (`min(?:utes?)?`). */
function spellings(source: string): string[] {
  let out = [''];
  for (let i = 0; i < source.length;) {
    let part: string[];
    if (source.startsWith('(?:', i)) {
      let depth = 1;
      let j = i + 3;
      for (; depth > 0; j++) depth += source[j] === '(' ? 1 : source[j] === ')' ? -1 : 0;
      part = spellings(source.slice(i + 3, j - 1));
      i = j;
    } else {
      part = [source[i]!];
      i++;
    }
    if (source[i] === '?') {
      part = ['', ...part];
      i++;
    }
    out = out.flatMap((o) => part.map((p) => o + p));
  }
  return out;
}

/** Keyword token types by lower-case spelling. */
const keywordBySpelling = new Map<string, TokenType>();
keywordSpecs.forEach(([, source], i) => {
  const token = keywordTokens[i]!;
  const whole = new RegExp(`^(?:${source})$`, 'i');
  for (const word of spellings(source)) {
    if (!whole.test(word) || keywordBySpelling.has(word)) throw new Error(`bad keyword spelling ${word}`);
    keywordBySpelling.set(word, token);
  }
});

/**
 * The lexer reads keywords as identifiers (`wordLexer`), then looks each identifier up among the keywords' spellings:
 * the same tokens as trying every keyword pattern with `Identifier` as the longer alternative (a keyword only when it
 * is the whole word), at a fraction of the cost.
 */
const wordLexer = new Lexer(
  allTokens.filter((t) => !keywordTokens.includes(t)),
  { positionTracking: 'full', ensureOptimizations: true },
);

function tokenize(text: string): ILexingResult {
  const result = wordLexer.tokenize(text);
  const tokens = result.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.tokenType !== Identifier) continue;
    const image = token.image;
    const keyword = keywordBySpelling.get(image) ?? keywordBySpelling.get(image.toLowerCase());
    if (keyword !== undefined) {
      token.tokenType = keyword;
      token.tokenTypeIdx = keyword.tokenTypeIdx!;
    }
  }
  return result;
}

/** The one lexer (building it analyses every pattern; it is done once). */
export const siddhiLexer: { tokenize(text: string): ILexingResult } = { tokenize };
