/** The mutable state of one checker run: diagnostics, expression types, known schemas. */
import type { AttributeType, Expression, Span } from '../ast.js';
import type { Catalog } from '../catalog.js';
import { diagnosticAt, type Diagnostic } from '../errors.js';
import type { SchemaKind, StreamSchema } from './types.js';

/** A type, or undefined when it is unknown because an error was already reported (stops cascades). */
export type MaybeType = AttributeType | undefined;

export interface Attr {
  readonly name: string;
  readonly type: MaybeType;
}

/** A schema as the checker keeps it: attribute types may be unknown after an error. */
export interface Schema {
  readonly id: string;
  readonly kind: SchemaKind;
  readonly attributes: readonly Attr[];
  readonly inner?: boolean;
  readonly fault?: boolean;
  /** Attributes may exist beyond those listed (an unknown extension was involved): unknown names are not reported. */
  readonly open?: boolean;
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly types = new Map<Expression, AttributeType>();
  /** App-level schemas keyed by id (`S`, `!S`). */
  readonly schemas = new Map<string, Schema>();
  /** Inner streams of every partition, for the result (first definition of a name wins). */
  readonly innerSchemas = new Map<string, Schema>();
  /** `define function f[lang] return type {...}`: name to return type. */
  readonly scriptFunctions = new Map<string, AttributeType>();

  constructor(readonly catalog: Catalog) {}

  error(span: Span, message: string): void {
    this.diagnostics.push(diagnosticAt(span, message));
  }

  setType(expr: Expression, type: MaybeType): MaybeType {
    if (type !== undefined) this.types.set(expr, type);
    return type;
  }
}

export function toPublicSchema(s: Schema): StreamSchema {
  const attributes = s.attributes.map((a) => ({ name: a.name, type: a.type ?? 'object' }));
  return {
    id: s.id,
    kind: s.kind,
    attributes,
    ...(s.inner ? { inner: true } : {}),
    ...(s.fault ? { fault: true } : {}),
  };
}

export function fromPublicSchema(s: StreamSchema): Schema {
  return s;
}

export function typeList(types: readonly string[]): string {
  if (types.length <= 1) return types.join('');
  return `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}`;
}

export function attrList(attrs: readonly Attr[]): string {
  return attrs.length === 0 ? '(none)' : attrs.map((a) => a.name).join(', ');
}

export function schemaText(attrs: readonly Attr[]): string {
  return `(${attrs.map((a) => `${a.name} ${a.type ?? '?'}`).join(', ')})`;
}
