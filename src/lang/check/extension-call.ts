/** Checks a call of an extension (function, aggregator, window, stream function/processor) against its spec. */
import type { AttributeType, Expression, Span } from '../ast.js';
import type { ExtensionSpec, ParameterSpec } from '../catalog.js';
import { typeList, type CheckContext, type MaybeType } from './context.js';

export function qualifiedName(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}:${name}` : name;
}

/** The message of an unknown extension; the sweep over valid apps recognises these by their first words. */
export function unknownExtensionMessage(what: string, namespace: string | undefined, name: string): string {
  const ns = namespace ? `namespace '${namespace}'` : 'the core namespace';
  return `unknown extension '${qualifiedName(namespace, name)}': no ${what} named '${name}' is registered in ${ns}; check the name or register the extension`;
}

/** The constant value of an argument (time constants as millis), or undefined when it is not a constant. */
export function constantValue(e: Expression): unknown {
  return e.kind === 'constant' ? e.value : undefined;
}

function accepts(p: ParameterSpec, arg: Expression, type: MaybeType): boolean {
  if (type === undefined) return true;
  if (arg.kind === 'constant' && arg.type === 'null') return true;
  if (p.type.includes('object')) return true;
  if (p.type.includes(type)) return true;
  if (p.type.includes('time') && (type === 'int' || type === 'long')) return true;
  return false;
}

function paramText(p: ParameterSpec, last: boolean): string {
  return `${p.name} ${typeList(p.type)}${p.repeat && last ? '...' : ''}`;
}

function signatureText(params: readonly ParameterSpec[]): string {
  return `(${params.map((p, i) => paramText(p, i === params.length - 1)).join(', ')})`;
}

/** The accepted call shapes as parameter lists; without `signatures`, trailing optional parameters may be left off. */
function shapes(spec: ExtensionSpec): ParameterSpec[][] {
  if (spec.signatures) {
    return spec.signatures.map((sig) =>
      sig.map((n) => spec.parameters.find((p) => p.name === n)).filter((p): p is ParameterSpec => p !== undefined),
    );
  }
  const out: ParameterSpec[][] = [];
  const ps = spec.parameters;
  let firstOptional = ps.findIndex((p) => p.optional);
  if (firstOptional < 0) firstOptional = ps.length;
  for (let n = firstOptional; n <= ps.length; n++) out.push(ps.slice(0, n));
  return out;
}

function arityMatches(params: readonly ParameterSpec[], count: number): boolean {
  const last = params[params.length - 1];
  if (last?.repeat) return count >= params.length - (last.optional ? 1 : 0);
  return count === params.length;
}

function paramAt(params: readonly ParameterSpec[], i: number): ParameterSpec | undefined {
  const last = params[params.length - 1];
  return i < params.length ? params[i] : last?.repeat ? last : undefined;
}

/** The first problem of the arguments against one call shape (arity already matches), or undefined. */
function argumentProblem(
  label: string,
  params: readonly ParameterSpec[],
  args: readonly Expression[],
  types: readonly MaybeType[],
): { span: Span | undefined; message: string } | undefined {
  for (let i = 0; i < args.length; i++) {
    const p = paramAt(params, i);
    const arg = args[i];
    if (!p || !arg) continue;
    const t = types[i];
    if (!accepts(p, arg, t)) {
      return {
        span: arg.span,
        message: `argument ${i + 1} ('${p.name}') of ${label} must be ${typeList(p.type)}, but found ${t}`,
      };
    }
    if (p.constantOnly && arg.kind !== 'constant') {
      return {
        span: arg.span,
        message: `argument ${i + 1} ('${p.name}') of ${label} must be a constant, but found an expression; write a literal value`,
      };
    }
  }
  return undefined;
}

/**
 * Validates the arguments of a call against the spec's parameters or signatures and its `validate`,
 * and returns the call's type (undefined when unknown or when the spec declares none).
 */
export function checkExtensionArgs(
  ctx: CheckContext,
  spec: ExtensionSpec,
  label: string,
  span: Span,
  args: readonly Expression[],
  types: readonly MaybeType[],
): MaybeType {
  const candidates = shapes(spec).filter((s) => arityMatches(s, args.length));
  let ok = true;
  if (candidates.length === 0) {
    const accepted = shapes(spec).map(signatureText).join(' or ');
    ctx.error(
      span,
      `${label} takes ${accepted || '()'} but got ${args.length} argument${args.length === 1 ? '' : 's'}; fix the argument count`,
    );
    ok = false;
  } else {
    const problems = candidates.map((s) => argumentProblem(label, s, args, types));
    if (!problems.some((p) => p === undefined)) {
      const first = problems[0];
      if (first) ctx.error(first.span ?? span, first.message);
      ok = false;
    }
  }
  const known = types.every((t) => t !== undefined);
  const argTypes = types.map((t) => t ?? 'object');
  const constants = args.map(constantValue);
  if (ok && known && spec.validate) {
    const problem = spec.validate(argTypes, constants);
    if (problem !== undefined) ctx.error(span, `${label}: ${problem}`);
  }
  return returnTypeOf(spec, known, argTypes, constants);
}

function returnTypeOf(
  spec: ExtensionSpec,
  known: boolean,
  argTypes: readonly AttributeType[],
  constants: readonly unknown[],
): MaybeType {
  if (spec.returnTypeOf) {
    if (!known) return undefined;
    try {
      return spec.returnTypeOf(argTypes, constants);
    } catch {
      return undefined;
    }
  }
  const fixed = spec.returns?.type;
  if (fixed && fixed.length === 1) return fixed[0];
  return fixed && fixed.length > 1 ? 'object' : undefined;
}

/** Whether a diagnostic message reports an unknown extension (the only error a partial catalog should cause). */
export function isUnknownExtensionMessage(message: string): boolean {
  return message.startsWith('unknown extension ');
}
