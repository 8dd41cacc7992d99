/**
 * The options of the prometheus sink, read and checked at app creation as siddhi-io-prometheus 2.1.3 does:
 * the metric (type, name, help, buckets, quantiles), the value attribute and the labels (every other
 * attribute), the publish mode and its URL, the pushgateway job, grouping key and push operation.
 */
import type { Attribute } from '../../../engine/app/app-context.js';
import type { SinkContext } from '../../framework/transport.js';
import { parseQuotedPairs } from './quoted-pairs.js';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';
export const METRIC_TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary'];
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export interface PrometheusSinkConfig {
  readonly publishMode: 'server' | 'pushgateway';
  /** server.url (server mode) or push.url (pushgateway mode). */
  readonly url: URL;
  readonly job: string;
  readonly pushOperation: 'push' | 'pushadd';
  readonly groupingKey: readonly (readonly [string, string])[];
  readonly metricType: MetricType;
  readonly metricName: string;
  readonly metricHelp: string;
  /** Histogram buckets; undefined: prom-client's defaults (the same as the Java client's). */
  readonly buckets: readonly number[] | undefined;
  /** Summary quantiles; none: the summary has only `_count` and `_sum`. */
  readonly quantiles: readonly number[];
  readonly quantileError: number;
  readonly valueIndex: number;
  /** The label attributes: every attribute but the value one, in stream order. */
  readonly labels: readonly (Attribute & { readonly index: number })[];
}

function numberList(option: string, text: string | undefined): number[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return text
    .trim()
    .split(/\s*,\s*/)
    .map((item) => {
      const n = item === '' ? NaN : Number(item);
      if (Number.isNaN(n)) {
        throw new Error(`${option} '${text}' must be numbers separated by commas, as "2,4,6,8"`);
      }
      return n;
    });
}

function httpUrl(option: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${option} '${text}' is not a URL; give one as 'http://localhost:9080'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${option} '${text}' must be an http:// URL`);
  }
  return url;
}

/** Reads and checks the sink's options; throws an error naming the option at fault. */
export function readSinkConfig(ctx: SinkContext): PrometheusSinkConfig {
  const o = ctx.options;
  const stream = ctx.streamId;
  const mapType = ctx.mapType.toLowerCase();
  if (mapType !== 'passthrough' && mapType !== 'keyvalue') {
    throw new Error(
      `the prometheus sink of '${stream}' publishes the stream's events as metrics; use @map(type='keyvalue') or no @map, not '${ctx.mapType}'`,
    );
  }
  const typeText = (o.get('metric.type') ?? '').trim().toLowerCase();
  const metricType = METRIC_TYPES.find((t) => t === typeText);
  if (metricType === undefined) {
    throw new Error(`metric.type '${o.get('metric.type') ?? ''}' must be one of ${METRIC_TYPES.join(', ')}`);
  }
  const modeText = o.getOr('publish.mode', 'server').trim().toLowerCase();
  if (modeText !== 'server' && modeText !== 'pushgateway') {
    throw new Error(`publish.mode '${o.get('publish.mode')}' must be 'server' or 'pushgateway'`);
  }
  const opText = o.getOr('push.operation', 'pushadd').trim().toLowerCase();
  if (opText !== 'push' && opText !== 'pushadd') {
    throw new Error(`push.operation '${o.get('push.operation')}' must be 'push' or 'pushadd'`);
  }
  const metricName = o.getOr('metric.name', stream).trim();
  if (!METRIC_NAME.test(metricName)) {
    throw new Error(`metric.name '${metricName}' does not match the regex [a-zA-Z_:][a-zA-Z0-9_:]*`);
  }
  const valueName = o.getOr('value.attribute', 'value').trim();
  const valueIndex = ctx.attributes.findIndex((a) => a.name === valueName);
  if (valueIndex < 0) {
    throw new Error(`value.attribute '${valueName}' is not an attribute of stream '${stream}'`);
  }
  const valueType = ctx.attributes[valueIndex]!.type;
  if (valueType !== 'int' && valueType !== 'long' && valueType !== 'float' && valueType !== 'double') {
    throw new Error(`value.attribute '${valueName}' is of type ${valueType}; it must be int, long, float or double`);
  }
  const labels = ctx.attributes.map((a, index) => ({ ...a, index })).filter((a) => a.index !== valueIndex);
  const reserved = metricType === 'histogram' ? 'le' : metricType === 'summary' ? 'quantile' : undefined;
  for (const l of labels) {
    if (l.name === reserved || l.name.startsWith('__')) {
      throw new Error(
        `attribute '${l.name}' of stream '${stream}' would be a label, but '${l.name}' is reserved in a ${metricType}; rename it`,
      );
    }
  }

  const buckets = numberList('buckets', o.get('buckets'));
  if (buckets !== undefined) {
    if (metricType !== 'histogram') throw new Error(`buckets is not supported for metric.type '${metricType}'`);
    for (let i = 1; i < buckets.length; i++) {
      if (buckets[i]! <= buckets[i - 1]!) throw new Error(`buckets '${o.get('buckets')}' must be in increasing order`);
    }
  }
  const quantiles = numberList('quantiles', o.get('quantiles'));
  if (quantiles !== undefined) {
    if (metricType !== 'summary') throw new Error(`quantiles is not supported for metric.type '${metricType}'`);
    if (quantiles.some((q) => q < 0 || q > 1)) {
      throw new Error(`quantiles '${o.get('quantiles')}' must be values between 0 and 1`);
    }
  }
  const errorText = o.getOr('quantile.error', '0.001').trim();
  const quantileError = errorText === '' ? NaN : Number(errorText);
  if (!(quantileError >= 0 && quantileError < 1)) {
    throw new Error(`quantile.error '${errorText}' must be a number from 0 up to (not including) 1`);
  }

  const publishMode = modeText;
  const url =
    publishMode === 'server'
      ? httpUrl('server.url', o.getOr('server.url', 'http://localhost:9080'))
      : httpUrl('push.url', o.getOr('push.url', 'http://localhost:9091'));
  if (publishMode === 'server' && url.protocol !== 'http:') {
    throw new Error(`server.url '${url.href}' must be an http:// URL (the metrics server serves plain HTTP)`);
  }
  const groupingKey = parseQuotedPairs('grouping.key', o.get('grouping.key'));
  return {
    publishMode,
    url,
    job: o.getOr('job', 'siddhiJob'),
    pushOperation: opText,
    groupingKey,
    metricType,
    metricName,
    metricHelp: o.getOr('metric.help', `help for ${metricType} ${metricName}`).trim(),
    buckets,
    quantiles: quantiles ?? [],
    quantileError,
    valueIndex,
    labels,
  };
}
