import type { AttributeType, Expression, Variable, IsNullStreamExpression } from '../../lang/ast.js';

/** Where a variable lives in the generated function, and its type. */
export interface ResolvedVariable {
  /** A JS expression reading the value, e.g. `d[2]`, `r[0]`, `s[1].data[3]`. Must be side-effect free. */
  readonly code: string;
  readonly type: AttributeType;
}

/**
 * Maps the names an expression can see to code. Each query shape (single stream, join, pattern,
 * table condition, selector over output attributes) provides its own.
 */
export interface Scope {
  /** Resolves a variable, or returns an error message saying what was not found. */
  resolve(v: Variable): ResolvedVariable | string;
  /** `e1 is null` in patterns: code that is true when the reference matched nothing. */
  resolveNullStream?(e: IsNullStreamExpression): string | undefined;
  /** The code of the event's timestamp for `eventTimestamp()`; `eventTimestamp(e1)` resolves via `resolveTimestampOf`. */
  readonly timestampCode: string;
  resolveTimestampOf?(ref: string): string | undefined;
  /** What `fn(*)` passes: every attribute in scope, in order. */
  starAttributes?(): readonly ResolvedVariable[];
  /**
   * `cond in T`: returns code that evaluates the membership given the operand's code, or an error
   * message. `slot` makes a value reachable from the generated code (returns the code reading it).
   * `operand` is the condition itself, for scopes that hand it to the table to compile.
   */
  resolveIn?(
    sourceId: string,
    operandCode: string,
    operandType: AttributeType,
    slot: (value: (...args: unknown[]) => unknown) => string,
    operand?: Expression,
  ): string | { error: string };
  /** The scope the operand of `cond in T` compiles in (where `T.x` reads T's row); this scope when absent. */
  inScope?(sourceId: string): Scope;
}
