/**
 * The SiddhiQL syntax tree (the "query API"): plain, immutable, typed objects carrying source positions.
 * It knows nothing of execution. Every node has a `kind` discriminator and a `span`.
 */

/** A position in the app text: 1-based line and column, 0-based offset. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** The text range a node was parsed from (`end` is exclusive). */
export interface Span {
  readonly start: Position;
  readonly end: Position;
}

export type AttributeType = 'string' | 'int' | 'long' | 'float' | 'double' | 'bool' | 'object';
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'int', 'long', 'float', 'double', 'bool', 'object'];

// ---------------------------------------------------------------- annotations

/** `key = 'value'` or a positional `'value'` (key undefined) inside an annotation. */
export interface AnnotationElement {
  readonly key: string | undefined;
  readonly value: string;
  readonly span: Span;
}

/** `@name(elements..., @nested(...))`; names keep their namespace, as written: `app:name`, `source`, `map`. */
export interface Annotation {
  readonly kind: 'annotation';
  readonly name: string;
  readonly elements: readonly AnnotationElement[];
  readonly annotations: readonly Annotation[];
  readonly span: Span;
}

// ---------------------------------------------------------------- expressions

export type ConstantType = 'int' | 'long' | 'float' | 'double' | 'bool' | 'string' | 'null';

/** A literal. Time constants (`5 sec`) are `long` milliseconds with `isTime` set. */
export interface Constant {
  readonly kind: 'constant';
  readonly type: ConstantType;
  readonly value: number | string | boolean | null;
  readonly isTime?: boolean;
  readonly span: Span;
}

/** An index into the events a pattern reference collected: `e1[0]`, `e1[last]`, `e1[last - 2]`. */
export type EventIndex =
  { readonly kind: 'at'; readonly index: number } | { readonly kind: 'last'; readonly minus: number };

/**
 * An attribute reference: `price`, `S.price`, `e1.price`, `e1[0].price`, `#S.price` (inner stream), `!S.price` (fault stream).
 * `streamId` is the stream, table, window, aggregation or event reference qualifier, when written.
 */
export interface Variable {
  readonly kind: 'variable';
  readonly name: string;
  readonly streamId?: string;
  readonly streamIndex?: EventIndex;
  readonly isInnerStream?: boolean;
  readonly isFaultStream?: boolean;
  readonly span: Span;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOperator = 'and' | 'or';
export type BinaryOperator = ArithmeticOperator | CompareOperator | LogicalOperator;

export interface BinaryExpression {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly span: Span;
}

export interface NotExpression {
  readonly kind: 'not';
  readonly operand: Expression;
  readonly span: Span;
}

/** Unary minus on a non-literal operand (`-price`); `-5` parses as a negative constant. */
export interface NegateExpression {
  readonly kind: 'negate';
  readonly operand: Expression;
  readonly span: Span;
}

/** `expr is null`. */
export interface IsNullExpression {
  readonly kind: 'isNull';
  readonly operand: Expression;
  readonly span: Span;
}

/** `e1 is null` / `e1[0] is null` in patterns: whether an event reference matched nothing. */
export interface IsNullStreamExpression {
  readonly kind: 'isNullStream';
  readonly streamId: string;
  readonly streamIndex?: EventIndex;
  readonly isInnerStream?: boolean;
  readonly isFaultStream?: boolean;
  readonly span: Span;
}

/** `expr in T`: the condition holds for some row of table (or window) `T`. */
export interface InExpression {
  readonly kind: 'in';
  readonly operand: Expression;
  readonly sourceId: string;
  readonly span: Span;
}

/** `fn(args)` or `ns:fn(args)`; `count()` has no args; `*` as the only argument is recorded as `star`. */
export interface FunctionCall {
  readonly kind: 'call';
  readonly namespace?: string;
  readonly name: string;
  readonly args: readonly Expression[];
  readonly star?: boolean;
  readonly span: Span;
}

export type Expression =
  | Constant
  | Variable
  | BinaryExpression
  | NotExpression
  | NegateExpression
  | IsNullExpression
  | IsNullStreamExpression
  | InExpression
  | FunctionCall;

// ---------------------------------------------------------------- definitions

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly span: Span;
}

