/**
 * `@purge(enable='true', interval='15 min', @retentionPeriod(sec='120 sec', min='24 hours', ...))`:
 * every `interval` of app time, the buckets older than their granularity's retention are dropped.
 * Purging is on by default (Siddhi's defaults: seconds 120 sec, minutes 24 h, hours 30 days,
 * days 1 year, months and years kept), and a retention shorter than Siddhi's minimum is refused.
 */
import type { AggregationDefinition, Annotation } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';
import type { AppContext } from '../app/app-context.js';
import { annotation, annotationValue } from '../app/build-app.js';
import type { TimerHandle } from '../time/scheduler.js';
import { parseTimeText } from '../time/time-text.js';
import type { IncrementalAggregation } from './aggregation.js';
import { normalizeDuration, type Granularity } from './granularity.js';

const DAY = 86_400_000;
const KEEP = Infinity;

const DEFAULT_RETENTION: Record<Granularity, number> = {
  seconds: 120_000,
  minutes: DAY,
  hours: 30 * DAY,
  days: 365 * DAY,
  months: KEEP,
  years: KEEP,
};

const MINIMUM_RETENTION: Record<Granularity, number> = {
  seconds: 120_000,
  minutes: 120 * 60_000,
  hours: 25 * 3_600_000,
  days: 32 * DAY,
  months: 13 * 30 * DAY,
  years: 0,
};

export interface PurgeSettings {
  readonly interval: number;
  /** Retention per granularity of the aggregation; Infinity keeps everything. */
  readonly retention: ReadonlyMap<Granularity, number>;
}

function timeOf(text: string, where: Annotation): number {
  const v = parseTimeText(text);
  if (typeof v === 'string') throw new CompileError(v, where.span);
  return v;
}

/** The purge settings of the definition, or undefined when purging is disabled. */
export function purgeSettings(
  def: AggregationDefinition,
  granularities: readonly Granularity[],
): PurgeSettings | undefined {
  const purge = annotation(def.annotations, 'purge');
  const enable = annotationValue(purge, 'enable');
  if (enable !== undefined && !/^(true|false)$/i.test(enable)) {
    throw new CompileError(`@purge(enable='${enable}') must be 'true' or 'false'`, purge!.span);
  }
  if (enable?.toLowerCase() === 'false') return undefined;
  const intervalText = annotationValue(purge, 'interval');
  const interval = purge && intervalText !== undefined ? timeOf(intervalText, purge) : 15 * 60_000;
  if (!(interval > 0)) throw new CompileError(`@purge interval must be positive`, purge!.span);
  const retention = new Map<Granularity, number>(granularities.map((g) => [g, DEFAULT_RETENTION[g]]));
  const periods = purge?.annotations.find((a) => a.name.toLowerCase() === 'retentionperiod');
  for (const el of periods?.elements ?? []) {
    const g = normalizeDuration(el.key ?? '');
    if (!g || !granularities.includes(g)) {
      throw new CompileError(
        `@retentionPeriod(${el.key ?? ''}=...): aggregation '${def.id}' has no ${g ?? el.key ?? ''} granularity to purge; it aggregates ${granularities.join(', ')}`,
        periods!.span,
      );
    }
    if (el.value.trim().toLowerCase() === 'all') {
      retention.set(g, KEEP);
      continue;
    }
    const ms = timeOf(el.value, periods!);
    if (ms < MINIMUM_RETENTION[g]) {
      throw new CompileError(
        `@retentionPeriod(${el.key}='${el.value}'): ${g} must be kept at least ${MINIMUM_RETENTION[g] / 60_000} minutes`,
        periods!.span,
      );
    }
    retention.set(g, ms);
  }
  return { interval, retention };
}

/** Drops, for each granularity, the buckets that started more than its retention before `now`. */
export function purgeOnce(agg: IncrementalAggregation, settings: PurgeSettings, now: number): number {
  let dropped = 0;
  for (const [g, keep] of settings.retention) if (keep !== KEEP) dropped += agg.purge(g, now - keep);
  return dropped;
}

/** Runs the purge every `interval` of app time between start and shutdown. */
export function installPurging(ctx: AppContext, def: AggregationDefinition, agg: IncrementalAggregation): void {
  const settings = purgeSettings(def, agg.granularities);
  if (!settings) return;
  let timer: TimerHandle | undefined;
  const arm = (from: number): void => {
    timer = ctx.scheduler.schedule(from + settings.interval, (at) => {
      purgeOnce(agg, settings, at);
      arm(at);
    });
  };
  ctx.lifecycle.push({
    start: () => arm(ctx.scheduler.now()),
    stop: () => {
      if (timer) ctx.scheduler.cancel(timer);
      timer = undefined;
    },
  });
}
