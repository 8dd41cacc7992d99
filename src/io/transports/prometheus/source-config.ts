/**
 * The options of the prometheus source (siddhi-io-prometheus 2.1.3's names and defaults), read and checked
 * at app creation.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { AttributeType } from '../../../lang/ast.js';
import type { OptionSpec } from '../../../lang/catalog.js';
import type { SourceContext } from '../../framework/transport.js';
import { parseQuotedPairs } from './quoted-pairs.js';
import type { ScrapeTarget } from './scrape-request.js';
import { METRIC_NAME, METRIC_TYPES, type MetricType } from './sink-config.js';

export const PROMETHEUS_SOURCE_OPTIONS: OptionSpec[] = [
  {
    name: 'target.url',
    type: ['string'],
    optional: false,
    description: 'The URL that exports the metrics in the text format, e.g. http://localhost:9080/metrics.',
  },
  {
    name: 'metric.type',
    type: ['string'],
    optional: false,
    description: "The type of the metric to fetch: 'counter', 'gauge', 'histogram' or 'summary'.",
  },
  {
    name: 'metric.name',
    type: ['string'],
    optional: true,
    defaultValue: '<stream name>',
    description: 'The name of the metric to fetch.',
  },
  {
    name: 'scrape.interval',
    type: ['int'],
    optional: true,
    defaultValue: '60',
    description: 'Seconds between scrapes (the first is at start). Events are sent only when the response changed.',
  },
  {
    name: 'scrape.timeout',
    type: ['int'],
    optional: true,
    defaultValue: '10',
    description: 'Seconds a scrape waits for the reply.',
  },
  {
    name: 'scheme',
    type: ['string'],
    optional: true,
    defaultValue: 'HTTP',
    description: "'HTTP' or 'HTTPS'; it must be the scheme of target.url.",
  },
  {
    name: 'username',
    type: ['string'],
    optional: true,
    defaultValue: '<empty>',
    description: 'User of basic authentication at the target (with password).',
  },
  {
    name: 'password',
    type: ['string'],
    optional: true,
    defaultValue: '<empty>',
    description: 'Password of basic authentication at the target (with username).',
  },
  {
    name: 'client.truststore.file',
    type: ['string'],
    optional: true,
    defaultValue: '<system CAs>',
    description:
      'For HTTPS: a PEM file of CAs to trust besides the system ones (Siddhi takes a JKS truststore; Tributary reads PEM).',
  },
  {
    name: 'client.truststore.password',
    type: ['string'],
    optional: true,
    defaultValue: '<empty>',
    description: 'Accepted for compatibility; a PEM file has no password.',
  },
  {
    name: 'headers',
    type: ['string'],
    optional: true,
    defaultValue: '<empty>',
    description: "Request headers, as \"'header1:value1','header2:value2'\".",
  },
  {
    name: 'job',
    type: ['string'],
    optional: true,
    defaultValue: '<empty>',
    description: "Only samples whose 'job' label has this value (ignoring case).",
  },
  {
    name: 'instance',
    type: ['string'],
    optional: true,
    defaultValue: '<empty>',
    description: "Only samples whose 'instance' label has this value (ignoring case).",
  },
  {
    name: 'grouping.key',
    type: ['string'],
    optional: true,
    defaultValue: '<empty>',
    description:
      "Only samples with these label values (ignoring case), as \"'key1:value1','key2:value2'\" (for metrics exported by a Pushgateway).",
  },
];

export interface PrometheusSourceConfig {
  readonly target: ScrapeTarget;
  readonly intervalMs: number;
  readonly metricName: string;
  readonly metricType: MetricType;
  /** Label values samples must have: job, instance and the grouping key. */
  readonly filter: readonly (readonly [string, string])[];
  readonly valueType: AttributeType;
}

function seconds(ctx: SourceContext, option: string, defaultValue: string): number {
  const text = ctx.options.getOr(option, defaultValue).trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n > 0)) throw new Error(`${option} '${text}' must be a positive whole number of seconds`);
  return n * 1000;
}

/** Reads and checks the source's options; throws an error naming the option at fault. */
export function readSourceConfig(ctx: SourceContext): PrometheusSourceConfig {
  const o = ctx.options;
  const stream = ctx.streamId;
  const mapType = ctx.mapType.toLowerCase();
  if (mapType !== 'keyvalue' && mapType !== 'passthrough') {
    throw new Error(
      `the prometheus source of '${stream}' produces key-value events; use @map(type='keyvalue') or no @map, not '${ctx.mapType}'`,
    );
  }
  const urlText = (o.get('target.url') ?? '').trim();
  if (urlText === '') throw new Error('target.url is empty; give the URL that exports the metrics');
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new Error(`target.url '${urlText}' is not a URL`);
  }
  const scheme = o.getOr('scheme', 'HTTP').trim().toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    throw new Error(`scheme '${o.get('scheme')}' must be 'HTTP' or 'HTTPS'`);
  }
  if (url.protocol !== `${scheme}:`) {
    throw new Error(`scheme '${o.getOr('scheme', 'HTTP')}' does not match the scheme of target.url '${urlText}'`);
  }
  const typeText = (o.get('metric.type') ?? '').trim().toLowerCase();
  const metricType = METRIC_TYPES.find((t) => t === typeText);
  if (metricType === undefined) {
    throw new Error(`metric.type '${o.get('metric.type') ?? ''}' must be one of ${METRIC_TYPES.join(', ')}`);
  }
  const metricName = o.getOr('metric.name', stream).trim();
  if (!METRIC_NAME.test(metricName)) {
    throw new Error(`metric.name '${metricName}' does not match the regex [a-zA-Z_:][a-zA-Z0-9_:]*`);
  }
  const value = ctx.attributes.find((a) => a.name === 'value');
  if (value === undefined) {
    throw new Error(
      `the prometheus source needs an attribute 'value' (int, long, float or double) in stream '${stream}'`,
    );
  }
  if (value.type !== 'int' && value.type !== 'long' && value.type !== 'float' && value.type !== 'double') {
    throw new Error(`attribute 'value' of stream '${stream}' is ${value.type}; it must be int, long, float or double`);
  }
  const username = o.getOr('username', '');
  const password = o.getOr('password', '');
  if ((username.trim() === '') !== (password.trim() === '')) {
    throw new Error('basic authentication needs both username and password');
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of parseQuotedPairs('headers', o.get('headers'))) headers[k] = v;
  if (username.trim() !== '') {
    headers['authorization'] = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  }
  const caFile = o.get('client.truststore.file')?.trim();
  let ca: (string | Buffer)[] | undefined;
  if (caFile) {
    try {
      ca = [...rootCertificates, readFileSync(caFile)];
    } catch (e) {
      throw new Error(`client.truststore.file '${caFile}' cannot be read (${(e as Error).message}); give a PEM file`);
    }
  }
  const filter: [string, string][] = [];
  const job = o.getOr('job', '').trim();
  if (job !== '') filter.push(['job', job]);
  const instance = o.getOr('instance', '').trim();
  if (instance !== '') filter.push(['instance', instance]);
  filter.push(...parseQuotedPairs('grouping.key', o.get('grouping.key')));
  return {
    target: {
      url,
      headers,
      timeoutMs: seconds(ctx, 'scrape.timeout', '10'),
      ...(ca ? { ca } : {}),
    },
    intervalMs: seconds(ctx, 'scrape.interval', '60'),
    metricName,
    metricType,
    filter,
    valueType: value.type,
  };
}
