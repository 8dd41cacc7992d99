/** The SiddhiQL grammar, layer 3: queries (selection, group/order by, output rate, outputs) and on-demand queries. */
import type { IOrAlt, IToken, OrMethodOpts } from 'chevrotain';
import type {
  AnonymousInputStream,
  Annotation,
  InputStream,
  DeleteOutput,
  InsertIntoOutput,
  OnDemandInput,
  OnDemandQuery,
  OrderByAttribute,
  OutputAttribute,
  OutputEventType,
  OutputRate,
  OutputStream,
  Query,
  ReturnOutput,
  Selector,
  SetAssignment,
  UpdateOrInsertOutput,
  UpdateOutput,
  Variable,
} from '../ast.js';
import { nameValue } from './literals.js';
import { joinSpans, spanOf } from './span.js';
import type { TimeValue } from './expression-rules.js';
import { InputRules, type SourceRef } from './input-rules.js';
import { commaSeparated, withOptional } from './parser-base.js';
import * as T from './tokens.js';

/** Queries: selection, output rate, outputs, and on-demand queries. */
export abstract class QueryRules extends InputRules {
  // ------------------------------------------------------------------ queries

  public query = this.RULE('query', (annotations: Annotation[]): Query => {
    const start = this.CONSUME(T.From);
    this.ACTION(() => this.activeStreams.clear());
    const input = this.SUBRULE(this.queryInputOrAnonymous);
    const selector = this.OPTION(() => this.SUBRULE(this.querySection));
    const outputRate = this.OPTION2(() => this.SUBRULE(this.outputRate));
    const outputStart = this.LA(1);
    const output = this.SUBRULE(this.queryOutput);
    return this.ACTION(() => {
      const q = {
        kind: 'query' as const,
        annotations: this.own(annotations),
        input,
        selector: selector ?? this.implicitSelector(outputStart),
        output,
        span:
          annotations.length > 0 && annotations[0]
            ? joinSpans(annotations[0].span, this.span(start))
            : this.span(start),
      };
      return withOptional(q, 'outputRate', outputRate);
    });
  });

  /** A query's input: a stream, join, pattern or sequence, or an anonymous inner query. */
  protected queryInputOrAnonymous = this.RULE('queryInputOrAnonymous', (): InputStream =>
    this.OR(this.queryInputOrAnonymousAlts),
  );

