/** The SiddhiQL grammar, layer 2: query inputs (streams and their handlers, joins, patterns, sequences). */
import type { IOrAlt, IToken, OrMethodOpts } from 'chevrotain';
import type {
  AbsentStateElement,
  CountStateElement,
  ExtensionCall,
  Expression,
  InputStream,
  JoinInputStream,
  JoinType,
  SingleInputStream,
  Span,
  StateElement,
  StreamHandler,
  StreamStateElement,
  WithinTime,
} from '../ast.js';
import { nameValue } from './literals.js';
import { joinSpans, spanOf } from './span.js';
import { absentOnlyChain, buildStateInput, emptyFeatures } from './state-input.js';
import { ExpressionRules } from './expression-rules.js';
import { withOptional } from './parser-base.js';
import * as T from './tokens.js';

export interface SourceRef {
  readonly id: string;
  readonly isInnerStream: boolean;
  readonly isFaultStream: boolean;
  readonly span: Span;
}

interface JoinTail {
  readonly leftUnidirectional: boolean;
  readonly rightUnidirectional: boolean;
  readonly joinType: JoinType;
  readonly right: SingleInputStream;
  readonly on?: Expression;
  readonly within?: WithinTime;
  readonly per?: Expression;
}

/** Query inputs: streams with filters, windows and functions, joins, patterns and sequences. */
export abstract class InputRules extends ExpressionRules {
  protected queryInput = this.RULE('queryInput', (): InputStream => {
    const start = this.LA(1);
    this.ACTION(() => (this.features = emptyFeatures()));
    const chain = this.SUBRULE(this.stateChain);
    const join = this.OPTION(() => this.SUBRULE(this.joinTail));
    const within = this.OPTION2(() => {
      const w = this.CONSUME(T.Within);
      const t = this.SUBRULE(this.timeValue);
      return { millis: t.millis, span: this.span(w) };
    });
    return this.ACTION((): InputStream => {
      const f = this.features;
      const span = this.span(start);
      const plain = chain.kind === 'streamState' && !f.stateful && !f.arrow && !f.comma ? chain.stream : undefined;
      if (join) {
        if (!plain) this.problem(chain.span, 'the left side of a join must be a stream, table, window or aggregation');
        if (within) this.problem(within.span, "a join takes 'within <start>[, <end>] per <duration>'");
        const left = plain ?? this.placeholderStream(chain.span);
        const trigger = join.leftUnidirectional ? 'left' : join.rightUnidirectional ? 'right' : 'all';
        if (join.leftUnidirectional && join.rightUnidirectional) {
          this.problem(span, "'unidirectional' can be used on one side of a join only");
        }
        const j: JoinInputStream = { kind: 'join', left, right: join.right, joinType: join.joinType, trigger, span };
        withOptional(j, 'on', join.on);
        withOptional(j, 'within', join.within);
        return withOptional(j, 'per', join.per);
      }
      if (plain && !within) {
        if (plain.alias !== undefined) this.problem(plain.span, "'as' can only name the sides of a join");
        return plain;
      }
      if (f.arrow && f.comma) {
        this.problem(f.comma, "a query input cannot mix '->' (pattern) and ',' (sequence)");
      }
      if (!f.comma && f.quantifier) {
        this.problem(f.quantifier, "'+', '*' and '?' can only be used in sequences (steps separated by ',')");
      }
      const absentOnly = absentOnlyChain(chain);
      if (absentOnly) {
        this.problem(
          absentOnly.span,
          "a chain of 'not ... for <time>' steps alone is not allowed: add a step for a stream that is expected " +
            "to arrive ('not S for 1 sec -> e1=T')",
        );
      }
      return buildStateInput(chain, f, within?.millis, span);
    });
  });

  protected placeholderStream(span: Span): SingleInputStream {
    return { kind: 'single', streamId: '', isInnerStream: false, isFaultStream: false, handlers: [], span };
  }

  /** `first (-> | ,) next ...`, nested to the right: `a -> b -> c` is `a -> (b -> c)`. */
  protected stateChain = this.RULE('stateChain', (): StateElement => {
    const items: StateElement[] = [this.SUBRULE(this.stateTerm)];
    this.MANY(() => {
      const sep = this.OR(this.stateSeparatorAlts);
      const next = this.SUBRULE2(this.stateTerm);
      this.ACTION(() => {
        const s = spanOf(sep, sep);
        if (sep.tokenType === T.Arrow) this.features.arrow ??= s;
        else this.features.comma ??= s;
        items.push(next);
      });
    });
    return this.ACTION(() => {
      let state = items[items.length - 1]!;
      for (let i = items.length - 2; i >= 0; i--) {
        const first = items[i]!;
        state = { kind: 'nextState', first, next: state, span: joinSpans(first?.span, state?.span) };
      }
      return state;
    });
  });

