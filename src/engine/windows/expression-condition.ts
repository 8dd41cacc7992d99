/**
 * The condition language of `expression(...)` and `expressionBatch(...)` windows: a SiddhiQL
 * expression over the event being looked at (`price`), the oldest event held (`first.price`), the
 * newest (`last.price`), `eventTimestamp(first|last)`, and the aggregates `count()`, `sum(x)`,
 * `avg(x)`, `min(x)`, `max(x)` over the events held. Aggregates follow the frame's kind as
 * Siddhi's do: a CURRENT frame adds the event, an EXPIRED frame removes it, a RESET frame clears.
 *
 * It is a small self-contained parser and evaluator of that subset (the strings can change per
 * event at run time, so they are compiled here, not by the planner): literals, attributes,
 * arithmetic (int/long division truncates), comparisons, `and`/`or`/`not`, `is null`, parentheses.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { StreamEvent } from '../event/stream-event.js';
import { ExtremeTracker } from '../aggregators/extreme-tracker.js';

export const FRAME_CURRENT = 0;
export const FRAME_EXPIRED = 1;
export const FRAME_RESET = 2;

/** What a condition is evaluated on. */
export interface ConditionFrame {
  event: StreamEvent;
  first: StreamEvent;
  last: StreamEvent;
  kind: number;
}

type Eval = (f: ConditionFrame) => unknown;

interface Compiled {
  readonly run: Eval;
  readonly type: AttributeType;
}

export class ConditionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConditionError';
  }
}

// ------------------------------------------------------------------ tokens

type Tok =
  | { k: 'num'; v: number; t: AttributeType }
  | { k: 'str'; v: string }
  | { k: 'id'; v: string }
  | { k: 'op'; v: string }
  | { k: 'end' };

const TOKEN =
  /\s*(?:(\d+\.\d*(?:[eE][+-]?\d+)?[fFdD]?|\.\d+(?:[eE][+-]?\d+)?[fFdD]?|\d+(?:[eE][+-]?\d+)[fFdD]?|\d+[lLfFdD]?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|[-+*/%<>().,]))/y;

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (m === null) throw new ConditionError(`unexpected '${text.slice(pos).trim()[0]}' at position ${pos + 1}`);
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) {
      const raw = m[1];
      const suffix = raw[raw.length - 1]?.toLowerCase();
      const body = /[lfd]$/i.test(raw) ? raw.slice(0, -1) : raw;
      const isFloat = /[.eE]/.test(body);
      const t: AttributeType =
        suffix === 'l' ? 'long' : suffix === 'f' ? 'float' : suffix === 'd' ? 'double' : isFloat ? 'double' : 'int';
      toks.push({ k: 'num', v: Number(body), t });
    } else if (m[2] !== undefined) {
      toks.push({ k: 'str', v: m[2].slice(1, -1).replace(/\\(.)/g, '$1') });
    } else if (m[3] !== undefined) {
      toks.push({ k: 'id', v: m[3] });
    } else {
      toks.push({ k: 'op', v: m[4] as string });
    }
  }
  toks.push({ k: 'end' });
  return toks;
}

// ------------------------------------------------------------------ aggregates

interface Aggregate {
  update(kind: number, value: unknown): unknown;
}

function makeAggregate(name: string): Aggregate {
  switch (name) {
    case 'count': {
      let n = 0;
      return { update: (kind) => (kind === FRAME_CURRENT ? ++n : kind === FRAME_EXPIRED ? --n : (n = 0)) };
    }
    case 'sum':
    case 'avg': {
      let total = 0;
      let n = 0;
      const avg = name === 'avg';
      return {
        update: (kind, v) => {
          if (kind === FRAME_RESET) {
            total = 0;
            n = 0;
          } else if (v !== null && v !== undefined) {
            if (kind === FRAME_CURRENT) {
              total += Number(v);
              n++;
            } else {
              total -= Number(v);
              n--;
            }
          }
          return n === 0 ? null : avg ? total / n : total;
        },
      };
    }
    case 'min':
    case 'max': {
      // O(log n) per event: a window of 100,000 events scanned them all on every event.
      const values = new ExtremeTracker(name === 'max');
      return {
        update: (kind, v) => {
          if (kind === FRAME_RESET) values.clear();
          else if (v !== null && v !== undefined) {
            if (kind === FRAME_CURRENT) values.add(Number(v));
            else values.remove(Number(v));
          }
          return values.peek();
        },
      };
    }
    default:
      throw new ConditionError(`unknown function '${name}'`);
  }
}

// ------------------------------------------------------------------ parser

