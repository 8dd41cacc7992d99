/** The SiddhiQL grammar, layer 1: expressions with Siddhi's operator precedence, references and time values. */
import type { IOrAlt, IToken, OrMethodOpts } from 'chevrotain';
import { tokenMatcher } from './chevrotain.js';
import type { BinaryOperator, Constant, EventIndex, Expression, Span, Variable } from '../ast.js';
import { doubleValue, floatValue, intValue, longValue, nameValue, stringValue } from './literals.js';
import { joinSpans, spanOf } from './span.js';
import { MILLIS_PER_UNIT, UNIT_ORDER, unitOfToken } from './time-units.js';
import { ParserBase, commaSeparated, withOptional } from './parser-base.js';
import * as T from './tokens.js';

export interface TimeValue {
  readonly millis: number;
  readonly span: Span;
}

const PRECEDENCE: Record<BinaryOperator, number> = {
  or: 1,
  and: 2,
  '==': 4,
  '!=': 4,
  '<': 5,
  '<=': 5,
  '>': 5,
  '>=': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '/': 7,
  '%': 7,
};
const IN_PRECEDENCE = 3;

/** Pop operators of precedence `minPrec` and above, combining the operands they apply to. */
function reduceOperators(out: Expression[], pending: { op: BinaryOperator; prec: number }[], minPrec: number): void {
  while (pending.length > 0 && pending[pending.length - 1]!.prec >= minPrec) {
    const { op } = pending.pop()!;
    const right = out.pop()!;
    const left = out.pop()!;
    out.push({ kind: 'binary', op, left, right, span: joinSpans(left?.span, right?.span) });
  }
}

type ReferenceRest =
  | {
      readonly kind: 'call';
      readonly ns: IToken | undefined;
      readonly fn: IToken;
      readonly args: { args: Expression[]; star: boolean };
    }
  | { readonly kind: 'ref'; readonly index: EventIndex | undefined; readonly attr: IToken | undefined };

interface OperatorTail {
  readonly op: IToken;
  readonly right?: Expression;
  readonly source?: IToken;
}