  protected readonly queryInputOrAnonymousAlts: OrMethodOpts<InputStream> = {
    // One token and the gate decide, so a mistake inside the inner query is reported where it is.
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      { GATE: () => this.startsAnonymousStream(), ALT: () => this.SUBRULE(this.anonymousStream) },
      { ALT: () => this.SUBRULE(this.queryInput) },
    ],
  };

  /** `from` after any number of `(`: an anonymous inner query, not a parenthesised pattern. */
  protected startsAnonymousStream(): boolean {
    let k = 1;
    while (this.isNext(T.LParen, k)) k++;
    return this.isNext(T.From, k);
  }

  /** `(anonymous)` or `from <input> [select ...] [output ...] return [events]`, as Siddhi's anonymous_stream. */
  protected anonymousStream = this.RULE('anonymousStream', (): AnonymousInputStream =>
    this.OR(this.anonymousStreamAlts),
  );

  protected readonly anonymousStreamAlts: IOrAlt<AnonymousInputStream>[] = [
    {
      ALT: () => {
        const open = this.CONSUME(T.LParen);
        const inner = this.SUBRULE(this.anonymousStream);
        this.CONSUME(T.RParen);
        return this.ACTION(() => ({ ...inner, span: this.span(open) }));
      },
    },
    {
      ALT: () => {
        const start = this.CONSUME(T.From);
        // The inner query's streams and event references are its own (Siddhi keeps the outer ones aside).
        const outer = this.ACTION(() => this.activeStreams);
        this.ACTION(() => (this.activeStreams = new Set()));
        const input = this.SUBRULE(this.queryInputOrAnonymous);
        const selector = this.OPTION(() => this.SUBRULE(this.querySection));
        const outputRate = this.OPTION2(() => this.SUBRULE(this.outputRate));
        const outputStart = this.LA(1);
        const output = this.SUBRULE(this.returnOutput);
        return this.ACTION((): AnonymousInputStream => {
          this.activeStreams = outer;
          const span = this.span(start);
          const query: Query = withOptional(
            {
              kind: 'query' as const,
              annotations: [],
              input,
              selector: selector ?? this.implicitSelector(outputStart),
              output,
              span,
            },
            'outputRate',
            outputRate,
          );
          return { kind: 'anonymous', query, span };
        });
      },
    },
  ];

  protected implicitSelector(at: IToken): Selector {
    const s = spanOf(at, at);
    return { selectAll: true, attributes: [], groupBy: [], orderBy: [], span: { start: s.start, end: s.start } };
  }

  // ------------------------------------------------------------------ selection

  protected selectList = this.RULE('selectList', (): { all: boolean; attributes: OutputAttribute[] } => {
    this.CONSUME(T.Select);
    const selected = this.OR(this.selectListAlts);
    return selected === true
      ? { all: true, attributes: [] }
      : { all: false, attributes: Array.isArray(selected) ? selected : [] };
  });

  /** `*` (true) or the output attributes. */
  protected readonly selectListAlts: IOrAlt<OutputAttribute[] | true>[] = [
    {
      ALT: () => {
        this.CONSUME(T.Star);
        return true;
      },
    },
    {
      ALT: () => {
        const attributes: OutputAttribute[] = [];
        this.AT_LEAST_ONE_SEP(
          commaSeparated(() => {
            const a = this.SUBRULE(this.outputAttribute);
            this.ACTION(() => attributes.push(a));
          }),
        );
        return attributes;
      },
    },
  ];

  protected outputAttribute = this.RULE('outputAttribute', (): OutputAttribute => {
    const start = this.LA(1);
    const expression = this.SUBRULE(this.expression);
    const rename = this.OPTION(() => {
      this.CONSUME(T.As);
      return this.CONSUME(T.Name);
    });
    return this.ACTION(() => {
      const span = this.span(start);
      if (!rename) {
        if (expression.kind !== 'variable') {
          this.problem(span, "an expression in 'select' needs a name: add 'as <name>'");
        }
        return { expression, span };
      }
      return { rename: nameValue(rename.image), expression, span };
    });
  });

  protected querySection = this.RULE('querySection', (): Selector => {
    const start = this.LA(1);
    const list = this.SUBRULE(this.selectList);
    const groupBy = this.OPTION(() => this.SUBRULE(this.groupBy));
    const having = this.OPTION2(() => {
      this.CONSUME(T.Having);
      return this.SUBRULE(this.expression);
    });
    const orderBy = this.OPTION3(() => this.SUBRULE(this.orderBy));
    const limit = this.OPTION4(() => {
      const t = this.CONSUME(T.Limit);
      return { t, e: this.SUBRULE2(this.expression) };
    });
    const offset = this.OPTION5(() => {
      const t = this.CONSUME(T.Offset);
      return { t, e: this.SUBRULE3(this.expression) };
    });
    return this.ACTION(() => {
      const s: Selector = {
        selectAll: list.all,
        attributes: list.attributes,
        groupBy: groupBy ?? [],
        orderBy: orderBy ?? [],
        span: this.span(start),
      };
      for (const [what, v] of [
        ['limit', limit],
        ['offset', offset],
      ] as const) {
        if (v && !(v.e.kind === 'constant' && (v.e.type === 'int' || v.e.type === 'long'))) {
          this.problem(v.e.span, `'${what}' only accepts int and long constants`);
        }
      }
      withOptional(s, 'having', having);
      withOptional(s, 'limit', limit?.e);
      return withOptional(s, 'offset', offset?.e);
    });
  });

  protected groupBy = this.RULE('groupBy', (): Variable[] => {
    const list: Variable[] = [];
    this.CONSUME(T.Group);
    this.CONSUME(T.By);
    this.AT_LEAST_ONE_SEP(
      commaSeparated(() => {
        const v = this.SUBRULE(this.attributeReference);
        this.ACTION(() => list.push(v));
      }),
    );
    return list;
  });

  protected orderBy = this.RULE('orderBy', (): OrderByAttribute[] => {
    const list: OrderByAttribute[] = [];
    this.CONSUME(T.Order);
    this.CONSUME(T.By);
    this.AT_LEAST_ONE_SEP(
      commaSeparated(() => {
        const start = this.LA(1);
        const variable = this.SUBRULE(this.attributeReference);
        const dir = this.OPTION(this.sortDirection);
        this.ACTION(() =>
          list.push({ variable, order: dir?.tokenType === T.Desc ? 'desc' : 'asc', span: this.span(start) }),
        );
      }),
    );
    return list;
  });

  protected readonly sortDirectionAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Asc) },
    { ALT: () => this.CONSUME(T.Desc) },
  ];
  protected readonly sortDirection = (): IToken => this.OR(this.sortDirectionAlts);

  protected outputRate = this.RULE('outputRate', (): OutputRate => {
    this.CONSUME(T.Output);
    return this.OR(this.outputRateAlts);
  });

  /** After `output` (`LA(0)`). */
  protected readonly outputRateAlts: IOrAlt<OutputRate>[] = [
    {
      ALT: () => {
        const start = this.LA(0);
        this.CONSUME(T.Snapshot);
        this.CONSUME(T.Every);
        const t = this.SUBRULE(this.timeValue);
        return this.ACTION(() => ({ kind: 'snapshot' as const, millis: t.millis, span: this.span(start) }));
      },
    },
    {
      ALT: () => {
        const start = this.LA(0);
        const typeTok = this.OPTION(this.outputRateType);
        this.CONSUME2(T.Every);
        const type = this.ACTION(() =>
          typeTok?.tokenType === T.First ? 'first' : typeTok?.tokenType === T.Last ? 'last' : 'all',
        );
        const every = this.OR3(this.outputRateEveryAlts);
        return this.ACTION((): OutputRate => {
          if ('millis' in every) return { kind: 'time', type, millis: every.millis, span: this.span(start) };
          return { kind: 'events', type, count: Number(every.image), span: this.span(start) };
        });
      },
    },
  ];

  protected readonly outputRateTypeAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.All) },
    { ALT: () => this.CONSUME(T.First) },
    { ALT: () => this.CONSUME(T.Last) },
  ];
  protected readonly outputRateType = (): IToken => this.OR2(this.outputRateTypeAlts);

  /** `every <time>` (a time value) or `every <n> events` (the count token). */
  protected readonly outputRateEveryAlts: IOrAlt<TimeValue | IToken>[] = [
    { ALT: () => this.SUBRULE2(this.timeValue) },
    {
      ALT: () => {
        const n = this.CONSUME(T.IntLiteral);
        this.CONSUME(T.Events);
        return n;
      },
    },
  ];

  // ------------------------------------------------------------------ outputs

  protected queryOutput = this.RULE('queryOutput', (): OutputStream => this.OR(this.queryOutputAlts));

  protected readonly queryOutputAlts: IOrAlt<OutputStream>[] = [
    { ALT: () => this.SUBRULE(this.insertOutput) },
    { ALT: () => this.SUBRULE(this.deleteOutput) },
    { ALT: () => this.SUBRULE(this.updateOutput) },
    { ALT: () => this.SUBRULE(this.returnOutput) },
  ];

  protected insertOutput = this.RULE('insertOutput', (): InsertIntoOutput => {
    const start = this.CONSUME(T.Insert);
    const eventType = this.OPTION(() => this.SUBRULE(this.outputEventType));
    this.CONSUME(T.Into);
    const target = this.SUBRULE(this.source);
    return this.ACTION(() =>
      withOptional(
        {
          kind: 'insert' as const,
          target: target.id,
          isInnerStream: target.isInnerStream,
          isFaultStream: target.isFaultStream,
          span: this.span(start),
        },
        'eventType',
        eventType,
      ),
    );
  });

  protected tableTarget(target: SourceRef, what: string): string {
    if (target.isInnerStream || target.isFaultStream)
      this.problem(target.span, `'${what}' can only be used with tables`);
    return target.id;
  }

  protected deleteOutput = this.RULE('deleteOutput', (): DeleteOutput => {
    const start = this.CONSUME(T.Delete);
    const target = this.SUBRULE(this.source);
    const eventType = this.OPTION(() => {
      this.CONSUME(T.For);
      return this.SUBRULE(this.outputEventType);
    });
    this.CONSUME(T.On);
    const on = this.SUBRULE(this.expression);
    return this.ACTION(() =>
      withOptional(
        { kind: 'delete' as const, target: this.tableTarget(target, 'delete'), on, span: this.span(start) },
        'eventType',
        eventType,
      ),
    );
  });

  /** `update T [for ...] [set ...] on cond` and `update or insert into T [for ...] [set ...] on cond`. */
  protected updateOutput = this.RULE('updateOutput', (): UpdateOutput | UpdateOrInsertOutput => {
    const start = this.CONSUME(T.Update);
    const orInsert = this.OPTION3(() => {
      this.CONSUME(T.Or);
      this.CONSUME(T.Insert);
      return this.CONSUME(T.Into);
    });
    const target = this.SUBRULE(this.source);
    const eventType = this.OPTION(() => {
      this.CONSUME(T.For);
      return this.SUBRULE(this.outputEventType);
    });
    const set = this.OPTION2(() => this.SUBRULE(this.setClause)) ?? [];
    this.CONSUME(T.On);
    const on = this.SUBRULE(this.expression);
    return this.ACTION(() =>
      withOptional(
        orInsert
          ? {
              kind: 'updateOrInsert' as const,
              target: this.tableTarget(target, 'update or insert'),
              set,
              on,
              span: this.span(start),
            }
          : { kind: 'update' as const, target: this.tableTarget(target, 'update'), set, on, span: this.span(start) },
        'eventType',
        eventType,
      ),
    );
  });

  protected returnOutput = this.RULE('returnOutput', (): ReturnOutput => {
    const start = this.CONSUME(T.Return);
    const eventType = this.OPTION(() => this.SUBRULE(this.outputEventType));
    return this.ACTION(() => withOptional({ kind: 'return' as const, span: this.span(start) }, 'eventType', eventType));
  });

  protected outputEventType = this.RULE('outputEventType', (): OutputEventType => {
    const kind = this.OPTION(this.eventTypeKeyword);
    this.CONSUME(T.Events);
    return kind?.tokenType === T.All ? 'all' : kind?.tokenType === T.Expired ? 'expired' : 'current';
  });

  protected readonly eventTypeKeywordAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.All) },
    { ALT: () => this.CONSUME(T.Expired) },
    { ALT: () => this.CONSUME(T.Current) },
  ];
  protected readonly eventTypeKeyword = (): IToken => this.OR(this.eventTypeKeywordAlts);

  protected setClause = this.RULE('setClause', (): SetAssignment[] => {
    const list: SetAssignment[] = [];
    this.CONSUME(T.SetKw);
    this.AT_LEAST_ONE_SEP(
      commaSeparated(() => {
        const start = this.LA(1);
        const target = this.SUBRULE(this.attributeReference);
        this.CONSUME(T.Assign);
        const value = this.SUBRULE(this.expression);
        this.ACTION(() => list.push({ target, value, span: this.span(start) }));
      }),
    );
    return list;
  });

  // ------------------------------------------------------------------ on-demand queries

  public onDemandQuery = this.RULE('onDemandQuery', (): OnDemandQuery => {
    const start = this.LA(1);
    this.ACTION(() => this.activeStreams.clear());
    const input = this.OPTION(() => {
      this.CONSUME(T.From);
      return this.SUBRULE(this.storeInput);
    });
    const selector = this.OPTION2(() => this.SUBRULE(this.querySection));
    const output = this.OPTION3(() => this.OR(this.onDemandOutputAlts));
    this.OPTION4(() => this.CONSUME(T.Semi));
    return this.ACTION(() => {
      const span = spanOf(start, this.LA(0));
      if (!input && !output) this.problem(span, "expected 'from', 'select', 'delete' or 'update'");
      if (output && (output.kind === 'insert' || output.kind === 'updateOrInsert') && !selector) {
        this.problem(
          output.span,
          `'${output.kind === 'insert' ? 'insert into' : 'update or insert into'}' needs a 'select'`,
        );
      }
      const q: OnDemandQuery = {
        kind: 'onDemandQuery',
        selector: selector ?? this.implicitSelector(start),
        span,
      };
      withOptional(q, 'input', input);
      return withOptional(q, 'output', output);
    });
  });

  protected readonly onDemandOutputAlts: IOrAlt<OnDemandQuery['output']>[] = [
    { ALT: () => this.SUBRULE(this.insertOutput) as OnDemandQuery['output'] },
    { ALT: () => this.SUBRULE(this.deleteOutput) },
    { ALT: () => this.SUBRULE(this.updateOutput) },
  ];

  protected storeInput = this.RULE('storeInput', (): OnDemandInput => {
    const start = this.LA(1);
    const store = this.CONSUME(T.Name);
    const alias = this.OPTION(() => {
      this.CONSUME(T.As);
      return this.CONSUME2(T.Name);
    });
    const on = this.OPTION2(() => {
      this.CONSUME(T.On);
      return this.SUBRULE(this.expression);
    });
    const within = this.OPTION3(() => this.SUBRULE(this.withinRange));
    const per = this.OPTION4(() => {
      this.CONSUME(T.Per);
      return this.SUBRULE2(this.expression);
    });
    return this.ACTION(() => {
      const s: OnDemandInput = { storeId: nameValue(store.image), span: this.span(start) };
      withOptional(s, 'alias', alias ? nameValue(alias.image) : undefined);
      withOptional(s, 'on', on);
      withOptional(s, 'within', within);
      return withOptional(s, 'per', per);
    });
  });
}
