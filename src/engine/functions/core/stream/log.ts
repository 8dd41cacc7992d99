/**
 * `#log(...)`: logs each event passing through, and passes it on unchanged. Call forms (Siddhi's overloads):
 * `#log()`, `#log(message)`, `#log(isEventLogged)`, `#log(message, isEventLogged)`, `#log(priority, message)`,
 * `#log(priority, message, isEventLogged)`. The priority is one of INFO, DEBUG, WARN, FATAL, ERROR, OFF, TRACE
 * (any case; OFF logs nothing).
 *
 * The runtime passes the call's argument values and, as one more trailing argument, the event itself
 * (`{ timestamp, data }`), which is printed when the event is logged, its values as Java prints them (a double
 * 80 as 80.0). The app's name prefixes every line as in Siddhi (`MyApp: message, ...`).
 */
import type { AttributeType } from '../../../../lang/ast.js';
import type { ExtensionSpec } from '../../../../lang/catalog.js';
import type { StreamFunctionImpl } from '../../../registry/extension-impl.js';
import { javaDataToString } from '../../shared/java-format.js';
import { validateWith } from '../../shared/overloads.js';
import { writeStreamLog, type StreamLogLevel } from './log-sink.js';

const PRIORITIES: readonly string[] = ['INFO', 'DEBUG', 'WARN', 'FATAL', 'ERROR', 'OFF', 'TRACE'];

const base: ExtensionSpec = {
  kind: 'streamFunction',
  namespace: '',
  name: 'log',
  description: 'Logs the message on the given priority, with or without the processed event; events pass on unchanged.',
  parameters: [
    {
      name: 'priority',
      type: ['string'],
      optional: true,
      defaultValue: 'INFO',
      description: 'The priority: INFO, DEBUG, WARN, FATAL, ERROR, OFF or TRACE.',
    },
    {
      name: 'log.message',
      type: ['string'],
      optional: true,
      defaultValue: '<siddhi app name> :',
      description: 'The message to log.',
    },
    {
      name: 'is.event.logged',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description: 'Whether the event itself is logged.',
    },
  ],
  signatures: [
    [],
    ['log.message'],
    ['is.event.logged'],
    ['log.message', 'is.event.logged'],
    ['priority', 'log.message'],
    ['priority', 'log.message', 'is.event.logged'],
  ],
  appendedAttributes: [],
  examples: [
    { syntax: 'from FooStream#log() select * insert into BarStream;', description: 'Logs every event on INFO.' },
    {
      syntax: "from FooStream#log('Sample Event :') select * insert into BarStream;",
      description: "Logs events prefixed with 'Sample Event :' on INFO.",
    },
    {
      syntax: "from FooStream#log('DEBUG', 'Sample Event :', true) select * insert into BarStream;",
      description: 'Logs events with the message on DEBUG.',
    },
    {
      syntax: "from FooStream#log('Event Arrived', false) select * insert into BarStream;",
      description: "Logs 'Event Arrived' for each event, without the event.",
    },
  ],
};

function validatePriority(argTypes: readonly AttributeType[], constants: readonly unknown[]): string | undefined {
  const hasPriority = argTypes.length === 3 || (argTypes.length === 2 && argTypes[1] === 'string');
  const p = constants[0];
  if (hasPriority && typeof p === 'string' && !PRIORITIES.includes(p.toUpperCase())) {
    return `log() priority must be one of ${PRIORITIES.join(', ')}, but found '${p}'`;
  }
  return undefined;
}

/** Siddhi-like text of an event: `StreamEvent{ timestamp=..., data=[...]}`. */
function eventText(e: unknown, types: readonly AttributeType[] | undefined): string {
  if (typeof e !== 'object' || e === null) return 'null';
  const { timestamp, data } = e as { timestamp?: unknown; data?: unknown };
  return `StreamEvent{ timestamp=${String(timestamp)}, data=${javaDataToString(Array.isArray(data) ? data : [], types)}}`;
}

function levelOf(p: unknown, fallback: StreamLogLevel | 'OFF'): StreamLogLevel | 'OFF' {
  if (typeof p !== 'string') return fallback;
  const u = p.toUpperCase();
  return PRIORITIES.includes(u) ? (u as StreamLogLevel | 'OFF') : fallback;
}

const NOTHING: readonly unknown[] = [];

export const logStreamFunction: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base, validatePriority) },
  create(ctx) {
    const appName = ctx.appName;
    const inputTypes = ctx.inputTypes;
    const prefix = appName === undefined ? '' : `${appName}: `;
    const types = ctx.argTypes;
    const n = types.length;
    // Positions of the parts in the argument list (-1: absent).
    let priorityAt = -1;
    let messageAt = -1;
    let loggedAt = -1;
    if (n === 1) {
      if (types[0] === 'bool') loggedAt = 0;
      else messageAt = 0;
    } else if (n === 2) {
      if (types[1] === 'bool') {
        messageAt = 0;
        loggedAt = 1;
      } else {
        priorityAt = 0;
        messageAt = 1;
      }
    } else if (n >= 3) {
      priorityAt = 0;
      messageAt = 1;
      loggedAt = 2;
    }
    const fixedLevel =
      priorityAt >= 0 && ctx.constants[priorityAt] !== undefined ? levelOf(ctx.constants[priorityAt], 'INFO') : 'INFO';
    const dynamicLevel = priorityAt >= 0 && ctx.constants[priorityAt] === undefined;
    return (args, emit) => {
      const event = args[n];
      const logged = loggedAt < 0 ? true : args[loggedAt] === true;
      let line: string;
      if (messageAt < 0) line = prefix + (logged ? eventText(event, inputTypes) : 'Event Arrived');
      else {
        const message = String(args[messageAt]);
        line = prefix + (logged ? `${message}, ${eventText(event, inputTypes)}` : message);
      }
      const level = dynamicLevel ? levelOf(args[priorityAt], 'INFO') : fixedLevel;
      if (level !== 'OFF') writeStreamLog(level, line);
      emit(NOTHING);
    };
  },
};
