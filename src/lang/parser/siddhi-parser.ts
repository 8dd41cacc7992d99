/**
 * The SiddhiQL grammar (Siddhi 5.1's SiddhiQL.g4) as a Chevrotain embedded-actions parser building the AST of `../ast.ts`.
 * Build it once (`siddhiParser`) and reset its `input` for every parse.
 */
import {
  EmbeddedActionsParser,
  tokenMatcher,
  type AtLeastOneSepMethodOpts,
  type IOrAlt,
  type IToken,
  type OrMethodOpts,
} from 'chevrotain';
import type {
  AbsentStateElement,
  AggregationDefinition,
  AggregationDurations,
  Annotation,
  AnnotationElement,
  AttributeDefinition,
  AttributeType,
  BinaryOperator,
  Constant,
  CountStateElement,
  Definition,
  DeleteOutput,
  EventIndex,
  ExecutionElement,
  ExtensionCall,
  Expression,
  FunctionDefinition,
  InputStream,
  InsertIntoOutput,
  JoinInputStream,
  JoinType,
  OnDemandInput,
  OnDemandQuery,
  OrderByAttribute,
  OutputAttribute,
  OutputEventType,
  OutputRate,
  OutputStream,
  Partition,
  PartitionType,
  Query,
  ReturnOutput,
  Selector,
  SetAssignment,
  SiddhiApp,
  SingleInputStream,
  Span,
  StateElement,
  StreamDefinition,
  StreamHandler,
  StreamStateElement,
  TableDefinition,
  TimeGranularity,
  TriggerDefinition,
  UpdateOrInsertOutput,
  UpdateOutput,
  Variable,
  WindowDefinition,
  WithinTime,
} from '../ast.js';
import { doubleValue, floatValue, intValue, longValue, nameValue, stringValue } from './literals.js';
import { siddhiErrorMessages } from './messages.js';
import { joinSpans, spanOf } from './span.js';
import { buildStateInput, emptyFeatures, type ChainFeatures } from './state-input.js';
import { granularityOfUnit, MILLIS_PER_UNIT, UNIT_ORDER, unitOfToken } from './time-units.js';
import * as T from './tokens.js';

/** A problem the grammar accepts but Siddhi's parser rejects (`limit price`, `select a + b` without `as`, ...). */
export interface ParseProblem {
  readonly span: Span;
  readonly message: string;
}

interface SourceRef {
  readonly id: string;
  readonly isInnerStream: boolean;
  readonly isFaultStream: boolean;
  readonly span: Span;
}

