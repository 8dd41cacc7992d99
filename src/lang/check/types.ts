/** The public result types of the semantic checker. */
import type { AttributeType, Expression, Partition, Query } from '../ast.js';
import type { Diagnostic } from '../errors.js';

export interface SchemaAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export type SchemaKind = 'stream' | 'table' | 'window' | 'aggregation' | 'trigger';

/** A stream, table, window, aggregation or trigger as queries see it. */
export interface StreamSchema {
  readonly id: string;
  readonly kind: SchemaKind;
  readonly attributes: readonly SchemaAttribute[];
  /** An inner stream of a partition (`#S`). */
  readonly inner?: boolean;
  /** A fault stream (`!S`). */
  readonly fault?: boolean;
}

export interface QueryInfo {
  readonly query: Query;
  readonly partition?: Partition;
  /** schema of what the selector outputs */
  readonly output: readonly SchemaAttribute[];
}

export interface CheckResult {
  readonly diagnostics: readonly Diagnostic[];
  /** the type of every Expression node in the app (Map keyed by node identity), incl. args of windows/functions */
  readonly types: ReadonlyMap<Expression, AttributeType>;
  /**
   * every stream/table/window/aggregation/trigger definition plus inferred streams (insert into an undefined stream
   * defines it with the query's output schema; fault streams `!S` = S's attributes + `_error object`, defined for
   * every stream with @OnError(action='STREAM')); inner streams of partitions are keyed `#Name` per partition
   */
  readonly schemas: ReadonlyMap<string, StreamSchema>;
  readonly queries: readonly QueryInfo[];
}

export interface OnDemandCheckResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly types: ReadonlyMap<Expression, AttributeType>;
  readonly output: readonly SchemaAttribute[];
}