  protected readonly stateSeparatorAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Arrow) },
    { ALT: () => this.CONSUME(T.Comma) },
  ];

  protected stateTerm = this.RULE('stateTerm', (): StateElement => {
    const every = this.OPTION(() => this.CONSUME(T.Every));
    const unit = this.SUBRULE(this.stateUnit);
    return this.ACTION(() => {
      if (!every) return unit;
      this.features.stateful = true;
      return { kind: 'everyState' as const, element: unit, span: joinSpans(spanOf(every, every), unit?.span) };
    });
  });

  protected stateUnit = this.RULE('stateUnit', (): StateElement => this.OR(this.stateUnitAlts));

  protected readonly stateUnitAlts: IOrAlt<StateElement>[] = [
    {
      ALT: () => {
        const open = this.CONSUME(T.LParen);
        const inner = this.SUBRULE(this.stateChain);
        this.CONSUME(T.RParen);
        const within = this.OPTION(() => {
          this.CONSUME(T.Within);
          return this.SUBRULE(this.timeValue);
        });
        return this.ACTION((): StateElement => {
          this.features.stateful = true;
          if (!within) return inner;
          return { kind: 'groupState', element: inner, withinMillis: within.millis, span: this.span(open) };
        });
      },
    },
    {
      ALT: () => {
        const left = this.SUBRULE(this.stateAtom);
        const right = this.OPTION2(() => {
          const op = this.OR2(this.andOrAlts);
          const r = this.SUBRULE2(this.stateAtom);
          return { op, r };
        });
        return this.ACTION((): StateElement => {
          if (!right) {
            if (left.kind === 'absentState' && left.forMillis === undefined) {
              this.problem(left.span, "'not' needs 'for <time>' unless it is joined with 'and' to another stream");
            }
            return left;
          }
          this.features.stateful = true;
          const op = right.op.tokenType === T.And ? ('and' as const) : ('or' as const);
          const operands = [left, right.r];
          for (const o of operands) {
            if (o.kind === 'countState') this.problem(o.span, `counting cannot be combined with '${op}'`);
          }
          const l = left as StreamStateElement | AbsentStateElement;
          const r = right.r as StreamStateElement | AbsentStateElement;
          const absentWithoutFor = [l, r].filter((o) => o.kind === 'absentState' && o.forMillis === undefined);
          if (absentWithoutFor.length > 0 && (op === 'or' || absentWithoutFor.length === 2)) {
            this.problem(absentWithoutFor[0]!.span, "'not' needs 'for <time>' here");
          }
          return { kind: 'logicalState', op, left: l, right: r, span: joinSpans(l.span, r.span) };
        });
      },
    },
  ];

  protected readonly andOrAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.And) },
    { ALT: () => this.CONSUME(T.Or) },
  ];

  protected stateAtom = this.RULE('stateAtom', (): StreamStateElement | AbsentStateElement | CountStateElement =>
    this.OR(this.stateAtomAlts),
  );

  protected readonly stateAtomAlts: OrMethodOpts<StreamStateElement | AbsentStateElement | CountStateElement> = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      {
        ALT: () => {
          const start = this.LA(1);
          this.CONSUME(T.Not);
          const stream = this.SUBRULE(this.basicSource);
          const forTime = this.OPTION(() => {
            this.CONSUME(T.For);
            return this.SUBRULE(this.timeValue);
          });
          return this.ACTION((): AbsentStateElement => {
            this.features.stateful = true;
            const a: AbsentStateElement = { kind: 'absentState', stream, span: this.span(start) };
            return withOptional(a, 'forMillis', forTime?.millis);
          });
        },
      },
      {
        ALT: () => {
          const start = this.LA(1);
          const ref = this.OPTION2(this.eventReferenceOption);
          const stream = this.SUBRULE2(this.basicSource);
          const element = this.ACTION((): StreamStateElement => {
            if (!ref) return { kind: 'streamState', stream, span: this.span(start) };
            const eventRef = nameValue(ref.image);
            this.features.stateful = true;
            this.activeStreams.delete((stream.isInnerStream ? '#' : stream.isFaultStream ? '!' : '') + stream.streamId);
            this.activeStreams.add(eventRef);
            return { kind: 'streamState', eventRef, stream, span: this.span(start) };
          });
          const count = this.OPTION3(() => this.SUBRULE(this.countSuffix));
          return this.ACTION(() => {
            if (!count) return element;
            this.features.stateful = true;
            return {
              kind: 'countState' as const,
              element,
              min: count.min,
              max: count.max,
              span: this.span(start),
            };
          });
        },
      },
    ],
  };

  /** `e1=` before a pattern step's stream. */
  protected readonly eventReferenceOption = {
    GATE: () => this.isNext(T.Assign, 2),
    DEF: () => {
      const r = this.CONSUME(T.Name);
      this.CONSUME(T.Assign);
      return r;
    },
  };

  /** `<n>`, `<n:m>`, `<n:>`, `<:m>`, `+`, `*`, `?`. */
  protected countSuffix = this.RULE('countSuffix', (): { min: number; max: number } => this.OR(this.countSuffixAlts));

  protected readonly countSuffixAlts: IOrAlt<{ min: number; max: number }>[] = [
    {
      ALT: () => {
        this.CONSUME(T.Lt);
        const a = this.OPTION(() => this.CONSUME(T.IntLiteral));
        const range = this.OPTION2(() => {
          this.CONSUME(T.Colon);
          const b = this.OPTION3(() => this.CONSUME2(T.IntLiteral));
          return { b };
        });
        const close = this.CONSUME(T.Gt);
        return this.ACTION(() => {
          const min = a ? Number(a.image) : undefined;
          if (!range) {
            if (min === undefined) this.problem(spanOf(close, close), 'expected a count: <n>, <n:m>, <n:> or <:m>');
            return { min: min ?? 0, max: min ?? 0 };
          }
          const max = range.b ? Number(range.b.image) : -1;
          if (min === undefined && max === -1) {
            this.problem(spanOf(close, close), 'expected a count: <n>, <n:m>, <n:> or <:m>');
          }
          return { min: min ?? 0, max };
        });
      },
    },
    { ALT: () => this.quantifier(this.CONSUME(T.Plus), 1, -1) },
    { ALT: () => this.quantifier(this.CONSUME(T.Star), 0, -1) },
    { ALT: () => this.quantifier(this.CONSUME(T.Question), 0, 1) },
  ];

  protected quantifier(token: IToken, min: number, max: number): { min: number; max: number } {
    this.ACTION(() => (this.features.quantifier ??= spanOf(token, token)));
    return { min, max };
  }

  /** `S`, `#S`, `!S` with filters, stream functions and windows, and an optional `as alias`. */
  protected basicSource = this.RULE('basicSource', (): SingleInputStream => {
    const start = this.LA(1);
    const source = this.SUBRULE(this.source);
    const handlers: StreamHandler[] = [];
    this.MANY(() => {
      const h = this.SUBRULE(this.streamHandler);
      this.ACTION(() => handlers.push(h));
    });
    const alias = this.OPTION(() => {
      this.CONSUME(T.As);
      return this.CONSUME(T.Name);
    });
    return this.ACTION(() => {
      const s: SingleInputStream = {
        kind: 'single',
        streamId: source.id,
        isInnerStream: source.isInnerStream,
        isFaultStream: source.isFaultStream,
        handlers,
        span: this.span(start),
      };
      return withOptional(s, 'alias', alias ? nameValue(alias.image) : undefined);
    });
  });

  protected source = this.RULE('source', (): SourceRef => {
    const start = this.LA(1);
    const prefix = this.OPTION(this.streamPrefix);
    const name = this.CONSUME(T.Name);
    return this.ACTION(() => {
      const isInnerStream = prefix?.tokenType === T.Hash;
      const isFaultStream = prefix?.tokenType === T.Bang;
      const id = nameValue(name.image);
      this.activeStreams.add((isInnerStream ? '#' : isFaultStream ? '!' : '') + id);
      return { id, isInnerStream, isFaultStream, span: this.span(start) };
    });
  });

  protected streamHandler = this.RULE('streamHandler', (): StreamHandler => this.OR(this.streamHandlerAlts));

  protected readonly streamHandlerAlts: IOrAlt<StreamHandler>[] = [
    {
      ALT: () => {
        const start = this.LA(1);
        const condition = this.SUBRULE(this.filterBody);
        return this.ACTION(() => ({ kind: 'filter' as const, condition, span: this.span(start) }));
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Hash);
        return this.OR2(this.hashHandlerAlts);
      },
    },
  ];

  /** After `#`: a filter, `window.name(...)` or a stream function; `LA(0)` is the `#`. */
  protected readonly hashHandlerAlts: IOrAlt<StreamHandler>[] = [
    {
      ALT: () => {
        const start = this.LA(0);
        const condition = this.SUBRULE2(this.filterBody);
        return this.ACTION(() => ({ kind: 'filter' as const, condition, span: this.span(start) }));
      },
    },
    {
      ALT: () => {
        const start = this.LA(0);
        this.CONSUME(T.WindowKw);
        this.CONSUME(T.Dot);
        const call = this.SUBRULE(this.functionOperation);
        return this.ACTION(() => ({ kind: 'window' as const, call, span: this.span(start) }));
      },
    },
    {
      ALT: () => {
        const start = this.LA(0);
        const call = this.SUBRULE2(this.functionOperation);
        return this.ACTION(() => ({ kind: 'streamFunction' as const, call, span: this.span(start) }));
      },
    },
  ];

  protected filterBody = this.RULE('filterBody', (): Expression => {
    this.CONSUME(T.LBracket);
    const e = this.SUBRULE(this.expression);
    this.CONSUME(T.RBracket);
    return e;
  });

  /** `name(args)` or `ns:name(args)`, as windows, stream functions and window definitions use. */
  protected functionOperation = this.RULE('functionOperation', (): ExtensionCall => {
    const start = this.LA(1);
    const first = this.CONSUME(T.Name);
    const second = this.OPTION(() => {
      this.CONSUME(T.Colon);
      return this.CONSUME2(T.Name);
    });
    const args = this.SUBRULE(this.callArguments);
    return this.ACTION(() => {
      // `#fn(*)` passes every attribute of the input (`#pol2Cart(*)` on a (theta, rho) stream).
      const call: ExtensionCall = {
        name: nameValue((second ?? first).image),
        args: args.args,
        ...(args.star ? { star: true } : {}),
        span: this.span(start),
      };
      return withOptional(call, 'namespace', second ? nameValue(first.image) : undefined);
    });
  });

  protected joinTail = this.RULE('joinTail', (): JoinTail => {
    const leftUni = this.OPTION(() => this.CONSUME(T.Unidirectional));
    const joinType = this.SUBRULE(this.joinKind);
    const right = this.SUBRULE(this.basicSource);
    const rightUni = this.OPTION2(() => this.CONSUME2(T.Unidirectional));
    const on = this.OPTION3(() => {
      this.CONSUME(T.On);
      return this.SUBRULE(this.expression);
    });
    const within = this.OPTION4(() => this.SUBRULE(this.withinRange));
    const per = this.OPTION5(() => {
      this.CONSUME(T.Per);
      return this.SUBRULE3(this.expression);
    });
    return this.ACTION(() => {
      const tail: JoinTail = {
        leftUnidirectional: leftUni !== undefined,
        rightUnidirectional: rightUni !== undefined,
        joinType,
        right,
      };
      withOptional(tail, 'on', on);
      withOptional(tail, 'within', within);
      return withOptional(tail, 'per', per);
    });
  });

  protected withinRange = this.RULE('withinRange', (): WithinTime => {
    const start = this.CONSUME(T.Within);
    const first = this.SUBRULE(this.expression);
    const end = this.OPTION(() => {
      this.CONSUME(T.Comma);
      return this.SUBRULE2(this.expression);
    });
    return this.ACTION(() => withOptional({ start: first, span: this.span(start) } as WithinTime, 'end', end));
  });

  protected joinKind = this.RULE('joinKind', (): JoinType => this.OR(this.joinKindAlts));

  protected readonly joinKindAlts: IOrAlt<JoinType>[] = [
    {
      ALT: () => {
        this.CONSUME(T.Left);
        this.CONSUME(T.Outer);
        this.CONSUME(T.Join);
        return 'leftOuter' as const;
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Right);
        this.CONSUME2(T.Outer);
        this.CONSUME2(T.Join);
        return 'rightOuter' as const;
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Full);
        this.CONSUME3(T.Outer);
        this.CONSUME3(T.Join);
        return 'fullOuter' as const;
      },
    },
    {
      ALT: () => {
        const o = this.CONSUME4(T.Outer);
        this.CONSUME4(T.Join);
        this.ACTION(() =>
          this.problem(spanOf(o, o), "expected 'left outer join', 'right outer join' or 'full outer join'"),
        );
        return 'fullOuter' as const;
      },
    },
    {
      ALT: () => {
        this.OPTION(() => this.CONSUME(T.Inner));
        this.CONSUME5(T.Join);
        return 'inner' as const;
      },
    },
  ];
}
