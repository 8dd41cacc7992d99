/**
 * Resolves function calls in expressions against the extension registry: scalar functions become
 * closures created once per call site, aggregators become state factories, `eventTimestamp` reads
 * the event's timestamp.
 */
import type { AttributeType, FunctionCall } from '../../lang/ast.js';
import type { CallResolver, ResolvedCall } from '../../plan/expression/compile.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { AggregatorImpl, FunctionImpl } from '../registry/extension-impl.js';
import type { ExtensionRegistry } from '../registry/registry.js';

function qualified(call: FunctionCall): string {
  return call.namespace ? `${call.namespace}:${call.name}` : call.name;
}

function returnTypeOf(
  spec: ExtensionSpec,
  argTypes: readonly AttributeType[],
  constants: readonly unknown[],
): AttributeType {
  if (spec.returnTypeOf) return spec.returnTypeOf(argTypes, constants);
  return spec.returns?.type[0] ?? 'object';
}

export class RegistryCallResolver implements CallResolver {
  constructor(
    private readonly registry: ExtensionRegistry,
    private readonly now: () => number,
  ) {}

  resolveCall(call: FunctionCall, argTypes: readonly AttributeType[], constants: readonly unknown[]): ResolvedCall {
    const ns = call.namespace ?? '';
    if (ns === '' && call.name.toLowerCase() === 'eventtimestamp') return { kind: 'timestamp' };
    const fn = this.registry.implementation<FunctionImpl>('function', ns, call.name);
    if (fn) {
      const invalid = fn.spec.validate?.(argTypes, constants);
      if (invalid) return { kind: 'error', message: `${qualified(call)}(): ${invalid}` };
      const returnType = returnTypeOf(fn.spec, argTypes, constants);
      const impl = fn.create({ argTypes, constants, returnType, now: this.now });
      return { kind: 'function', fn: impl, returnType };
    }
    const agg = this.registry.implementation<AggregatorImpl>('aggregator', ns, call.name);
    if (agg) {
      const invalid = agg.spec.validate?.(argTypes, constants);
      if (invalid) return { kind: 'error', message: `${qualified(call)}(): ${invalid}` };
      const returnType = returnTypeOf(agg.spec, argTypes, constants);
      const create = agg.create({ argTypes, constants, returnType, now: this.now });
      return { kind: 'aggregator', returnType, create };
    }
    const known = this.registry
      .list('function')
      .concat(this.registry.list('aggregator'))
      .filter((s) => s.namespace === ns)
      .map((s) => s.name);
    const hint = ns && known.length === 0 ? ` (no extension namespace '${ns}' is installed)` : '';
    return {
      kind: 'error',
      message: `no function or aggregator '${qualified(call)}' with ${argTypes.length} argument(s)${hint}; check the name, or register the extension`,
    };
  }
}