const NUMERIC: readonly AttributeType[] = ['int', 'long', 'float', 'double'];
const isNum = (t: AttributeType): boolean => NUMERIC.includes(t);
const widen = (a: AttributeType, b: AttributeType): AttributeType =>
  a === 'double' || b === 'double'
    ? 'double'
    : a === 'float' || b === 'float'
      ? 'float'
      : a === 'long' || b === 'long'
        ? 'long'
        : 'int';

class Parser {
  private i = 0;

  constructor(
    private readonly toks: Tok[],
    private readonly attrs: readonly { readonly name: string; readonly type: AttributeType }[],
  ) {}

  private peek(): Tok {
    return this.toks[this.i] as Tok;
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t.k === 'op' && t.v === v;
  }

  private isWord(v: string): boolean {
    const t = this.peek();
    return t.k === 'id' && t.v.toLowerCase() === v;
  }

  private expect(v: string): void {
    if (!this.isOp(v)) throw new ConditionError(`expected '${v}'`);
    this.i++;
  }

  parse(): Compiled {
    const c = this.or();
    if (this.peek().k !== 'end') throw new ConditionError('unexpected text after the expression');
    return c;
  }

  private or(): Compiled {
    let left = this.and();
    while (this.isWord('or')) {
      this.i++;
      const l = left.run;
      const r = this.and().run;
      left = { run: (f) => l(f) === true || r(f) === true, type: 'bool' };
    }
    return left;
  }

  private and(): Compiled {
    let left = this.not();
    while (this.isWord('and')) {
      this.i++;
      const l = left.run;
      const r = this.not().run;
      left = { run: (f) => l(f) === true && r(f) === true, type: 'bool' };
    }
    return left;
  }

  private not(): Compiled {
    if (this.isWord('not')) {
      this.i++;
      const o = this.not().run;
      return { run: (f) => o(f) !== true, type: 'bool' };
    }
    return this.comparison();
  }

  private comparison(): Compiled {
    const left = this.additive();
    const t = this.peek();
    if (t.k === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.i++;
      const l = left.run;
      const r = this.additive().run;
      const cmp = (a: unknown, b: unknown): number | undefined => {
        if (a === null || a === undefined || b === null || b === undefined) return undefined;
        return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
      };
      const run: Eval =
        t.v === '=='
          ? (f) => {
              const c = cmp(l(f), r(f));
              return c === 0;
            }
          : t.v === '!='
            ? (f) => {
                const c = cmp(l(f), r(f));
                return c !== undefined && c !== 0;
              }
            : t.v === '<'
              ? (f) => (cmp(l(f), r(f)) ?? 0) < 0
              : t.v === '<='
                ? (f) => {
                    const c = cmp(l(f), r(f));
                    return c !== undefined && c <= 0;
                  }
                : t.v === '>'
                  ? (f) => (cmp(l(f), r(f)) ?? 0) > 0
                  : (f) => {
                      const c = cmp(l(f), r(f));
                      return c !== undefined && c >= 0;
                    };
      return { run, type: 'bool' };
    }
    if (this.isWord('is')) {
      this.i++;
      if (!this.isWord('null')) throw new ConditionError("expected 'null' after 'is'");
      this.i++;
      const l = left.run;
      return {
        run: (f) => {
          const v = l(f);
          return v === null || v === undefined;
        },
        type: 'bool',
      };
    }
    return left;
  }

  private additive(): Compiled {
    let left = this.multiplicative();
    for (let t = this.peek(); t.k === 'op' && (t.v === '+' || t.v === '-'); t = this.peek()) {
      this.i++;
      left = this.arith(t.v, left, this.multiplicative());
    }
    return left;
  }

  private multiplicative(): Compiled {
    let left = this.unary();
    for (let t = this.peek(); t.k === 'op' && (t.v === '*' || t.v === '/' || t.v === '%'); t = this.peek()) {
      this.i++;
      left = this.arith(t.v, left, this.unary());
    }
    return left;
  }

  private arith(op: string, a: Compiled, b: Compiled): Compiled {
    if (!isNum(a.type) || !isNum(b.type))
      throw new ConditionError(`'${op}' needs numbers, not ${a.type} and ${b.type}`);
    const type = widen(a.type, b.type);
    const integral = type === 'int' || type === 'long';
    const l = a.run;
    const r = b.run;
    const fround = type === 'float';
    const apply = (x: number, y: number): number | null => {
      switch (op) {
        case '+':
          return x + y;
        case '-':
          return x - y;
        case '*':
          return x * y;
        case '/':
          if (integral) return y === 0 ? null : Math.trunc(x / y);
          return x / y;
        default:
          return integral && y === 0 ? null : x % y;
      }
    };
    return {
      run: (f) => {
        const x = l(f);
        const y = r(f);
        if (x === null || x === undefined || y === null || y === undefined) return null;
        const v = apply(Number(x), Number(y));
        return v !== null && fround ? Math.fround(v) : v;
      },
      type,
    };
  }

