/** The options of the prometheus sink (siddhi-io-prometheus 2.1.3's names and defaults). */
import type { OptionSpec } from '../../../lang/catalog.js';

export const PROMETHEUS_SINK_OPTIONS: OptionSpec[] = [
  {
    name: 'metric.type',
    type: ['string'],
    optional: false,
    description: "The metric's type: 'counter', 'gauge', 'histogram' or 'summary'.",
  },
  {
    name: 'publish.mode',
    type: ['string'],
    optional: true,
    defaultValue: 'server',
    description:
      "'server' serves the metrics over HTTP at server.url; 'pushgateway' pushes them to the Pushgateway at push.url after each message.",
  },
  {
    name: 'server.url',
    type: ['string'],
    optional: true,
    defaultValue: 'http://localhost:9080',
    description:
      "Where the metrics server listens in 'server' mode (host and port; it answers on any path). Sinks with the same host and port share one server.",
  },
  {
    name: 'push.url',
    type: ['string'],
    optional: true,
    defaultValue: 'http://localhost:9091',
    description: "The Pushgateway's URL, in 'pushgateway' mode.",
  },
  {
    name: 'job',
    type: ['string'],
    optional: true,
    defaultValue: 'siddhiJob',
    description: "The job the metrics are pushed under, in 'pushgateway' mode.",
  },
  {
    name: 'grouping.key',
    type: ['string'],
    optional: true,
    defaultValue: '<empty>',
    description: "Further keys of the Pushgateway group, as \"'key1:value1','key2:value2'\", in 'pushgateway' mode.",
  },
  {
    name: 'push.operation',
    type: ['string'],
    optional: true,
    defaultValue: 'pushadd',
    description:
      "'push' (PUT: replaces all metrics of the group) or 'pushadd' (POST: replaces only metrics of the same name).",
  },
  {
    name: 'metric.name',
    type: ['string'],
    optional: true,
    defaultValue: '<stream name>',
    description: 'The metric name; it must match [a-zA-Z_:][a-zA-Z0-9_:]*.',
  },
  {
    name: 'metric.help',
    type: ['string'],
    optional: true,
    defaultValue: 'help for <metric type> <metric name>',
    description: "The metric's help text.",
  },
  {
    name: 'value.attribute',
    type: ['string'],
    optional: true,
    defaultValue: 'value',
    description:
      'The numeric attribute holding the value: a counter or gauge is incremented by it, a histogram or summary observes it. The other attributes are labels.',
  },
  {
    name: 'buckets',
    type: ['string'],
    optional: true,
    defaultValue: '.005,.01,.025,.05,.075,.1,.25,.5,.75,1,2.5,5,7.5,10',
    description: 'Upper bounds of the histogram buckets, increasing, as "2,4,6,8" (histogram only; +Inf is added).',
  },
  {
    name: 'quantiles',
    type: ['string'],
    optional: true,
    defaultValue: '<none>',
    description:
      'Quantiles a summary reports, between 0 and 1, as "0.5,0.75,0.95" (summary only); without them a summary has only _count and _sum.',
  },
  {
    name: 'quantile.error',
    type: ['double'],
    optional: true,
    defaultValue: '0.001',
    description:
      "The error tolerance of the summary's quantiles, from 0 up to 1. Checked, but prom-client's estimator (a t-digest) has no such setting.",
  },
];