interface StatementResult {
  readonly annotations: Annotation[];
  readonly definition?: Definition;
  readonly element?: ExecutionElement;
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

interface TimeValue {
  readonly millis: number;
  readonly span: Span;
}

const ATTRIBUTE_TYPE_NAMES: Record<string, AttributeType> = {
  String: 'string',
  Int: 'int',
  Long: 'long',
  Float: 'float',
  Double: 'double',
  Bool: 'bool',
  Object: 'object',
};

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

function withOptional<O extends object, K extends string, V>(obj: O, key: K, value: V | undefined): O {
  if (value !== undefined) (obj as Record<string, unknown>)[key] = value;
  return obj;
}

/**
 * `{ SEP: ',', DEF }` for `AT_LEAST_ONE_SEP`. Building the options here, from a function passed in, keeps per-call
 * function objects out of object literals: esbuild's `keepNames` (tsx) would rename each one on every call.
 * Performance note for the whole parser: rules run on every keystroke in the editor, so alternatives for `OR` are
 * built once (fields ending in `Alts`) and read rule-level values through `this.LA(...)` rather than capturing them.
 */
function commaSeparated<R>(DEF: () => R): AtLeastOneSepMethodOpts<R> {
  return { SEP: T.Comma, DEF };
}

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

export class SiddhiParser extends EmbeddedActionsParser {
  /** Problems found while building the AST (reported with the syntax errors). */
  problems: ParseProblem[] = [];
  /** Streams and event references of the query being read (Siddhi's `activeStreams`, for `e1 is null`). */
  private activeStreams = new Set<string>();
  private features: ChainFeatures = emptyFeatures();

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 4, errorMessageProvider: siddhiErrorMessages });
    this.performSelfAnalysis();
  }

  /** Reset per-parse state (call before setting `input`). */
  resetState(): void {
    this.problems = [];
    this.activeStreams = new Set();
    this.features = emptyFeatures();
  }

  private problem(span: Span, message: string): void {
    this.problems.push({ span, message });
  }

  private span(start: IToken): Span {
    return spanOf(start, this.LA(0));
  }

  private isNext(tokenType: typeof T.Name, k = 1): boolean {
    return tokenMatcher(this.LA(k), tokenType);
  }

  // ------------------------------------------------------------------ app

  public app = this.RULE('app', (): SiddhiApp => {
    const start = this.LA(1);
    const statements: StatementResult[] = [];
    this.MANY(() => this.CONSUME(T.Semi));
    this.OPTION(() => {
      const first = this.SUBRULE(this.statement);
      this.ACTION(() => statements.push(first));
      this.MANY2(() => {
        this.CONSUME2(T.Semi);
        this.OPTION2(() => {
          const next = this.SUBRULE2(this.statement);
          this.ACTION(() => statements.push(next));
        });
      });
    });
    return this.ACTION(() => {
      const annotations: Annotation[] = [];
      const definitions: Definition[] = [];
      const elements: ExecutionElement[] = [];
      for (const s of statements) {
        if (!s) continue;
        for (const a of s.annotations) if (/^app:/i.test(a.name)) annotations.push(a);
        if (s.definition) definitions.push(s.definition);
        if (s.element) elements.push(s.element);
        if (!s.definition && !s.element && s.annotations.some((a) => !/^app:/i.test(a.name))) {
          this.problem(s.span, 'an annotation must be followed by a definition, a query or a partition');
        }
      }
      return { kind: 'app', annotations, definitions, elements, span: this.span(start) } satisfies SiddhiApp;
    });
  });

  private statement = this.RULE('statement', (): StatementResult => {
    const start = this.LA(1);
    const all: Annotation[] = [];
    this.MANY(() => {
      const a = this.SUBRULE(this.annotation);
      this.ACTION(() => all.push(a));
    });
    const body = this.OPTION(() => {
      this.elementAnnotations = all;
      return this.OR(this.statementAlts);
    });
    return this.ACTION(() => ({ annotations: all, ...body, span: this.span(start) }));
  });

  /** The annotations read before a definition, query or partition (passed on by `statement` and `definition`). */
  private elementAnnotations: Annotation[] = [];

  private readonly statementAlts: IOrAlt<{ definition?: Definition; element?: ExecutionElement }>[] = [
    { ALT: () => ({ definition: this.SUBRULE(this.definition, { ARGS: [this.elementAnnotations] }) }) },
    { ALT: () => ({ element: this.SUBRULE(this.query, { ARGS: [this.elementAnnotations] }) as ExecutionElement }) },
    { ALT: () => ({ element: this.SUBRULE(this.partition, { ARGS: [this.elementAnnotations] }) as ExecutionElement }) },
  ];

  /** Element annotations only: `app:` ones are the app's. */
  private own(annotations: readonly Annotation[]): Annotation[] {
    return annotations.filter((a) => a && !/^app:/i.test(a.name));
  }

  // ------------------------------------------------------------------ annotations

  private annotation = this.RULE('annotation', (): Annotation => {
    const start = this.CONSUME(T.AtSign);
    const first = this.CONSUME(T.Name);
    const ns = this.OPTION(() => {
      this.CONSUME(T.Colon);
      return this.CONSUME2(T.Name);
    });
    const elements: AnnotationElement[] = [];
    const nested: Annotation[] = [];
    this.OPTION2(() => {
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP(
        commaSeparated(() => {
          const part = this.OR(this.annotationPartAlts);
          this.ACTION(() => {
            if (part.nested) nested.push(part.value as Annotation);
            else elements.push(part.value as AnnotationElement);
          });
        }),
      );
      this.CONSUME(T.RParen);
    });
    return this.ACTION(() => ({
      kind: 'annotation' as const,
      name: ns ? `${nameValue(first.image)}:${nameValue(ns.image)}` : nameValue(first.image),
      elements,
      annotations: nested,
      span: this.span(start),
    }));
  });

  private readonly annotationPartAlts: IOrAlt<{ nested: boolean; value: Annotation | AnnotationElement }>[] = [
    { ALT: () => ({ nested: true, value: this.SUBRULE(this.annotation) }) },
    { ALT: () => ({ nested: false, value: this.SUBRULE(this.annotationElement) }) },
  ];

  private annotationElement = this.RULE('annotationElement', (): AnnotationElement =>
    this.OR(this.annotationElementAlts),
  );

  private readonly annotationElementAlts: IOrAlt<AnnotationElement>[] = [
    {
      ALT: () => {
        const start = this.LA(1);
        const s = this.CONSUME(T.StringLiteral);
        const v = this.OPTION(() => {
          this.CONSUME(T.Assign);
          return this.CONSUME2(T.StringLiteral);
        });
        return this.ACTION(() =>
          v
            ? { key: stringValue(s.image), value: stringValue(v.image), span: this.span(start) }
            : { key: undefined, value: stringValue(s.image), span: this.span(start) },
        );
      },
    },
    {
      ALT: () => {
        const start = this.LA(1);
        const head = this.SUBRULE(this.propertyNamePart);
        let key = '';
        this.ACTION(() => (key = nameValue(head.image)));
        this.MANY(() => {
          const sep = this.OR2(this.keySeparatorAlts);
          const part = this.SUBRULE2(this.propertyNamePart);
          this.ACTION(() => (key += sep.image + nameValue(part.image)));
        });
        this.CONSUME2(T.Assign);
        const value = this.CONSUME3(T.StringLiteral);
        return this.ACTION(() => ({ key, value: stringValue(value.image), span: this.span(start) }));
      },
    },
  ];

  private readonly keySeparatorAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Dot) },
    { ALT: () => this.CONSUME(T.Minus) },
    { ALT: () => this.CONSUME(T.Colon) },
  ];

  /** A part of a dotted annotation key: any name, `null`, `true`, `false` and `not` included. */
  private propertyNamePart = this.RULE('propertyNamePart', (): IToken => this.OR(this.propertyNamePartAlts));

  private readonly propertyNamePartAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Name) },
    { ALT: () => this.CONSUME(T.Null) },
    { ALT: () => this.CONSUME(T.True) },
    { ALT: () => this.CONSUME(T.False) },
    { ALT: () => this.CONSUME(T.Not) },
  ];

  // ------------------------------------------------------------------ definitions

  private definition = this.RULE('definition', (annotations: Annotation[]): Definition => {
    this.elementAnnotations = annotations;
    return this.OR(this.definitionAlts);
  });

  private readonly definitionAlts: IOrAlt<Definition>[] = [
    { ALT: () => this.SUBRULE(this.streamDefinition, { ARGS: [this.elementAnnotations] }) },
    { ALT: () => this.SUBRULE(this.tableDefinition, { ARGS: [this.elementAnnotations] }) },
    { ALT: () => this.SUBRULE(this.windowDefinition, { ARGS: [this.elementAnnotations] }) },
    { ALT: () => this.SUBRULE(this.triggerDefinition, { ARGS: [this.elementAnnotations] }) },
    { ALT: () => this.SUBRULE(this.aggregationDefinition, { ARGS: [this.elementAnnotations] }) },
    { ALT: () => this.SUBRULE(this.functionDefinition, { ARGS: [this.elementAnnotations] }) },
  ];

  private definedId(source: SourceRef, what: string): string {
    if (source.isInnerStream) this.problem(source.span, `inner streams ('#') cannot be defined as a ${what}`);
    if (source.isFaultStream) this.problem(source.span, `fault streams ('!') cannot be defined as a ${what}`);
    return source.id;
  }

  private streamDefinition = this.RULE('streamDefinition', (annotations: Annotation[]): StreamDefinition => {
    const start = this.CONSUME(T.Define);
    this.CONSUME(T.Stream);
    const source = this.SUBRULE(this.source);
    const attributes = this.SUBRULE(this.attributeList);
    return this.ACTION(() => ({
      kind: 'streamDefinition' as const,
      id: this.definedId(source, 'stream'),
      attributes,
      annotations: this.own(annotations),
      span: this.span(start),
    }));
  });

  private tableDefinition = this.RULE('tableDefinition', (annotations: Annotation[]): TableDefinition => {
    const start = this.CONSUME(T.Define);
    this.CONSUME(T.Table);
    const source = this.SUBRULE(this.source);
    const attributes = this.SUBRULE(this.attributeList);
    return this.ACTION(() => ({
      kind: 'tableDefinition' as const,
      id: this.definedId(source, 'table'),
      attributes,
      annotations: this.own(annotations),
      span: this.span(start),
    }));
  });

  private windowDefinition = this.RULE('windowDefinition', (annotations: Annotation[]): WindowDefinition => {
    const start = this.CONSUME(T.Define);
    this.CONSUME(T.WindowKw);
    const source = this.SUBRULE(this.source);
    const attributes = this.SUBRULE(this.attributeList);
    const window = this.SUBRULE(this.functionOperation);
    const outputEventType = this.OPTION(() => {
      this.CONSUME(T.Output);
      return this.SUBRULE(this.outputEventType);
    });
    return this.ACTION(() =>
      withOptional(
        {
          kind: 'windowDefinition' as const,
          id: this.definedId(source, 'window'),
          attributes,
          window,
          annotations: this.own(annotations),
          span: this.span(start),
        },
        'outputEventType',
        outputEventType,
      ),
    );
  });

  private triggerDefinition = this.RULE('triggerDefinition', (annotations: Annotation[]): TriggerDefinition => {
    const start = this.CONSUME(T.Define);
    this.CONSUME(T.Trigger);
    const id = this.CONSUME(T.Name);
    this.CONSUME(T.At);
    const at = this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Every);
          const t = this.SUBRULE(this.timeValue);
          return this.ACTION(() => ({ kind: 'every' as const, millis: t.millis }));
        },
      },
      {
        ALT: () => {
          const s = this.CONSUME(T.StringLiteral);
          return this.ACTION(() => {
            const v = stringValue(s.image);
            return v === 'start' ? { kind: 'start' as const } : { kind: 'cron' as const, expression: v };
          });
        },
      },
    ]);
    return this.ACTION(() => ({
      kind: 'triggerDefinition' as const,
      id: nameValue(id.image),
      at,
      annotations: this.own(annotations),
      span: this.span(start),
    }));
  });

  private aggregationDefinition = this.RULE(
    'aggregationDefinition',
    (annotations: Annotation[]): AggregationDefinition => {
      const start = this.CONSUME(T.Define);
      this.CONSUME(T.Aggregation);
      const id = this.CONSUME(T.Name);
      this.CONSUME(T.From);
      this.ACTION(() => this.activeStreams.clear());
      const input = this.SUBRULE(this.basicSource);
      const selectStart = this.LA(1);
      const list = this.SUBRULE(this.selectList);
      const groupBy = this.OPTION(() => this.SUBRULE(this.groupBy)) ?? [];
      const selectEnd = this.LA(0);
      this.CONSUME(T.Aggregate);
      const aggregateBy = this.OPTION2(() => {
        this.CONSUME(T.By);
        return this.SUBRULE(this.attributeReference);
      });
      this.CONSUME(T.Every);
      const durations = this.SUBRULE(this.aggregationDurations);
      return this.ACTION(() => {
        const selector: Selector = {
          selectAll: list.all,
          attributes: list.attributes,
          groupBy,
          orderBy: [],
          span: spanOf(selectStart, selectEnd),
        };
        if (input.alias !== undefined) this.problem(input.span, "an aggregation's input cannot have an alias");
        return withOptional(
          {
            kind: 'aggregationDefinition' as const,
            id: nameValue(id.image),
            input,
            selector,
            durations,
            annotations: this.own(annotations),
            span: this.span(start),
          },
          'aggregateBy',
          aggregateBy,
        );
      });
    },
  );

  private aggregationDurations = this.RULE('aggregationDurations', (): AggregationDurations => {
    const first = this.SUBRULE(this.aggregationDuration);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.TripleDot);
          const last = this.SUBRULE2(this.aggregationDuration);
          return this.ACTION(() => ({ kind: 'range' as const, from: first, to: last }));
        },
      },
      {
        ALT: () => {
          const list: TimeGranularity[] = [first];
          this.MANY(() => {
            this.CONSUME(T.Comma);
            const d = this.SUBRULE3(this.aggregationDuration);
            this.ACTION(() => list.push(d));
          });
          return { kind: 'list' as const, list };
        },
      },
    ]);
  });

  private aggregationDuration = this.RULE('aggregationDuration', (): TimeGranularity => {
    const unit = this.CONSUME(T.TimeUnit);
    return this.ACTION(() => {
      const g = granularityOfUnit(unitOfToken(unit.tokenType.name));
      if (g === undefined) {
        this.problem(
          spanOf(unit, unit),
          `'${unit.image}' is not an aggregation duration: expected sec, min, hour, day, month or year`,
        );
        return 'seconds';
      }
      return g;
    });
  });

  private functionDefinition = this.RULE('functionDefinition', (annotations: Annotation[]): FunctionDefinition => {
    const start = this.CONSUME(T.Define);
    this.CONSUME(T.FunctionKw);
    const id = this.CONSUME(T.Name);
    this.CONSUME(T.LBracket);
    const language = this.CONSUME2(T.Name);
    this.CONSUME(T.RBracket);
    this.CONSUME(T.Return);
    const returnType = this.SUBRULE(this.attributeType);
    const body = this.CONSUME(T.Script);
    return this.ACTION(() => ({
      kind: 'functionDefinition' as const,
      id: nameValue(id.image),
      language: nameValue(language.image),
      returnType,
      body: body.image.slice(1, -1),
      annotations: this.own(annotations),
      span: this.span(start),
    }));
  });

  private attributeList = this.RULE('attributeList', (): AttributeDefinition[] => {
    const list: AttributeDefinition[] = [];
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP(
      commaSeparated(() => {
        const name = this.CONSUME(T.Name);
        const type = this.SUBRULE(this.attributeType);
        this.ACTION(() => list.push({ name: nameValue(name.image), type, span: this.span(name) }));
      }),
    );
    this.CONSUME(T.RParen);
    return list;
  });

  private attributeType = this.RULE('attributeType', (): AttributeType => {
    const t = this.CONSUME(T.TypeName);
    return this.ACTION(() => ATTRIBUTE_TYPE_NAMES[t.tokenType.name] ?? 'object');
  });

  // ------------------------------------------------------------------ partitions

  private partition = this.RULE('partition', (annotations: Annotation[]): Partition => {
    const start = this.CONSUME(T.Partition);
    this.CONSUME(T.With);
    this.CONSUME(T.LParen);
    const partitionTypes: PartitionType[] = [];
    this.AT_LEAST_ONE_SEP(
      commaSeparated(() => {
        const p = this.SUBRULE(this.partitionWith);
        this.ACTION(() => partitionTypes.push(p));
      }),
    );
    this.CONSUME(T.RParen);
    this.CONSUME(T.Begin);
    const queries: Query[] = [];
    this.MANY(() => this.CONSUME(T.Semi));
    const first = this.SUBRULE(this.annotatedQuery);
    this.ACTION(() => queries.push(first));
    this.MANY2(() => {
      this.CONSUME2(T.Semi);
      this.OPTION(() => {
        const q = this.SUBRULE2(this.annotatedQuery);
        this.ACTION(() => queries.push(q));
      });
    });
    this.CONSUME(T.End);
    return this.ACTION(() => ({
      kind: 'partition' as const,
      annotations: this.own(annotations),
      partitionTypes,
      queries,
      span: this.span(start),
    }));
  });

  private annotatedQuery = this.RULE('annotatedQuery', (): Query => {
    const annotations: Annotation[] = [];
    this.MANY(() => {
      const a = this.SUBRULE(this.annotation);
      this.ACTION(() => annotations.push(a));
    });
    return this.SUBRULE(this.query, { ARGS: [annotations] });
  });

  private partitionWith = this.RULE('partitionWith', (): PartitionType => {
    const start = this.LA(1);
    const first = this.SUBRULE(this.expression);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Of);
          const stream = this.CONSUME(T.Name);
          return this.ACTION(() => ({
            kind: 'valuePartition' as const,
            streamId: nameValue(stream.image),
            expression: first,
            span: this.span(start),
          }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.As);
          const label = this.CONSUME(T.StringLiteral);
          const ranges = [{ condition: first, label: stringValue(label.image), span: this.span(start) }];
          this.MANY(() => {
            this.CONSUME(T.Or);
            const condStart = this.LA(1);
            const cond = this.SUBRULE2(this.expression);
            this.CONSUME2(T.As);
            const l = this.CONSUME2(T.StringLiteral);
            this.ACTION(() =>
              ranges.push({ condition: cond, label: stringValue(l.image), span: this.span(condStart) }),
            );
          });
          this.CONSUME2(T.Of);
          const stream = this.CONSUME2(T.Name);
          return this.ACTION(() => ({
            kind: 'rangePartition' as const,
            streamId: nameValue(stream.image),
            ranges,
            span: this.span(start),
          }));
        },
      },
    ]);
  });

  // ------------------------------------------------------------------ queries

  public query = this.RULE('query', (annotations: Annotation[]): Query => {
    const start = this.CONSUME(T.From);
    this.ACTION(() => this.activeStreams.clear());
    const input = this.SUBRULE(this.queryInput);
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

  private implicitSelector(at: IToken): Selector {
    const s = spanOf(at, at);
    return { selectAll: true, attributes: [], groupBy: [], orderBy: [], span: { start: s.start, end: s.start } };
  }

  private queryInput = this.RULE('queryInput', (): InputStream => {
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
      return buildStateInput(chain, f, within?.millis, span);
    });
  });

  private placeholderStream(span: Span): SingleInputStream {
    return { kind: 'single', streamId: '', isInnerStream: false, isFaultStream: false, handlers: [], span };
  }

  /** `first (-> | ,) next ...`, nested to the right: `a -> b -> c` is `a -> (b -> c)`. */
  private stateChain = this.RULE('stateChain', (): StateElement => {
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

  private readonly stateSeparatorAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Arrow) },
    { ALT: () => this.CONSUME(T.Comma) },
  ];

  private stateTerm = this.RULE('stateTerm', (): StateElement => {
    const every = this.OPTION(() => this.CONSUME(T.Every));
    const unit = this.SUBRULE(this.stateUnit);
    return this.ACTION(() => {
      if (!every) return unit;
      this.features.stateful = true;
      return { kind: 'everyState' as const, element: unit, span: joinSpans(spanOf(every, every), unit?.span) };
    });
  });

  private stateUnit = this.RULE('stateUnit', (): StateElement => this.OR(this.stateUnitAlts));

  private readonly stateUnitAlts: IOrAlt<StateElement>[] = [
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

  private readonly andOrAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.And) },
    { ALT: () => this.CONSUME(T.Or) },
  ];

  private stateAtom = this.RULE('stateAtom', (): StreamStateElement | AbsentStateElement | CountStateElement =>
    this.OR(this.stateAtomAlts),
  );

  private readonly stateAtomAlts: OrMethodOpts<StreamStateElement | AbsentStateElement | CountStateElement> = {
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
  private readonly eventReferenceOption = {
    GATE: () => this.isNext(T.Assign, 2),
    DEF: () => {
      const r = this.CONSUME(T.Name);
      this.CONSUME(T.Assign);
      return r;
    },
  };

  /** `<n>`, `<n:m>`, `<n:>`, `<:m>`, `+`, `*`, `?`. */
  private countSuffix = this.RULE('countSuffix', (): { min: number; max: number } => this.OR(this.countSuffixAlts));

  private readonly countSuffixAlts: IOrAlt<{ min: number; max: number }>[] = [
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

  private quantifier(token: IToken, min: number, max: number): { min: number; max: number } {
    this.ACTION(() => (this.features.quantifier ??= spanOf(token, token)));
    return { min, max };
  }

  /** `S`, `#S`, `!S` with filters, stream functions and windows, and an optional `as alias`. */
  private basicSource = this.RULE('basicSource', (): SingleInputStream => {
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

  /** `#` (inner stream) or `!` (fault stream) before a stream name. */
  private readonly streamPrefixAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Hash) },
    { ALT: () => this.CONSUME(T.Bang) },
  ];
  private readonly streamPrefix = (): IToken => this.OR(this.streamPrefixAlts);

  private source = this.RULE('source', (): SourceRef => {
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

  private streamHandler = this.RULE('streamHandler', (): StreamHandler => this.OR(this.streamHandlerAlts));

  private readonly streamHandlerAlts: IOrAlt<StreamHandler>[] = [
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
  private readonly hashHandlerAlts: IOrAlt<StreamHandler>[] = [
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

  private filterBody = this.RULE('filterBody', (): Expression => {
    this.CONSUME(T.LBracket);
    const e = this.SUBRULE(this.expression);
    this.CONSUME(T.RBracket);
    return e;
  });

  /** `name(args)` or `ns:name(args)`, as windows, stream functions and window definitions use. */
  private functionOperation = this.RULE('functionOperation', (): ExtensionCall => {
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

  private callArguments = this.RULE('callArguments', (): { args: Expression[]; star: boolean } => {
    this.CONSUME(T.LParen);
    const inside = this.OPTION(this.callArgumentList);
    this.CONSUME(T.RParen);
    return inside === true ? { args: [], star: true } : { args: Array.isArray(inside) ? inside : [], star: false };
  });

  /** `*` (true) or the argument expressions. */
  private readonly callArgumentAlts: IOrAlt<Expression[] | true>[] = [
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
  private readonly callArgumentList = (): Expression[] | true => this.OR(this.callArgumentAlts);

  private joinTail = this.RULE('joinTail', (): JoinTail => {
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

  private withinRange = this.RULE('withinRange', (): WithinTime => {
    const start = this.CONSUME(T.Within);
    const first = this.SUBRULE(this.expression);
    const end = this.OPTION(() => {
      this.CONSUME(T.Comma);
      return this.SUBRULE2(this.expression);
    });
    return this.ACTION(() => withOptional({ start: first, span: this.span(start) } as WithinTime, 'end', end));
  });

  private joinKind = this.RULE('joinKind', (): JoinType => this.OR(this.joinKindAlts));

  private readonly joinKindAlts: IOrAlt<JoinType>[] = [
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

  // ------------------------------------------------------------------ selection

  private selectList = this.RULE('selectList', (): { all: boolean; attributes: OutputAttribute[] } => {
    this.CONSUME(T.Select);
    const selected = this.OR(this.selectListAlts);
    return selected === true
      ? { all: true, attributes: [] }
      : { all: false, attributes: Array.isArray(selected) ? selected : [] };
  });

  /** `*` (true) or the output attributes. */
  private readonly selectListAlts: IOrAlt<OutputAttribute[] | true>[] = [
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

  private outputAttribute = this.RULE('outputAttribute', (): OutputAttribute => {
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

  private querySection = this.RULE('querySection', (): Selector => {
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

  private groupBy = this.RULE('groupBy', (): Variable[] => {
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

  private orderBy = this.RULE('orderBy', (): OrderByAttribute[] => {
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

  private readonly sortDirectionAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Asc) },
    { ALT: () => this.CONSUME(T.Desc) },
  ];
  private readonly sortDirection = (): IToken => this.OR(this.sortDirectionAlts);

  private outputRate = this.RULE('outputRate', (): OutputRate => {
    this.CONSUME(T.Output);
    return this.OR(this.outputRateAlts);
  });

  /** After `output` (`LA(0)`). */
  private readonly outputRateAlts: IOrAlt<OutputRate>[] = [
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

  private readonly outputRateTypeAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.All) },
    { ALT: () => this.CONSUME(T.First) },
    { ALT: () => this.CONSUME(T.Last) },
  ];
  private readonly outputRateType = (): IToken => this.OR2(this.outputRateTypeAlts);

  /** `every <time>` (a time value) or `every <n> events` (the count token). */
  private readonly outputRateEveryAlts: IOrAlt<TimeValue | IToken>[] = [
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

  private queryOutput = this.RULE('queryOutput', (): OutputStream => this.OR(this.queryOutputAlts));

  private readonly queryOutputAlts: IOrAlt<OutputStream>[] = [
    { ALT: () => this.SUBRULE(this.insertOutput) },
    { ALT: () => this.SUBRULE(this.deleteOutput) },
    { ALT: () => this.SUBRULE(this.updateOrInsertOutput) },
    { ALT: () => this.SUBRULE(this.updateOutput) },
    { ALT: () => this.SUBRULE(this.returnOutput) },
  ];

  private insertOutput = this.RULE('insertOutput', (): InsertIntoOutput => {
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

  private tableTarget(target: SourceRef, what: string): string {
    if (target.isInnerStream || target.isFaultStream)
      this.problem(target.span, `'${what}' can only be used with tables`);
    return target.id;
  }

  private deleteOutput = this.RULE('deleteOutput', (): DeleteOutput => {
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

  private updateOrInsertOutput = this.RULE('updateOrInsertOutput', (): UpdateOrInsertOutput => {
    const start = this.CONSUME(T.Update);
    this.CONSUME(T.Or);
    this.CONSUME(T.Insert);
    this.CONSUME(T.Into);
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
        {
          kind: 'updateOrInsert' as const,
          target: this.tableTarget(target, 'update or insert'),
          set,
          on,
          span: this.span(start),
        },
        'eventType',
        eventType,
      ),
    );
  });

  private updateOutput = this.RULE('updateOutput', (): UpdateOutput => {
    const start = this.CONSUME(T.Update);
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
        { kind: 'update' as const, target: this.tableTarget(target, 'update'), set, on, span: this.span(start) },
        'eventType',
        eventType,
      ),
    );
  });

  private returnOutput = this.RULE('returnOutput', (): ReturnOutput => {
    const start = this.CONSUME(T.Return);
    const eventType = this.OPTION(() => this.SUBRULE(this.outputEventType));
    return this.ACTION(() => withOptional({ kind: 'return' as const, span: this.span(start) }, 'eventType', eventType));
  });

  private outputEventType = this.RULE('outputEventType', (): OutputEventType => {
    const kind = this.OPTION(this.eventTypeKeyword);
    this.CONSUME(T.Events);
    return kind?.tokenType === T.All ? 'all' : kind?.tokenType === T.Expired ? 'expired' : 'current';
  });

  private readonly eventTypeKeywordAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.All) },
    { ALT: () => this.CONSUME(T.Expired) },
    { ALT: () => this.CONSUME(T.Current) },
  ];
  private readonly eventTypeKeyword = (): IToken => this.OR(this.eventTypeKeywordAlts);

  private setClause = this.RULE('setClause', (): SetAssignment[] => {
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

  /** `a`, `S.a`, `e1[0].a`, `#S.a`, `!S.a`. */
  private attributeReference = this.RULE('attributeReference', (): Variable => {
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

  private qualifiedVariable(
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

  private eventIndex = this.RULE('eventIndex', (): EventIndex => {
    this.CONSUME(T.LBracket);
    const index = this.OR(this.eventIndexAlts);
    this.CONSUME(T.RBracket);
    return index;
  });

  private readonly eventIndexAlts: IOrAlt<EventIndex>[] = [
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
  private readonly operatorTailAlts: IOrAlt<OperatorTail>[] = [
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
  private nest(operands: Expression[], operators: IToken[]): Expression {
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
  private unaryExpression = this.RULE('unaryExpression', (): Expression => this.OR(this.unaryExpressionAlts));

  private readonly unaryExpressionAlts: OrMethodOpts<Expression> = {
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

  private primaryExpression = this.RULE('primaryExpression', (): Expression => this.OR(this.primaryExpressionAlts));

  /** Each alternative starts at the rule's first token (`LA(1)` before anything is consumed). */
  private readonly primaryExpressionAlts: OrMethodOpts<Expression> = {
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

  private constant(type: Constant['type'], value: Constant['value'], span: Span, isTime = false): Constant {
    return isTime ? { kind: 'constant', type, value, isTime: true, span } : { kind: 'constant', type, value, span };
  }

  /** Attribute references, function calls and `... is null`. */
  private reference = this.RULE('reference', (): Expression => {
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
        if (inner || this.activeStreams.has(streamKey)) {
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
  private readonly referenceRestAlts: IOrAlt<ReferenceRest>[] = [
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
  private readonly dotName = (): IToken => {
    this.CONSUME(T.Dot);
    return this.CONSUME3(T.Name);
  };
  private readonly isNullSuffix = (): IToken => {
    this.CONSUME(T.Is);
    return this.CONSUME(T.Null);
  };

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

  private readonly onDemandOutputAlts: IOrAlt<OnDemandQuery['output']>[] = [
    { ALT: () => this.SUBRULE(this.insertOutput) as OnDemandQuery['output'] },
    { ALT: () => this.SUBRULE(this.deleteOutput) },
    { ALT: () => this.SUBRULE(this.updateOrInsertOutput) },
    { ALT: () => this.SUBRULE(this.updateOutput) },
  ];

  private storeInput = this.RULE('storeInput', (): OnDemandInput => {
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