export interface StreamDefinition {
  readonly kind: 'streamDefinition';
  readonly id: string;
  readonly attributes: readonly AttributeDefinition[];
  readonly annotations: readonly Annotation[];
  readonly span: Span;
}

export interface TableDefinition {
  readonly kind: 'tableDefinition';
  readonly id: string;
  readonly attributes: readonly AttributeDefinition[];
  readonly annotations: readonly Annotation[];
  readonly span: Span;
}

/** A window, stream function or stream processor call: `#window.ns:name(args)` / `#ns:name(args)`. */
export interface ExtensionCall {
  readonly namespace?: string;
  readonly name: string;
  readonly args: readonly Expression[];
  /** `#fn(*)`: every attribute of the input, in order. */
  readonly star?: boolean;
  readonly span: Span;
}

export type OutputEventType = 'current' | 'expired' | 'all';

export interface WindowDefinition {
  readonly kind: 'windowDefinition';
  readonly id: string;
  readonly attributes: readonly AttributeDefinition[];
  readonly window: ExtensionCall;
  /** `output all|current|expired events`; undefined when not written (Siddhi's default is all). */
  readonly outputEventType?: OutputEventType;
  readonly annotations: readonly Annotation[];
  readonly span: Span;
}

export type TriggerAt =
  | { readonly kind: 'start' }
  | { readonly kind: 'every'; readonly millis: number }
  | { readonly kind: 'cron'; readonly expression: string };

export interface TriggerDefinition {
  readonly kind: 'triggerDefinition';
  readonly id: string;
  readonly at: TriggerAt;
  readonly annotations: readonly Annotation[];
  readonly span: Span;
}

export type TimeGranularity = 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years';
export const TIME_GRANULARITIES: readonly TimeGranularity[] = [
  'seconds',
  'minutes',
  'hours',
  'days',
  'weeks',
  'months',
  'years',
];

/** `every sec ... year` (range) or `every sec, min, hour` (list). */
export type AggregationDurations =
  | { readonly kind: 'range'; readonly from: TimeGranularity; readonly to: TimeGranularity }
  | { readonly kind: 'list'; readonly list: readonly TimeGranularity[] };

export interface AggregationDefinition {
  readonly kind: 'aggregationDefinition';
  readonly id: string;
  readonly input: SingleInputStream;
  readonly selector: Selector;
  /** `aggregate by ts` */
  readonly aggregateBy?: Variable;
  readonly durations: AggregationDurations;
  readonly annotations: readonly Annotation[];
  readonly span: Span;
}

export interface FunctionDefinition {
  readonly kind: 'functionDefinition';
  readonly id: string;
  readonly language: string;
  readonly returnType: AttributeType;
  /** The body between the braces, verbatim. */
  readonly body: string;
  readonly annotations: readonly Annotation[];
  readonly span: Span;
}

export type Definition =
  | StreamDefinition
  | TableDefinition
  | WindowDefinition
  | TriggerDefinition
  | AggregationDefinition
  | FunctionDefinition;

// ---------------------------------------------------------------- input streams

export interface FilterHandler {
  readonly kind: 'filter';
  readonly condition: Expression;
  readonly span: Span;
}

/** `#fn(...)` / `#ns:fn(...)`: a stream function or stream processor. */
export interface StreamFunctionHandler {
  readonly kind: 'streamFunction';
  readonly call: ExtensionCall;
  readonly span: Span;
}

/** `#window.name(...)` / `#window.ns:name(...)`. */
export interface WindowHandler {
  readonly kind: 'window';
  readonly call: ExtensionCall;
  readonly span: Span;
}

export type StreamHandler = FilterHandler | StreamFunctionHandler | WindowHandler;

/** `S`, `#S`, `!S`, with its handlers in written order, and an optional `as alias` (joins, on-demand queries). */
export interface SingleInputStream {
  readonly kind: 'single';
  readonly streamId: string;
  readonly isInnerStream: boolean;
  readonly isFaultStream: boolean;
  readonly handlers: readonly StreamHandler[];
  readonly alias?: string;
  readonly span: Span;
}

