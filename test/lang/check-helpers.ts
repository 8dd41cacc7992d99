/** Test helpers for the checker: a small extension catalog and parse-then-check shortcuts. */
import type { AttributeType } from '../../src/lang/ast.js';
import type { Catalog, ExtensionKind, ExtensionSpec, ParameterSpec } from '../../src/lang/catalog.js';
import { checkApp, type CheckResult } from '../../src/lang/check/index.js';
import type { Diagnostic } from '../../src/lang/errors.js';
import { parseSiddhiApp } from '../../src/lang/parser/index.js';

const NUMERIC: AttributeType[] = ['int', 'long', 'float', 'double'];
const ANY: AttributeType[] = ['int', 'long', 'float', 'double', 'string', 'bool', 'object'];

function param(name: string, type: ParameterSpec['type'], extra: Partial<ParameterSpec> = {}): ParameterSpec {
  return { name, type, description: name, ...extra };
}

function spec(kind: ExtensionKind, namespace: string, name: string, rest: Partial<ExtensionSpec>): ExtensionSpec {
  return { kind, namespace, name, description: name, parameters: [], examples: [], ...rest };
}

const specs: ExtensionSpec[] = [
  spec('aggregator', '', 'sum', {
    parameters: [param('arg', NUMERIC)],
    returns: { type: ['long', 'double'], description: '' },
    returnTypeOf: (t) => (t[0] === 'int' || t[0] === 'long' ? 'long' : 'double'),
  }),
  spec('aggregator', '', 'count', {
    parameters: [param('arg', ANY, { optional: true })],
    returns: { type: ['long'], description: '' },
  }),
  spec('aggregator', '', 'avg', {
    parameters: [param('arg', NUMERIC)],
    returns: { type: ['double'], description: '' },
  }),
  spec('aggregator', '', 'max', {
    parameters: [param('arg', NUMERIC)],
    returns: { type: NUMERIC, description: '' },
    returnTypeOf: (t) => t[0] ?? 'double',
  }),
  spec('aggregator', '', 'min', {
    parameters: [param('arg', NUMERIC)],
    returns: { type: NUMERIC, description: '' },
    returnTypeOf: (t) => t[0] ?? 'double',
  }),
  spec('window', '', 'length', { parameters: [param('window.length', ['int'], { constantOnly: true })] }),
  spec('window', '', 'lengthBatch', {
    parameters: [
      param('window.length', ['int'], { constantOnly: true }),
      param('stream.current.event', ['bool'], { optional: true, constantOnly: true }),
    ],
  }),
  spec('window', '', 'time', { parameters: [param('window.time', ['int', 'long', 'time'], { constantOnly: true })] }),
  spec('window', '', 'timeBatch', {
    parameters: [
      param('window.time', ['int', 'long', 'time'], { constantOnly: true }),
      param('start.time', ['int', 'long'], { optional: true, constantOnly: true }),
      param('stream.current.event', ['bool'], { optional: true, constantOnly: true }),
    ],
    signatures: [
      ['window.time'],
      ['window.time', 'start.time'],
      ['window.time', 'stream.current.event'],
      ['window.time', 'start.time', 'stream.current.event'],
    ],
  }),
  spec('function', 'str', 'concat', {
    parameters: [param('arg', ['string'], { repeat: true })],
    signatures: [['arg', 'arg']],
    returns: { type: ['string'], description: '' },
  }),
  spec('function', '', 'convert', {
    parameters: [param('to.be.converted', ANY), param('converted.to', ['string'], { constantOnly: true })],
    returns: { type: ANY, description: '' },
    returnTypeOf: (_t, c) => (typeof c[1] === 'string' ? (c[1] as AttributeType) : 'object'),
    validate: (_t, c) =>
      typeof c[1] === 'string' && !ANY.includes(c[1] as AttributeType) ? `unknown type '${String(c[1])}'` : undefined,
  }),
  spec('streamProcessor', '', 'pol2Cart', {
    parameters: [param('theta', ['double']), param('rho', ['double'])],
    signatures: [[], ['theta', 'rho']],
    appendedAttributes: [
      { name: 'x', type: 'double', description: '' },
      { name: 'y', type: 'double', description: '' },
    ],
  }),
  // Appends what its constant argument names ('a int, b string'): appended attributes that follow the call.
  spec('streamProcessor', 'test', 'columns', {
    parameters: [param('names', ['string'], { constantOnly: true })],
    appendedAttributesOf: (_t, c) =>
      String(c[0])
        .split(',')
        .map((pair) => pair.trim().split(' '))
        .map(([name, type]) => ({ name: name!, type: type as AttributeType })),
  }),
];

export const testCatalog: Catalog = {
  lookup(kind, namespace, name) {
    return specs.find(
      (s) =>
        s.kind === kind &&
        s.namespace.toLowerCase() === namespace.toLowerCase() &&
        s.name.toLowerCase() === name.toLowerCase(),
    );
  },
  list(kind) {
    return specs.filter((s) => kind === undefined || s.kind === kind);
  },
};

/** Parses and checks `text`; fails loudly when the text does not parse. */
export function check(text: string, catalog: Catalog = testCatalog): CheckResult {
  const parsed = parseSiddhiApp(text);
  if (!parsed.app) throw new Error(`does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return checkApp(parsed.app, catalog);
}

/** The diagnostics of `text` as `line:column message`. */
export function errorsOf(text: string): string[] {
  return check(text).diagnostics.map(show);
}

export function show(d: Diagnostic): string {
  return `${d.line}:${d.column} ${d.message}`;
}