  private unary(): Compiled {
    if (this.isOp('-')) {
      this.i++;
      const o = this.unary();
      if (!isNum(o.type)) throw new ConditionError(`'-' needs a number, not ${o.type}`);
      const run = o.run;
      return {
        run: (f) => {
          const v = run(f);
          return v === null || v === undefined ? null : -Number(v);
        },
        type: o.type,
      };
    }
    return this.primary();
  }

  private primary(): Compiled {
    const t = this.peek();
    this.i++;
    if (t.k === 'num') return { run: () => t.v, type: t.t };
    if (t.k === 'str') return { run: () => t.v, type: 'string' };
    if (t.k === 'op' && t.v === '(') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (t.k !== 'id') throw new ConditionError('expected a value');
    const word = t.v;
    const lower = word.toLowerCase();
    if (lower === 'true' || lower === 'false') return { run: () => lower === 'true', type: 'bool' };
    if (lower === 'null') return { run: () => null, type: 'object' };
    if (this.isOp('(')) return this.call(word);
    if (this.isOp('.')) {
      this.i++;
      const attr = this.peek();
      if (attr.k !== 'id') throw new ConditionError(`expected an attribute after '${word}.'`);
      this.i++;
      const { index, type } = this.attribute(attr.v);
      if (word === 'first') return { run: (f) => f.first.data[index], type };
      if (word === 'last') return { run: (f) => f.last.data[index], type };
      throw new ConditionError(`unknown event reference '${word}' (use first or last)`);
    }
    const { index, type } = this.attribute(word);
    return { run: (f) => f.event.data[index], type };
  }

  private attribute(name: string): { index: number; type: AttributeType } {
    const index = this.attrs.findIndex((a) => a.name === name);
    if (index < 0) throw new ConditionError(`unknown attribute '${name}'`);
    return { index, type: (this.attrs[index] as { type: AttributeType }).type };
  }

  private call(name: string): Compiled {
    this.expect('(');
    const args: Compiled[] = [];
    let ref: string | undefined;
    if (name === 'eventTimestamp' && this.peek().k === 'id' && this.toks[this.i + 1]?.k === 'op') {
      const t = this.peek() as { v: string };
      if ((t.v === 'first' || t.v === 'last') && (this.toks[this.i + 1] as { v: string }).v === ')') {
        ref = t.v;
        this.i++;
      }
    }
    if (ref === undefined && !this.isOp(')')) {
      args.push(this.or());
      while (this.isOp(',')) {
        this.i++;
        args.push(this.or());
      }
    }
    this.expect(')');
    if (name === 'eventTimestamp') {
      if (args.length > 0) throw new ConditionError('eventTimestamp takes first, last or nothing');
      if (ref === 'first') return { run: (f) => f.first.timestamp, type: 'long' };
      if (ref === 'last') return { run: (f) => f.last.timestamp, type: 'long' };
      return { run: (f) => f.event.timestamp, type: 'long' };
    }
    const agg = makeAggregate(name);
    if (name === 'count') {
      if (args.length > 0) throw new ConditionError('count() takes no argument');
      return { run: (f) => agg.update(f.kind, null), type: 'long' };
    }
    if (args.length !== 1) throw new ConditionError(`${name}() takes one argument`);
    const arg = args[0] as Compiled;
    if (!isNum(arg.type)) throw new ConditionError(`${name}() needs a number, not ${arg.type}`);
    const type: AttributeType =
      name === 'avg'
        ? 'double'
        : name === 'sum'
          ? arg.type === 'int' || arg.type === 'long'
            ? 'long'
            : 'double'
          : arg.type;
    const a = arg.run;
    return { run: (f) => agg.update(f.kind, a(f)), type };
  }
}

/** A compiled window condition with its own aggregate state. */
export type WindowCondition = (frame: ConditionFrame) => boolean;

/** Compiles a condition; throws a ConditionError when it does not parse, is not bool, or names unknown things. */
export function compileCondition(
  text: string,
  attributes: readonly { readonly name: string; readonly type: AttributeType }[],
): WindowCondition {
  let compiled: Compiled;
  try {
    compiled = new Parser(tokenize(text), attributes).parse();
  } catch (err) {
    if (err instanceof ConditionError) throw new ConditionError(`invalid window expression '${text}': ${err.message}`);
    throw err;
  }
  if (compiled.type !== 'bool')
    throw new ConditionError(`window expression '${text}' must be a condition (bool), not ${compiled.type}`);
  const run = compiled.run;
  return (frame) => run(frame) === true;
}
