/**
 * How siddhi-io-prometheus's source turns the samples of one metric family into key-value events:
 * `metric_name`, `metric_type`, `help`, `subtype` ('null' for a sample of the bare name, 'bucket', 'count'
 * or 'sum'), one key per label (a histogram's `le` and a summary's `quantile` among them; '' on the `_count`
 * and `_sum` samples), and `value`. Samples can be narrowed to a job, an instance and a grouping key.
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExpositionFamily, ExpositionSample } from './exposition-parser.js';
import type { MetricType } from './sink-config.js';

export interface SampleFilter {
  /** Label values the samples must have (compared ignoring case); empty: every sample. */
  readonly labels: readonly (readonly [string, string])[];
}

export type SampleEvent = Record<string, string | number>;

function subtypeOf(family: ExpositionFamily, sample: ExpositionSample): string | undefined {
  if (sample.name === family.name) return 'null';
  const suffix = sample.name.slice(family.name.length);
  if (suffix === '_bucket' && family.type === 'histogram') return 'bucket';
  if (suffix === '_count') return 'count';
  if (suffix === '_sum') return 'sum';
  return undefined;
}

function matches(sample: ExpositionSample, filter: SampleFilter): boolean {
  return filter.labels.every(([k, v]) => {
    const found = sample.labels.find(([name]) => name === k);
    return found !== undefined && found[1].toLowerCase() === v.toLowerCase();
  });
}

/** The value as the stream's `value` attribute takes it: int and long drop the fraction. */
export function convertValue(value: number, type: AttributeType): number {
  switch (type) {
    case 'int':
    case 'long':
      if (!Number.isFinite(value)) throw new Error(`${value} does not fit an ${type} value attribute`);
      return Math.trunc(value);
    case 'float':
      return Math.fround(value);
    default:
      return value;
  }
}

/** The events of the family's samples that pass the filter (empty when none does). */
export function sampleEvents(
  family: ExpositionFamily,
  metricType: MetricType,
  filter: SampleFilter,
  valueType: AttributeType,
  onError: (message: string) => void,
): SampleEvent[] {
  const events: SampleEvent[] = [];
  for (const sample of family.samples) {
    const subtype = subtypeOf(family, sample);
    if (subtype === undefined || !matches(sample, filter)) continue;
    let value: number;
    try {
      value = convertValue(sample.value, valueType);
    } catch (e) {
      onError(`sample ${sample.name} of ${family.name}: ${(e as Error).message}`);
      continue;
    }
    const event: SampleEvent = { metric_name: family.name, metric_type: metricType, help: family.help, subtype };
    for (const [k, v] of sample.labels) event[k] = v;
    if (subtype === 'count' || subtype === 'sum') {
      if (metricType === 'histogram') event['le'] = '';
      if (metricType === 'summary') event['quantile'] = '';
    }
    event['value'] = value;
    events.push(event);
  }
  return events;
}
