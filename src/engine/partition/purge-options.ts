/** `@purge(enable='true', interval='1 sec', idle.period='1 min')` of a partition, read as Siddhi reads it. */
import type { Annotation, Span } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';

export interface PurgeOptions {
  /** How often idle instances are looked for, in milliseconds. */
  readonly intervalMillis: number;
  /** An instance unused for longer than this is removed, in milliseconds. */
  readonly idleMillis: number;
}

/** Siddhi's default purge interval: every 5 minutes. */
const DEFAULT_INTERVAL = 300_000;

const UNITS: readonly [RegExp, number][] = [
  [/^(ms|millis|millisec|millisecs|millisecond|milliseconds)$/, 1],
  [/^(s|sec|secs|second|seconds)$/, 1000],
  [/^(m|min|mins|minute|minutes)$/, 60_000],
  [/^(h|hour|hours)$/, 3_600_000],
  [/^(d|day|days)$/, 86_400_000],
  [/^(w|week|weeks)$/, 604_800_000],
  [/^(month|months)$/, 2_630_000_000],
  [/^(y|year|years)$/, 31_556_952_000],
];

/** `'1 sec'`, `'500 millisec'`, `'2 min'`, `'1500'` (milliseconds) → milliseconds; undefined when unreadable. */
export function timeToMillis(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (unit === '') return n;
  const u = UNITS.find(([re]) => re.test(unit));
  return u ? n * u[1] : undefined;
}

function element(a: Annotation, key: string): string | undefined {
  return a.elements.find((e) => e.key?.toLowerCase() === key)?.value;
}

function millis(a: Annotation, key: string, span: Span): number | undefined {
  const v = element(a, key);
  if (v === undefined) return undefined;
  const ms = timeToMillis(v);
  if (ms === undefined || ms <= 0) {
    throw new CompileError(`@purge ${key} '${v}' is not a time; write it as '1 sec', '5 min' or milliseconds`, span);
  }
  return ms;
}

/** The partition's purge settings; undefined when purging is off. Throws on a malformed annotation. */
export function purgeOptions(annotations: readonly Annotation[]): PurgeOptions | undefined {
  const a = annotations.find((x) => x.name.toLowerCase() === 'purge');
  if (!a) return undefined;
  const enable = element(a, 'enable');
  if (enable === undefined) throw new CompileError(`@purge is missing element 'enable'`, a.span);
  const e = enable.toLowerCase();
  if (e !== 'true' && e !== 'false') {
    throw new CompileError(`invalid value for @purge enable: '${enable}'; use 'true' or 'false'`, a.span);
  }
  const idleMillis = millis(a, 'idle.period', a.span);
  if (idleMillis === undefined) throw new CompileError(`@purge is missing element 'idle.period'`, a.span);
  const intervalMillis = millis(a, 'interval', a.span) ?? DEFAULT_INTERVAL;
  return e === 'true' ? { intervalMillis, idleMillis } : undefined;
}
