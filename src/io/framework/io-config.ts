/**
 * The configuration of one `@source(...)` or `@sink(...)` annotation, read from the syntax tree:
 * transport type and options, the nested `@map(...)` (with `@attributes` / `@payload`) and
 * `@distribution(strategy=..., @destination(...))`.
 */
import type { Annotation, Span } from '../../lang/ast.js';
import type { AttributeMappings, PayloadTemplates } from '../mappers/mapper.js';

export interface MapConfig {
  readonly type: string;
  /** `@map` options other than `type`. */
  readonly options: ReadonlyMap<string, string>;
  readonly attributeMappings?: AttributeMappings;
  readonly payload?: PayloadTemplates;
  readonly span: Span;
}

export interface DistributionConfig {
  readonly strategy: string;
  /** Options of `@distribution` other than `strategy` (e.g. `partitionKey`). */
  readonly options: ReadonlyMap<string, string>;
  /** Options of each `@destination`, in order. */
  readonly destinations: readonly ReadonlyMap<string, string>[];
  readonly span: Span;
}

export interface IoConfig {
  readonly kind: 'source' | 'sink';
  readonly type: string;
  /** Options other than `type`, keys as written. */
  readonly options: ReadonlyMap<string, string>;
  readonly map: MapConfig;
  readonly distribution?: DistributionConfig;
  readonly span: Span;
}

function nested(a: Annotation, name: string): Annotation | undefined {
  const n = name.toLowerCase();
  return a.annotations.find((x) => x.name.toLowerCase() === n);
}

/** The keyed elements of an annotation except `type` (or another excluded key). */
export function keyedOptions(a: Annotation, exclude: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of a.elements) if (e.key !== undefined && e.key.toLowerCase() !== exclude) out.set(e.key, e.value);
  return out;
}

function typeOf(a: Annotation): string | undefined {
  return a.elements.find((e) => e.key?.toLowerCase() === 'type')?.value;
}

function readMap(owner: Annotation, defaultType: string): MapConfig {
  const m = nested(owner, 'map');
  if (!m) return { type: defaultType, options: new Map(), span: owner.span };
  const attrs = nested(m, 'attributes');
  const payload = nested(m, 'payload');
  let attributeMappings: AttributeMappings | undefined;
  if (attrs) {
    attributeMappings = attrs.elements.some((e) => e.key !== undefined)
      ? { keyed: new Map(attrs.elements.map((e) => [e.key ?? '', e.value])) }
      : { positional: attrs.elements.map((e) => e.value) };
  }
  let templates: PayloadTemplates | undefined;
  if (payload) {
    const keyedPayload = payload.elements.some((e) => e.key !== undefined);
    templates = keyedPayload
      ? { keyed: new Map(payload.elements.map((e) => [e.key ?? '', e.value])) }
      : { template: payload.elements[0]?.value ?? '' };
  }
  return {
    type: typeOf(m) ?? defaultType,
    options: keyedOptions(m, 'type'),
    ...(attributeMappings ? { attributeMappings } : {}),
    ...(templates ? { payload: templates } : {}),
    span: m.span,
  };
}

function readDistribution(owner: Annotation): DistributionConfig | undefined {
  const d = nested(owner, 'distribution');
  if (!d) return undefined;
  const strategy = d.elements.find((e) => e.key?.toLowerCase() === 'strategy')?.value ?? '';
  return {
    strategy,
    options: keyedOptions(d, 'strategy'),
    destinations: d.annotations.filter((x) => x.name.toLowerCase() === 'destination').map((x) => keyedOptions(x, '')),
    span: d.span,
  };
}

/** Reads one `@source` / `@sink` annotation; `type` is '' when missing (validation reports it). */
export function readIoConfig(a: Annotation, kind: 'source' | 'sink'): IoConfig {
  const distribution = kind === 'sink' ? readDistribution(a) : undefined;
  return {
    kind,
    type: typeOf(a) ?? '',
    options: keyedOptions(a, 'type'),
    map: readMap(a, 'passThrough'),
    ...(distribution ? { distribution } : {}),
    span: a.span,
  };
}

/** The `@source` / `@sink` annotations of a stream definition, in written order. */
export function ioAnnotations(annotations: readonly Annotation[]): { a: Annotation; kind: 'source' | 'sink' }[] {
  const out: { a: Annotation; kind: 'source' | 'sink' }[] = [];
  for (const a of annotations) {
    const n = a.name.toLowerCase();
    if (n === 'source' || n === 'sink') out.push({ a, kind: n });
  }
  return out;
}