export type JoinType = 'inner' | 'leftOuter' | 'rightOuter' | 'fullOuter';

/** `within '2020-**'` or `within start, end` (aggregation joins, on-demand queries). */
export interface WithinTime {
  readonly start: Expression;
  readonly end?: Expression;
  readonly span: Span;
}

export interface JoinInputStream {
  readonly kind: 'join';
  readonly left: SingleInputStream;
  readonly right: SingleInputStream;
  readonly joinType: JoinType;
  /** Which side triggers output: `unidirectional` on the left gives 'left', on the right 'right', none 'all'. */
  readonly trigger: 'left' | 'right' | 'all';
  readonly on?: Expression;
  readonly within?: WithinTime;
  readonly per?: Expression;
  readonly span: Span;
}

/** One stream in a pattern or sequence: `e1=S[cond]` (eventRef optional). */
export interface StreamStateElement {
  readonly kind: 'streamState';
  readonly eventRef?: string;
  readonly stream: SingleInputStream;
  readonly span: Span;
}

/** `not S[cond] for 5 sec` (forMillis optional: `not S and e2=T`). */
export interface AbsentStateElement {
  readonly kind: 'absentState';
  readonly stream: SingleInputStream;
  readonly forMillis?: number;
  readonly span: Span;
}

/** Counting: `e1=S<2:5>` in patterns; `e1=S+` (1..), `e1=S*` (0..), `e1=S?` (0..1) in sequences. `max` -1 is unbounded. */
export interface CountStateElement {
  readonly kind: 'countState';
  readonly element: StreamStateElement;
  readonly min: number;
  readonly max: number;
  readonly span: Span;
}

export interface LogicalStateElement {
  readonly kind: 'logicalState';
  readonly op: 'and' | 'or';
  readonly left: StreamStateElement | AbsentStateElement;
  readonly right: StreamStateElement | AbsentStateElement;
  readonly span: Span;
}

/** `first -> next` (pattern) or `first, next` (sequence). */
export interface NextStateElement {
  readonly kind: 'nextState';
  readonly first: StateElement;
  readonly next: StateElement;
  readonly span: Span;
}

export interface EveryStateElement {
  readonly kind: 'everyState';
  readonly element: StateElement;
  readonly span: Span;
}

/** A parenthesised group, kept so that a `within` on the group has a home. */
export interface GroupStateElement {
  readonly kind: 'groupState';
  readonly element: StateElement;
  readonly withinMillis?: number;
  readonly span: Span;
}

export type StateElement =
  | StreamStateElement
  | AbsentStateElement
  | CountStateElement
  | LogicalStateElement
  | NextStateElement
  | EveryStateElement
  | GroupStateElement;

export interface StateInputStream {
  readonly kind: 'pattern' | 'sequence';
  readonly state: StateElement;
  readonly withinMillis?: number;
  readonly span: Span;
}

/**
 * `from (from S ... return)` or `from from S ... return`: an anonymous inner query whose returned events are the
 * outer query's input (Siddhi's AnonymousInputStream). Its `query.output` is always a `return`.
 */
export interface AnonymousInputStream {
  readonly kind: 'anonymous';
  readonly query: Query;
  readonly span: Span;
}

export type InputStream = SingleInputStream | JoinInputStream | StateInputStream | AnonymousInputStream;

// ---------------------------------------------------------------- selection and output

export interface OutputAttribute {
  /** The `as` name; undefined when the expression is a plain variable (its name is used). */
  readonly rename?: string;
  readonly expression: Expression;
  readonly span: Span;
}

export interface OrderByAttribute {
  readonly variable: Variable;
  readonly order: 'asc' | 'desc';
  readonly span: Span;
}

export interface Selector {
  /** `select *` (or no select clause) selects every input attribute: `selectAll` is true and `attributes` empty. */
  readonly selectAll: boolean;
  readonly attributes: readonly OutputAttribute[];
  readonly groupBy: readonly Variable[];
  readonly having?: Expression;
  readonly orderBy: readonly OrderByAttribute[];
  readonly limit?: Expression;
  readonly offset?: Expression;
  readonly span: Span;
}

