/**
 * `@sink(type='log', prefix='...', priority='INFO')`: writes every event to the app's logger, as Siddhi's
 * LogSink does: `<prefix> : Event{timestamp=..., data=[...], isExpired=false}`; the default prefix is
 * `<app name> : <stream id>`. With a `@map` other than passThrough the mapped message is logged instead.
 */
import { EXPIRED, type StreamEvent } from '../../../engine/event/stream-event.js';
import { javaDataToString } from '../../../engine/functions/shared/java-format.js';
import type { Logger } from '../../../engine/runtime/logger.js';
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { PublishMeta, Sink, SinkContext, SinkFactory } from '../../framework/transport.js';

const PRIORITIES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'OFF'] as const;
type Priority = (typeof PRIORITIES)[number];

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'log',
  description:
    "Logs every event through the app's logger, prefixed. With the default passThrough mapping each event is logged as `Event{timestamp=..., data=[...], isExpired=false}`; with another `@map` the mapped message is logged.",
  parameters: [],
  options: [
    {
      name: 'prefix',
      type: ['string'],
      optional: true,
      defaultValue: '<app name> : <stream id>',
      description: 'Text written before each event.',
    },
    {
      name: 'priority',
      type: ['string'],
      optional: true,
      defaultValue: 'INFO',
      description: 'Log level: TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF.',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='log', prefix='Sweets', priority='WARN')\ndefine stream OutStream (name string, amount double);",
      description: 'Logs `Sweets : Event{timestamp=..., data=[toffee, 12.0], isExpired=false}` at WARN level.',
    },
  ],
};

/** Java's text of one event (`Event.toString`). */
export function eventText(e: StreamEvent, types: readonly (AttributeType | undefined)[] = []): string {
  return `Event{timestamp=${e.timestamp}, data=${javaDataToString(e.data, types)}, isExpired=${e.type === EXPIRED}}`;
}

function priorityOf(value: string): Priority {
  const p = value.trim().toUpperCase();
  const found = PRIORITIES.find((x) => x === p);
  if (!found) throw new Error(`log sink priority '${value}' is not one of ${PRIORITIES.join(', ')}`);
  return found;
}

class LogSink implements Sink {
  readonly endpoint = 'log';
  private readonly prefix: string;
  private readonly priority: Priority;
  private readonly passThrough: boolean;
  private readonly types: readonly AttributeType[];
  constructor(
    private readonly logger: Logger,
    ctx: SinkContext,
  ) {
    this.prefix = ctx.options.get('prefix') ?? `${ctx.appName} : ${ctx.streamId}`;
    this.priority = priorityOf(ctx.options.getOr('priority', 'INFO'));
    this.types = ctx.attributes.map((a) => a.type);
    this.passThrough = ctx.mapType.toLowerCase() === 'passthrough';
  }
  connect(): void {}
  disconnect(): void {}
  publish(payload: unknown, meta: PublishMeta): void {
    if (this.priority === 'OFF') return;
    const lines = this.passThrough
      ? meta.events.map((e) => eventText(e, this.types))
      : [typeof payload === 'string' ? payload : JSON.stringify(payload)];
    const fields = { priority: this.priority };
    for (const line of lines) {
      const msg = `${this.prefix} : ${line}`;
      if (this.priority === 'WARN') this.logger.warn(msg, fields);
      else if (this.priority === 'ERROR' || this.priority === 'FATAL') this.logger.error(msg, fields);
      else this.logger.info(msg, fields);
    }
  }
}

export const logSink: SinkFactory = {
  spec,
  create: (ctx) => new LogSink(ctx.logger, ctx),
};
