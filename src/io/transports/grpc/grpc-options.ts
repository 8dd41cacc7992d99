/**
 * The options the gRPC transports share, under siddhi-io-grpc's names, and how they map onto @grpc/grpc-js
 * channel and server options. Durations are milliseconds: siddhi-io-grpc's docs say seconds for some of them,
 * but its code hands every value to gRPC as milliseconds.
 */
import type { OptionSpec } from '../../../lang/catalog.js';
import type { OptionReader } from '../../framework/transport.js';
import { parseHeaders } from '../shared/header-list.js';
import { CLIENT_TLS_OPTIONS, SERVER_TLS_OPTIONS } from './grpc-tls.js';

const URL_FORMAT =
  '`grpc://host:port/org.wso2.grpc.EventService/<method>`, optionally followed by `/<sequence>` (a Micro Integrator sequence, sent as the `sequence` header); `grpc://host:port/<sequence>` is short for the default service.';

/** Options of the client sinks (`grpc`, `grpc-call`); `method` is the EventService method they call. */
export function clientOptions(method: string): OptionSpec[] {
  return [
    {
      name: 'publisher.url',
      type: ['string'],
      optional: false,
      description: `The server to call: ${URL_FORMAT} Here the method is \`${method}\`.`,
    },
    {
      name: 'headers',
      type: ['string'],
      optional: true,
      dynamic: true,
      description:
        "Headers of the sent Event message, as `\"'name:value','name2:value2'\"` (e.g. `'stream.id:InStream'` for a grpc source); may hold `{{attr}}`.",
    },
    {
      name: 'metadata',
      type: ['string'],
      optional: true,
      dynamic: true,
      description:
        "gRPC metadata of each call, as `\"'name:value','name2:value2'\"` (names are lower-cased on the wire); may hold `{{attr}}`.",
    },
    {
      name: 'request.timeout',
      type: ['long'],
      optional: true,
      defaultValue: '30000',
      description:
        'Milliseconds a call may take (its gRPC deadline); a call without an answer by then counts as a lost connection. Tributary only: Siddhi waits without limit.',
    },
    {
      name: 'idle.timeout',
      type: ['long'],
      optional: true,
      defaultValue: '1800000',
      description:
        'Milliseconds without calls before the channel goes idle (closes its connection until the next call).',
    },
    {
      name: 'keep.alive.time',
      type: ['long'],
      optional: true,
      description: 'Milliseconds between keepalive pings on the connection; absent: no keepalive pings.',
    },
    {
      name: 'keep.alive.timeout',
      type: ['long'],
      optional: true,
      defaultValue: '20000',
      description: 'Milliseconds to wait for the answer to a keepalive ping before the connection counts as dead.',
    },
    {
      name: 'keep.alive.without.calls',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'Whether keepalive pings are sent while no call is in flight.',
    },
    {
      name: 'enable.retry',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: "Enables gRPC's own retries of failed calls (besides the sink's reconnect and `on.error`).",
    },
    {
      name: 'max.retry.attempts',
      type: ['int'],
      optional: true,
      defaultValue: '5',
      description:
        "With `enable.retry`: the most attempts gRPC makes of one call, whatever the server's service config allows.",
    },
    {
      name: 'retry.buffer.size',
      type: ['long'],
      optional: true,
      defaultValue: '16777216',
      description: 'With `enable.retry`: bytes of call data the channel keeps for retries.',
    },
    {
      name: 'per.rpc.buffer.size',
      type: ['long'],
      optional: true,
      defaultValue: '1048576',
      description: 'With `enable.retry`: bytes kept per call for retries; a larger call is not retried.',
    },
    {
      name: 'channel.termination.waiting.time',
      type: ['long'],
      optional: true,
      description:
        'Accepted for Siddhi apps (which do not use it either): at shutdown, calls in flight are awaited up to `request.timeout`.',
    },
    ...CLIENT_TLS_OPTIONS,
  ];
}

/** Options of the `grpc-call` sink besides the client's: the size limits of what comes back. */
export const CALL_OPTIONS: OptionSpec[] = [
  {
    name: 'max.inbound.message.size',
    type: ['int'],
    optional: true,
    defaultValue: '4194304',
    description: 'The largest reply, in bytes, the sink accepts.',
  },
  {
    name: 'max.inbound.metadata.size',
    type: ['int'],
    optional: true,
    defaultValue: '8192',
    description: 'Accepted for Siddhi apps; @grpc/grpc-js has no such limit to set.',
  },
];

