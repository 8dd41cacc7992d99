/** The attributes of a stream an app defines, and conversion of simulated values to their types. */
import type { SiddhiAppRuntime } from '../../engine/app/siddhi-app-runtime.js';
import type { AttributeType } from '../../lang/ast.js';

export interface StreamAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

/** The defined attributes of a stream, or undefined for a stream the app does not define (inferred). */
export function streamAttributes(runtime: SiddhiAppRuntime, stream: string): StreamAttribute[] | undefined {
  for (const d of runtime.app.definitions) {
    if (d.kind === 'streamDefinition' && d.id === stream)
      return d.attributes.map((a) => ({ name: a.name, type: a.type }));
  }
  return undefined;
}

export class SimulationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationInputError';
  }
}

/** 'an int', 'a long': the type as the messages name it. */
export function typeWithArticle(type: AttributeType): string {
  return `${type === 'int' || type === 'object' ? 'an' : 'a'} ${type}`;
}

/** Converts one value (often a string, as WSO2's simulator sends) to the attribute's type; null stays null. */
export function convertValue(v: unknown, attr: StreamAttribute): unknown {
  if (v === null || v === undefined) return null;
  const bad = (): never => {
    throw new SimulationInputError(
      `attribute '${attr.name}' is ${attr.type}; ${JSON.stringify(v)} is not ${typeWithArticle(attr.type)}`,
    );
  };
  switch (attr.type) {
    case 'int':
    case 'long': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      return typeof n === 'number' && Number.isInteger(n) ? n : bad();
    }
    case 'float':
    case 'double': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || Number.isNaN(n)) return bad();
      return attr.type === 'float' ? Math.fround(n) : n;
    }
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
      return bad();
    case 'string':
      return typeof v === 'string' ? v : String(v);
    default:
      return v;
  }
}

/** Converts an event's values; checks the count when the stream's attributes are known. */
export function convertEvent(
  data: readonly unknown[],
  attrs: readonly StreamAttribute[] | undefined,
  stream: string,
): unknown[] {
  if (!attrs) return [...data];
  if (data.length !== attrs.length) {
    throw new SimulationInputError(
      `stream '${stream}' has ${attrs.length} attributes (${attrs.map((a) => `${a.name} ${a.type}`).join(', ')}); the event has ${data.length} values`,
    );
  }
  return data.map((v, i) => convertValue(v, attrs[i]!));
}