export type OutputRate =
  | { readonly kind: 'events'; readonly type: 'all' | 'first' | 'last'; readonly count: number; readonly span: Span }
  | { readonly kind: 'time'; readonly type: 'all' | 'first' | 'last'; readonly millis: number; readonly span: Span }
  | { readonly kind: 'snapshot'; readonly millis: number; readonly span: Span };

export interface SetAssignment {
  readonly target: Variable;
  readonly value: Expression;
  readonly span: Span;
}

export interface InsertIntoOutput {
  readonly kind: 'insert';
  readonly target: string;
  readonly isInnerStream: boolean;
  readonly isFaultStream: boolean;
  /** undefined when not written (current events, except for on-demand and `all` where Siddhi infers). */
  readonly eventType?: OutputEventType;
  readonly span: Span;
}

export interface DeleteOutput {
  readonly kind: 'delete';
  readonly target: string;
  readonly eventType?: OutputEventType;
  readonly on: Expression;
  readonly span: Span;
}

export interface UpdateOutput {
  readonly kind: 'update';
  readonly target: string;
  readonly eventType?: OutputEventType;
  readonly set: readonly SetAssignment[];
  readonly on: Expression;
  readonly span: Span;
}

export interface UpdateOrInsertOutput {
  readonly kind: 'updateOrInsert';
  readonly target: string;
  readonly eventType?: OutputEventType;
  readonly set: readonly SetAssignment[];
  readonly on: Expression;
  readonly span: Span;
}

export interface ReturnOutput {
  readonly kind: 'return';
  readonly eventType?: OutputEventType;
  readonly span: Span;
}

export type OutputStream = InsertIntoOutput | DeleteOutput | UpdateOutput | UpdateOrInsertOutput | ReturnOutput;

export interface Query {
  readonly kind: 'query';
  readonly annotations: readonly Annotation[];
  readonly input: InputStream;
  readonly selector: Selector;
  readonly outputRate?: OutputRate;
  readonly output: OutputStream;
  readonly span: Span;
}

// ---------------------------------------------------------------- partitions

export interface ValuePartitionType {
  readonly kind: 'valuePartition';
  readonly streamId: string;
  readonly expression: Expression;
  readonly span: Span;
}

export interface RangePartitionType {
  readonly kind: 'rangePartition';
  readonly streamId: string;
  readonly ranges: readonly { readonly condition: Expression; readonly label: string; readonly span: Span }[];
  readonly span: Span;
}

export type PartitionType = ValuePartitionType | RangePartitionType;

export interface Partition {
  readonly kind: 'partition';
  readonly annotations: readonly Annotation[];
  readonly partitionTypes: readonly PartitionType[];
  readonly queries: readonly Query[];
  readonly span: Span;
}

export type ExecutionElement = Query | Partition;

// ---------------------------------------------------------------- app

export interface SiddhiApp {
  readonly kind: 'app';
  /** App-level annotations: `@app:name('X')`, `@app:playback`, ... */
  readonly annotations: readonly Annotation[];
  /** Definitions in written order. */
  readonly definitions: readonly Definition[];
  /** Queries and partitions in written order. */
  readonly elements: readonly ExecutionElement[];
  readonly span: Span;
}

// ---------------------------------------------------------------- on-demand (store) queries

/** `from T [as t] [on cond] [within ... per ...]` in an on-demand query. */
export interface OnDemandInput {
  readonly storeId: string;
  readonly alias?: string;
  readonly on?: Expression;
  readonly within?: WithinTime;
  readonly per?: Expression;
  readonly span: Span;
}

/**
 * An on-demand query: `from T on cond select ...` (find), `select ... insert into T`,
 * `delete T on ...`, `update T set ... on ...`, `update or insert into T set ... on ...`,
 * optionally preceded by `from T on cond select ...` for the write forms.
 */
export interface OnDemandQuery {
  readonly kind: 'onDemandQuery';
  readonly input?: OnDemandInput;
  readonly selector: Selector;
  readonly output?: InsertIntoOutput | DeleteOutput | UpdateOutput | UpdateOrInsertOutput;
  readonly span: Span;
}