/** Options of the server sources (`grpc`, `grpc-service`); `method` is the EventService method they serve. */
export function serverOptions(method: string): OptionSpec[] {
  return [
    {
      name: 'receiver.url',
      type: ['string'],
      optional: false,
      description: `Where to listen: \`grpc://host:port/org.wso2.grpc.EventService/${method}\` (a trailing \`/<sequence>\`, or the short \`grpc://host:port/<sequence>\`, is accepted and not used). The server binds the host of the URL (0.0.0.0: every interface); port 0 picks a free port. Sources on one host and port share one server.`,
    },
    {
      name: 'max.inbound.message.size',
      type: ['int'],
      optional: true,
      defaultValue: '4194304',
      description: 'The largest request, in bytes, the server accepts (sources sharing a server must agree on it).',
    },
    {
      name: 'max.inbound.metadata.size',
      type: ['int'],
      optional: true,
      defaultValue: '8192',
      description: 'Accepted for Siddhi apps; @grpc/grpc-js has no such limit to set.',
    },
    {
      name: 'server.shutdown.waiting.time',
      type: ['long'],
      optional: true,
      defaultValue: '5000',
      description:
        'Milliseconds the server waits, when its last source stops, for the calls in progress to finish before it cuts them.',
    },
    {
      name: 'threadpool.size',
      type: ['int'],
      optional: true,
      defaultValue: '100',
      description: "Accepted for Siddhi apps (the size of Siddhi's worker pool); Node serves calls on its event loop.",
    },
    {
      name: 'threadpool.buffer.size',
      type: ['int'],
      optional: true,
      defaultValue: '100',
      description: "Accepted for Siddhi apps (the queue of Siddhi's worker pool); no effect.",
    },
    ...SERVER_TLS_OPTIONS,
  ];
}

function positive(o: OptionReader, name: string): number | undefined {
  if (o.get(name) === undefined) return undefined;
  const n = o.number(name, 0);
  if (!(n > 0)) throw new Error(`option '${name}' must be a positive number, not '${o.get(name)}'`);
  return n;
}

/** @grpc/grpc-js channel options of a client sink. */
export function channelOptions(o: OptionReader): Record<string, number> {
  const out: Record<string, number> = {};
  const set = (option: string, key: string): void => {
    const v = positive(o, option);
    if (v !== undefined) out[key] = v;
  };
  set('idle.timeout', 'grpc.client_idle_timeout_ms');
  set('keep.alive.time', 'grpc.keepalive_time_ms');
  set('keep.alive.timeout', 'grpc.keepalive_timeout_ms');
  out['grpc.keepalive_permit_without_calls'] = o.bool('keep.alive.without.calls', false) ? 1 : 0;
  const retry = o.bool('enable.retry', false);
  out['grpc.enable_retries'] = retry ? 1 : 0;
  if (retry) {
    set('max.retry.attempts', 'grpc-node.retry_max_attempts_limit');
    set('retry.buffer.size', 'grpc.retry_buffer_size');
    set('per.rpc.buffer.size', 'grpc.per_rpc_retry_buffer_size');
  }
  set('max.inbound.message.size', 'grpc.max_receive_message_length');
  return out;
}

/** @grpc/grpc-js server options of a source. */
export function serverChannelOptions(o: OptionReader): Record<string, number> {
  const out: Record<string, number> = {};
  const max = positive(o, 'max.inbound.message.size');
  if (max !== undefined) out['grpc.max_receive_message_length'] = max;
  return out;
}

/**
 * `"'name:value','name2:value2'"` (siddhi-io-grpc's `headers` and `metadata`) as pairs. Siddhi drops every
 * quote and splits at ',' and ':'; here names and values are trimmed and a value keeps any further ':'.
 * An item without a name and ':' is an error.
 */
export function namedValues(option: string, text: string | undefined): [string, string][] {
  if (text === undefined || text.trim() === '') return [];
  for (const raw of text.split(',')) {
    const item = raw.trim().replace(/^['"]|['"]$/g, '');
    if (item !== '' && item.indexOf(':') <= 0) {
      throw new Error(`${option} item '${item}' is not 'name:value' (write ${option}="'name:value','other:value'")`);
    }
  }
  return parseHeaders(text);
}

/** Metadata names gRPC accepts (lower-cased): letters, digits, '-', '_' and '.'. */
export function metadataPairs(text: string | undefined): [string, string][] {
  const pairs = namedValues('metadata', text).map(([k, v]): [string, string] => [k.toLowerCase(), v]);
  for (const [k] of pairs) {
    if (!/^[0-9a-z_.-]+$/.test(k) || k.startsWith('grpc-')) {
      throw new Error(
        `metadata name '${k}' is not allowed: gRPC metadata names hold letters, digits, '-', '_' and '.' and do not start with 'grpc-'`,
      );
    }
  }
  return pairs;
}

const BYTE_MAPPERS = new Set(['avro', 'binary', 'binarypassthrough']);

/** The EventService carries text: a mapper of bytes is refused when the app is created. */
export function checkTextMapper(mapType: string): void {
  if (BYTE_MAPPERS.has(mapType.toLowerCase())) {
    throw new Error(
      `@map(type='${mapType}') maps to bytes, but the gRPC EventService carries text (the Event message's string payload); use a text mapper such as json, xml or text`,
    );
  }
}

/** A sink mapper's payload as the Event's text: strings as they are, anything else (passThrough) as JSON. */
export function payloadText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  return JSON.stringify(payload) ?? String(payload);
}

/** What a source mapper gets of an Event's payload: its text; parsed JSON for passThrough and keyvalue. */
export function sourcePayload(mapType: string, text: string): unknown {
  const m = mapType.toLowerCase();
  if (m === 'passthrough' || m === 'keyvalue') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