/** Expressions, references, call arguments, event indexes and time values. */
export abstract class ExpressionRules extends ParserBase {
  /** `#` (inner stream) or `!` (fault stream) before a stream name. */
  protected readonly streamPrefixAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Hash) },
    { ALT: () => this.CONSUME(T.Bang) },
  ];
  protected readonly streamPrefix = (): IToken => this.OR(this.streamPrefixAlts);

  protected callArguments = this.RULE('callArguments', (): { args: Expression[]; star: boolean } => {
    this.CONSUME(T.LParen);
    const inside = this.OPTION(this.callArgumentList);
    this.CONSUME(T.RParen);
    return inside === true ? { args: [], star: true } : { args: Array.isArray(inside) ? inside : [], star: false };
  });

  /** `*` (true) or the argument expressions. */
  protected readonly callArgumentAlts: IOrAlt<Expression[] | true>[] = [
    {
      ALT: () => {
        this.CONSUME(T.Star);
        return true;
      },
    },
    {
      ALT: () => {
        const args: Expression[] = [];
        this.AT_LEAST_ONE_SEP(
          commaSeparated(() => {
            const e = this.SUBRULE(this.expression);
            this.ACTION(() => args.push(e));
          }),
        );
        return args;
      },
    },
  ];
  protected readonly callArgumentList = (): Expression[] | true => this.OR(this.callArgumentAlts);

  /** `a`, `S.a`, `e1[0].a`, `#S.a`, `!S.a`. */
  protected attributeReference = this.RULE('attributeReference', (): Variable => {
    const start = this.LA(1);
    const prefix = this.OPTION(this.streamPrefix);
    const first = this.CONSUME(T.Name);
    const index = this.OPTION2(() => this.SUBRULE(this.eventIndex));
    const attr = this.OPTION3(() => {
      this.CONSUME(T.Dot);
      return this.CONSUME2(T.Name);
    });
    return this.ACTION(() => {
      const span = this.span(start);
      if (!attr) {
        if (prefix || index) this.problem(span, "expected '.' and an attribute name");
        return { kind: 'variable' as const, name: nameValue(first.image), span };
      }
      return this.qualifiedVariable(nameValue(attr.image), nameValue(first.image), prefix, index, span);
    });
  });

  protected qualifiedVariable(
    name: string,
    streamId: string,
    prefix: IToken | undefined,
    index: EventIndex | undefined,
    span: Span,
  ): Variable {
    const v: Variable = { kind: 'variable', name, streamId, span };
    withOptional(v, 'streamIndex', index);
    if (prefix?.tokenType === T.Hash) withOptional(v, 'isInnerStream', true);
    if (prefix?.tokenType === T.Bang) withOptional(v, 'isFaultStream', true);
    return v;
  }

  protected eventIndex = this.RULE('eventIndex', (): EventIndex => {
    this.CONSUME(T.LBracket);
    const index = this.OR(this.eventIndexAlts);
    this.CONSUME(T.RBracket);
    return index;
  });

  protected readonly eventIndexAlts: IOrAlt<EventIndex>[] = [
    {
      ALT: () => {
        const n = this.CONSUME(T.IntLiteral);
        return this.ACTION(() => ({ kind: 'at' as const, index: Number(n.image) }));
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Last);
        const minus = this.OPTION(() => {
          this.CONSUME(T.Minus);
          return this.CONSUME2(T.IntLiteral);
        });
        return this.ACTION(() => ({ kind: 'last' as const, minus: minus ? Number(minus.image) : 0 }));
      },
    },
  ];

  // ------------------------------------------------------------------ time

  /** `5 sec`, `1 hour 30 min`: units from the largest to the smallest, each at most once. */
  public timeValue = this.RULE('timeValue', (): TimeValue => {
    const start = this.LA(1);
    let millis = 0;
    let lastRank = -1;
    this.AT_LEAST_ONE(() => {
      const n = this.CONSUME(T.IntLiteral);
      const u = this.CONSUME(T.TimeUnit);
      this.ACTION(() => {
        const unit = unitOfToken(u.tokenType.name);
        const rank = UNIT_ORDER.indexOf(unit);
        if (rank <= lastRank) {
          this.problem(spanOf(n, u), `time units must go from the largest to the smallest, each once: '${u.image}'`);
        }
        lastRank = rank;
        millis += Number(n.image) * MILLIS_PER_UNIT[unit];
      });
    });
    return this.ACTION(() => ({ millis, span: this.span(start) }));
  });

  // ------------------------------------------------------------------ expressions

  /**
   * A whole expression, read flat (`operand (operator operand | in T)*`) and then nested by precedence:
   * `* / %` over `+ -` over `< <= > >=` over `== !=` over `in` over `and` over `or`, all left-associative.
   */
  public expression = this.RULE('expression', (): Expression => {
    const first = this.SUBRULE(this.unaryExpression);
    const operands: Expression[] = [first];
    const operators: IToken[] = [];
    this.MANY(() => {
      const tail = this.OR(this.operatorTailAlts);
      this.ACTION(() => {
        if (tail.source) {
          operators.push(tail.op, tail.source);
        } else {
          operators.push(tail.op);
          operands.push(tail.right!);
        }
      });
    });
    return this.ACTION(() => (operators.length === 0 ? first : this.nest(operands, operators)));
  });

  /** `<op> operand` or `in Table`. */
  protected readonly operatorTailAlts: IOrAlt<OperatorTail>[] = [
    {
      ALT: () => {
        const op = this.CONSUME(T.BinaryOp);
        return { op, right: this.SUBRULE2(this.unaryExpression) };
      },
    },
    {
      ALT: () => {
        const op = this.CONSUME(T.In);
        return { op, source: this.CONSUME(T.Name) };
      },
    },
  ];

  /** Shunting-yard over the flat operand and operator lists (`in` is a postfix operator followed by its table). */
  protected nest(operands: Expression[], operators: IToken[]): Expression {
    const out: Expression[] = [operands[0]!];
    const pending: { op: BinaryOperator; prec: number }[] = [];
    let next = 1;
    for (let i = 0; i < operators.length; i++) {
      const tok = operators[i]!;
      if (tok.tokenType === T.In) {
        const source = operators[++i]!;
        reduceOperators(out, pending, IN_PRECEDENCE + 1);
        const operand = out.pop()!;
        out.push({
          kind: 'in',
          operand,
          sourceId: nameValue(source.image),
          span: joinSpans(operand?.span, spanOf(source, source)),
        });
        continue;
      }
      const op = tok.image.toLowerCase() as BinaryOperator;
      const prec = PRECEDENCE[op];
      reduceOperators(out, pending, prec);
      pending.push({ op, prec });
      out.push(operands[next++]!);
    }
    reduceOperators(out, pending, 0);
    return out[0]!;
  }

  /** `not` binds tighter than every binary operator (as in Siddhi); `-5` is a negative constant. */
  protected unaryExpression = this.RULE('unaryExpression', (): Expression => this.OR(this.unaryExpressionAlts));

  protected readonly unaryExpressionAlts: OrMethodOpts<Expression> = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      {
        ALT: () => {
          const t = this.CONSUME(T.Not);
          const operand = this.SUBRULE(this.unaryExpression);
          return this.ACTION(() => ({
            kind: 'not' as const,
            operand,
            span: joinSpans(spanOf(t, t), operand?.span),
          }));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.Minus);
          const operand = this.SUBRULE2(this.unaryExpression);
          return this.ACTION((): Expression => {
            const span = joinSpans(spanOf(t, t), operand?.span);
            if (operand.kind === 'constant' && typeof operand.value === 'number' && !operand.isTime) {
              const value = operand.value === 0 ? 0 : -operand.value;
              return { ...operand, value, span };
            }
            return { kind: 'negate', operand, span };
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Plus);
          return this.SUBRULE3(this.unaryExpression);
        },
      },
      { ALT: () => this.SUBRULE(this.primaryExpression) },
    ],
  };

  protected primaryExpression = this.RULE('primaryExpression', (): Expression => this.OR(this.primaryExpressionAlts));

  /** Each alternative starts at the rule's first token (`LA(1)` before anything is consumed). */
  protected readonly primaryExpressionAlts: OrMethodOpts<Expression> = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          const e = this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
          return e;
        },
      },
      {
        GATE: () => this.isNext(T.TimeUnit, 2),
        ALT: () => {
          const t = this.SUBRULE(this.timeValue);
          return this.ACTION(() => this.constant('long', t.millis, t.span, true));
        },
      },
      {
        ALT: () => {
          const start = this.LA(1);
          const previous = this.LA(0);
          const t = this.CONSUME(T.IntLiteral);
          return this.ACTION(() => {
            const negated = tokenMatcher(previous, T.Minus);
            const v = intValue(t.image, false);
            if (v === undefined && !(negated && t.image.replace(/^0+/, '') === '2147483648')) {
              this.problem(spanOf(t, t), `'${t.image}' is too large for an int: write '${t.image}L' for a long`);
            }
            return this.constant('int', Number(t.image), this.span(start));
          });
        },
      },
      {
        ALT: () => {
          const start = this.LA(1);
          const t = this.CONSUME(T.LongLiteral);
          return this.ACTION(() => this.constant('long', longValue(t.image, false), this.span(start)));
        },
      },
      {
        ALT: () => {
          const start = this.LA(1);
          const t = this.CONSUME(T.FloatLiteral);
          return this.ACTION(() => this.constant('float', floatValue(t.image, false), this.span(start)));
        },
      },
      {
        ALT: () => {
          const start = this.LA(1);
          const t = this.CONSUME(T.DoubleLiteral);
          return this.ACTION(() => this.constant('double', doubleValue(t.image, false), this.span(start)));
        },
      },
      {
        ALT: () => {
          const start = this.LA(1);
          const t = this.CONSUME(T.StringLiteral);
          return this.ACTION(() => this.constant('string', stringValue(t.image), this.span(start)));
        },
      },
      {
        ALT: () => {
          const start = this.LA(1);
          this.CONSUME(T.True);
          return this.ACTION(() => this.constant('bool', true, this.span(start)));
        },
      },
      {
        ALT: () => {
          const start = this.LA(1);
          this.CONSUME(T.False);
          return this.ACTION(() => this.constant('bool', false, this.span(start)));
        },
      },
      {
        ALT: () => {
          const start = this.LA(1);
          this.CONSUME(T.Null);
          return this.ACTION(() => this.constant('null', null, this.span(start)));
        },
      },
      { ALT: () => this.SUBRULE(this.reference) },
    ],
  };

  protected constant(type: Constant['type'], value: Constant['value'], span: Span, isTime = false): Constant {
    return isTime ? { kind: 'constant', type, value, isTime: true, span } : { kind: 'constant', type, value, span };
  }

  /** Attribute references, function calls and `... is null`. */
  protected reference = this.RULE('reference', (): Expression => {
    const start = this.LA(1);
    const prefix = this.OPTION(this.streamPrefix);
    const first = this.CONSUME(T.Name);
    const rest = this.OR2(this.referenceRestAlts);
    const isNull = this.OPTION3(this.isNullSuffix);
    return this.ACTION((): Expression => {
      const span = this.span(start);
      const firstName = nameValue(first.image);
      if (rest.kind === 'call') {
        if (prefix) this.problem(span, `'${prefix.image}' cannot precede a function call`);
        const call = withOptional(
          { kind: 'call' as const, name: nameValue(rest.fn.image), args: rest.args.args, span },
          'namespace',
          rest.ns ? firstName : undefined,
        );
        if (rest.args.star) withOptional(call, 'star', true);
        return isNull ? { kind: 'isNull', operand: call, span } : call;
      }
      if (rest.attr) {
        const v = this.qualifiedVariable(nameValue(rest.attr.image), firstName, prefix, rest.index, span);
        return isNull ? { kind: 'isNull', operand: v, span } : v;
      }
      // A bare name (maybe with an index): an attribute, or a stream / event reference when followed by `is null`.
      const inner = prefix?.tokenType === T.Hash;
      const fault = prefix?.tokenType === T.Bang;
      if (isNull) {
        const streamKey = (inner ? '#' : fault ? '!' : '') + firstName;
        // An index (`e2[last-1] is null`) makes the name an event reference, as Siddhi's stream_reference.
        if (inner || rest.index !== undefined || this.activeStreams.has(streamKey)) {
          const e = { kind: 'isNullStream' as const, streamId: firstName, span };
          withOptional(e, 'streamIndex', rest.index);
          if (inner) withOptional(e, 'isInnerStream', true);
          if (fault) withOptional(e, 'isFaultStream', true);
          return e;
        }
        return { kind: 'isNull', operand: { kind: 'variable', name: firstName, span: spanOf(first, first) }, span };
      }
      if (prefix || rest.index) this.problem(span, "expected '.' and an attribute name");
      return { kind: 'variable', name: firstName, span };
    });
  });

  /** What follows a reference's first name (`LA(0)`): a call's `:fn(args)` or `(args)`, `[index]`, `.attr`. */
  protected readonly referenceRestAlts: IOrAlt<ReferenceRest>[] = [
    {
      ALT: () => {
        const first = this.LA(0);
        this.CONSUME(T.Colon);
        const fn = this.CONSUME2(T.Name);
        const args = this.SUBRULE(this.callArguments);
        return { kind: 'call', ns: first, fn, args };
      },
    },
    {
      ALT: () => {
        const first = this.LA(0);
        const args = this.SUBRULE2(this.callArguments);
        return { kind: 'call', ns: undefined, fn: first, args };
      },
    },
    {
      ALT: () => {
        const index = this.SUBRULE(this.eventIndex);
        const attr = this.OPTION2(this.dotName);
        return { kind: 'ref', index, attr };
      },
    },
    {
      ALT: () => {
        this.CONSUME2(T.Dot);
        const attr = this.CONSUME4(T.Name);
        return { kind: 'ref', index: undefined, attr };
      },
    },
    { ALT: () => ({ kind: 'ref', index: undefined, attr: undefined }) },
  ];
  protected readonly dotName = (): IToken => {
    this.CONSUME(T.Dot);
    return this.CONSUME3(T.Name);
  };
  protected readonly isNullSuffix = (): IToken => {
    this.CONSUME(T.Is);
    return this.CONSUME(T.Null);
  };
}
