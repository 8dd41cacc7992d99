/** Checks one query: input scope, selector, output. */
import type { Partition, Query } from '../ast.js';
import type { Attr } from './context.js';
import { tableResolver, type QueryEnv } from './env.js';
import { checkInput } from './input.js';
import { checkOutput } from './output.js';
import { checkSelector } from './selector.js';

export interface CheckedQuery {
  readonly query: Query;
  readonly partition?: Partition;
  readonly output: readonly Attr[];
}

export function checkQuery(env: QueryEnv, query: Query, partition?: Partition): CheckedQuery {
  const input = checkInput(env, query.input);
  const output = checkSelector(env.ctx, query.selector, input, tableResolver(env));
  const qualifiers = input.sources.flatMap((s) => s.qualifiers);
  const open = query.selector.selectAll && input.sources.some((s) => s.open);
  checkOutput(env, query.output, output, qualifiers, open);
  return { query, output, ...(partition ? { partition } : {}) };
}
