/**
 * What limiters need to know about the selector's output: which positions hold aggregator values,
 * and how to find the group of an output event.
 */
import type { Expression } from '../../../lang/ast.js';
import type { StreamEvent } from '../../event/stream-event.js';
import type { GroupedEvent, RateLimiterOptions } from './rate-limiter.js';

/** Output positions whose select expression is (at top level) an aggregator call, ascending. */
export function aggregatePositions(opts: RateLimiterOptions): readonly number[] {
  if (opts.aggregatePositions !== undefined) return [...opts.aggregatePositions].sort((a, b) => a - b);
  const sel = opts.selector;
  const isAggregator = opts.isAggregator;
  if (sel === undefined || isAggregator === undefined || sel.selectAll) return [];
  const out: number[] = [];
  sel.attributes.forEach((a, i) => {
    if (a.expression.kind === 'call' && isAggregator(a.expression)) out.push(i);
  });
  return out;
}

/** The number of output attributes, when it is known. */
export function outputSize(opts: RateLimiterOptions): number | undefined {
  if (opts.outputNames !== undefined) return opts.outputNames.length;
  const sel = opts.selector;
  if (sel !== undefined && !sel.selectAll) return sel.attributes.length;
  return undefined;
}

function isPlainVariable(e: Expression, name: string): boolean {
  return e.kind === 'variable' && e.name === name;
}

/** Output positions of the `group by` attributes, when all of them are selected as they are. */
function groupPositions(opts: RateLimiterOptions): number[] | undefined {
  const sel = opts.selector;
  if (sel === undefined || sel.groupBy.length === 0) return undefined;
  const positions: number[] = [];
  for (const v of sel.groupBy) {
    let at = -1;
    if (sel.selectAll) {
      at = opts.outputNames?.indexOf(v.name) ?? -1;
    } else {
      at = sel.attributes.findIndex((a) => isPlainVariable(a.expression, v.name));
    }
    if (at < 0) return undefined;
    positions.push(at);
  }
  return positions;
}

/**
 * The group of an output event: the key the selector attached (`GroupedEvent.groupKey`), else the
 * selected `group by` attributes, else one group for all (the group cannot be told from the output).
 */
export function groupKeyFunction(opts: RateLimiterOptions): (e: StreamEvent) => string {
  if (opts.groupKeyOf !== undefined) return opts.groupKeyOf;
  const positions = groupPositions(opts);
  const fromOutput =
    positions === undefined
      ? (): string => ''
      : positions.length === 1
        ? (e: StreamEvent): string => String(e.data[positions[0]!])
        : (e: StreamEvent): string => positions.map((p) => String(e.data[p])).join('\u0001');
  return (e) => {
    const k = (e as GroupedEvent).groupKey;
    return typeof k === 'string' ? k : fromOutput(e);
  };
}
