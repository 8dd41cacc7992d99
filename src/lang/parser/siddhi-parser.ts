/**
 * The SiddhiQL grammar (Siddhi 5.1's SiddhiQL.g4) as a Chevrotain embedded-actions parser building the AST of `../ast.ts`.
 * Build it once and reset its `input` for every parse. This file is the top layer (app, annotations, definitions,
 * partitions); the layers below are query-rules, input-rules, expression-rules and parser-base.
 */
import type { IOrAlt, IToken } from 'chevrotain';
import type {
  AggregationDefinition,
  AggregationDurations,
  Annotation,
  AnnotationElement,
  AttributeDefinition,
  AttributeType,
  Definition,
  ExecutionElement,
  FunctionDefinition,
  Partition,
  PartitionType,
  Query,
  Selector,
  SiddhiApp,
  Span,
  StreamDefinition,
  TableDefinition,
  TimeGranularity,
  TriggerDefinition,
  WindowDefinition,
} from '../ast.js';
import { nameValue, stringValue } from './literals.js';
import { spanOf } from './span.js';
import { granularityOfUnit, unitOfToken } from './time-units.js';
import type { SourceRef } from './input-rules.js';
import { commaSeparated, withOptional } from './parser-base.js';
import { QueryRules } from './query-rules.js';
import * as T from './tokens.js';

interface StatementResult {
  readonly annotations: Annotation[];
  readonly definition?: Definition;
  readonly element?: ExecutionElement;
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

export class SiddhiParser extends QueryRules {
  constructor() {
    super();
    this.performSelfAnalysis();
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

  protected statement = this.RULE('statement', (): StatementResult => {
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
  protected elementAnnotations: Annotation[] = [];

  protected readonly statementAlts: IOrAlt<{ definition?: Definition; element?: ExecutionElement }>[] = [
    { ALT: () => ({ definition: this.SUBRULE(this.definition, { ARGS: [this.elementAnnotations] }) }) },
    { ALT: () => ({ element: this.SUBRULE(this.query, { ARGS: [this.elementAnnotations] }) as ExecutionElement }) },
    { ALT: () => ({ element: this.SUBRULE(this.partition, { ARGS: [this.elementAnnotations] }) as ExecutionElement }) },
  ];

  /** Element annotations only: `app:` ones are the app's. */

  // ------------------------------------------------------------------ annotations

  protected annotation = this.RULE('annotation', (): Annotation => {
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

  protected readonly annotationPartAlts: IOrAlt<{ nested: boolean; value: Annotation | AnnotationElement }>[] = [
    { ALT: () => ({ nested: true, value: this.SUBRULE(this.annotation) }) },
    { ALT: () => ({ nested: false, value: this.SUBRULE(this.annotationElement) }) },
  ];

  protected annotationElement = this.RULE('annotationElement', (): AnnotationElement =>
    this.OR(this.annotationElementAlts),
  );

  protected readonly annotationElementAlts: IOrAlt<AnnotationElement>[] = [
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

  protected readonly keySeparatorAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Dot) },
    { ALT: () => this.CONSUME(T.Minus) },
    { ALT: () => this.CONSUME(T.Colon) },
  ];

  /** A part of a dotted annotation key: any name, `null`, `true`, `false` and `not` included. */
  protected propertyNamePart = this.RULE('propertyNamePart', (): IToken => this.OR(this.propertyNamePartAlts));

  protected readonly propertyNamePartAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Name) },
    { ALT: () => this.CONSUME(T.Null) },
    { ALT: () => this.CONSUME(T.True) },
    { ALT: () => this.CONSUME(T.False) },
    { ALT: () => this.CONSUME(T.Not) },
  ];

  // ------------------------------------------------------------------ definitions

  protected definition = this.RULE('definition', (annotations: Annotation[]): Definition => {
    this.elementAnnotations = annotations;
    return this.OR(this.definitionAlts);
  });

  protected readonly definitionAlts: IOrAlt<Definition>[] = [
    { ALT: () => this.SUBRULE(this.streamDefinition, { ARGS: [this.elementAnnotations] }) },
    { ALT: () => this.SUBRULE(this.tableDefinition, { ARGS: [this.elementAnnotations] }) },
    { ALT: () => this.SUBRULE(this.windowDefinition, { ARGS: [this.elementAnnotations] }) },
    { ALT: () => this.SUBRULE(this.triggerDefinition, { ARGS: [this.elementAnnotations] }) },
    { ALT: () => this.SUBRULE(this.aggregationDefinition, { ARGS: [this.elementAnnotations] }) },
    { ALT: () => this.SUBRULE(this.functionDefinition, { ARGS: [this.elementAnnotations] }) },
  ];

  protected definedId(source: SourceRef, what: string): string {
    if (source.isInnerStream) this.problem(source.span, `inner streams ('#') cannot be defined as a ${what}`);
    if (source.isFaultStream) this.problem(source.span, `fault streams ('!') cannot be defined as a ${what}`);
    return source.id;
  }

  protected streamDefinition = this.RULE('streamDefinition', (annotations: Annotation[]): StreamDefinition => {
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

  protected tableDefinition = this.RULE('tableDefinition', (annotations: Annotation[]): TableDefinition => {
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

  protected windowDefinition = this.RULE('windowDefinition', (annotations: Annotation[]): WindowDefinition => {
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

  protected triggerDefinition = this.RULE('triggerDefinition', (annotations: Annotation[]): TriggerDefinition => {
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

  protected aggregationDefinition = this.RULE(
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

  protected aggregationDurations = this.RULE('aggregationDurations', (): AggregationDurations => {
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

  protected aggregationDuration = this.RULE('aggregationDuration', (): TimeGranularity => {
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

  protected functionDefinition = this.RULE('functionDefinition', (annotations: Annotation[]): FunctionDefinition => {
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

  protected attributeList = this.RULE('attributeList', (): AttributeDefinition[] => {
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

  protected attributeType = this.RULE('attributeType', (): AttributeType => {
    const t = this.CONSUME(T.TypeName);
    return this.ACTION(() => ATTRIBUTE_TYPE_NAMES[t.tokenType.name] ?? 'object');
  });

  // ------------------------------------------------------------------ partitions

  protected partition = this.RULE('partition', (annotations: Annotation[]): Partition => {
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

  protected annotatedQuery = this.RULE('annotatedQuery', (): Query => {
    const annotations: Annotation[] = [];
    this.MANY(() => {
      const a = this.SUBRULE(this.annotation);
      this.ACTION(() => annotations.push(a));
    });
    return this.SUBRULE(this.query, { ARGS: [annotations] });
  });

  protected partitionWith = this.RULE('partitionWith', (): PartitionType => {
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
}
