/**
 * What a read of an aggregation compiles once: its `within` bounds and `per` value (expressions
 * over the joined event, or constants in on-demand queries) and its `on` condition over the rows.
 * `rows(input, ts)` then answers for one event.
 */
import type { Expression, WithinTime } from '../../lang/ast.js';
import { CompileError, ExpressionCompiler, instantiate } from '../../plan/expression/compile.js';
import type { Span } from '../../lang/ast.js';
import { compileRowCondition, params, type RowTest } from '../table/row-condition.js';
import type { ConditionContext } from '../table/table.js';
import type { IncrementalAggregation } from './aggregation.js';
import { withinRange } from './within-time.js';

type InputFn = (input: unknown, ts: number) => unknown;

export interface AggregationRead {
  /** The rows matching `within`, `per` and `on` for one incoming event (`input` binds `cc.params[0]`). */
  rows(input: unknown, ts: number): unknown[][];
}

function compileInput(e: Expression, cc: ConditionContext, what: string): InputFn {
  const c = new ExpressionCompiler(cc.resolver);
  const r = c.compile(e, cc.outer);
  if (r.type !== 'string' && r.type !== 'long' && r.type !== 'int' && r.type !== 'object') {
    throw new CompileError(`${what} must be a string or a long, but is ${r.type}`, e.span);
  }
  return instantiate<InputFn>([...params(cc)], `${c.tempDeclarations()}\nreturn ${r.code};`, c.functions);
}

export function compileAggregationRead(
  agg: IncrementalAggregation,
  within: WithinTime | undefined,
  per: Expression | undefined,
  on: Expression | undefined,
  cc: ConditionContext,
  span: Span,
): AggregationRead {
  if (!within) throw new CompileError(`reading aggregation '${agg.id}' needs 'within' (a time range)`, span);
  if (!per) throw new CompileError(`reading aggregation '${agg.id}' needs 'per' (a granularity such as 'hours')`, span);
  const start = compileInput(within.start, cc, `the start of 'within'`);
  const end = within.end ? compileInput(within.end, cc, `the end of 'within'`) : undefined;
  const perFn = compileInput(per, cc, `'per'`);
  const cond = compileRowCondition(agg.attributes, on, cc, { primaryKey: [], indexes: [] });
  const test: RowTest | undefined = cond.test;
  return {
    rows(input: unknown, ts: number): unknown[][] {
      const [from, to] = end ? withinRange(start(input, ts), end(input, ts), true) : withinRange(start(input, ts));
      const rows = agg.find(from, to, String(perFn(input, ts)));
      if (!test) return rows;
      return rows.filter((r) => test(r, input, ts));
    },
  };
}
