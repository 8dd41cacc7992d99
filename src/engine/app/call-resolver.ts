/**
 * Resolves function calls in expressions against the extension registry: scalar functions become
 * closures created once per call site, aggregators become state factories, `eventTimestamp` reads
 * the event's timestamp.
 */
import type { AttributeType, FunctionCall } from '../../lang/ast.js';
import type { CallResolver, ResolvedCall } from '../../plan/expression/compile.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { ExtensionProperties } from '../../lang/datasources.js';
import type { AggregatorImpl, CallSiteContext, FunctionImpl } from '../registry/extension-impl.js';
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

/** What the manager gives an app that its functions may read. */
export interface CallEnvironment {
  /** Extension system parameters by `namespace:name`. */
  readonly extensionProperties?: ExtensionProperties;
  /** The manager's variables (Siddhi's Java system properties). */
  readonly variables?: Readonly<Record<string, string>>;
}

export class RegistryCallResolver implements CallResolver {
  constructor(
    private readonly registry: ExtensionRegistry,
    private readonly now: () => number,
    private readonly environment: CallEnvironment = {},
  ) {}

  /** The call site context of an extension: its arguments, the clock and what the manager configured for it. */
  private siteOf(
    spec: ExtensionSpec,
    argTypes: readonly AttributeType[],
    constants: readonly unknown[],
    returnType: AttributeType,
  ): CallSiteContext {
    const properties = this.environment.extensionProperties?.[`${spec.namespace}:${spec.name}`];
    const variables = this.environment.variables;
    return {
      argTypes,
      constants,
      returnType,
      now: this.now,
      ...(properties !== undefined ? { properties } : {}),
      ...(variables !== undefined ? { variables } : {}),
    };
  }

  resolveCall(call: FunctionCall, argTypes: readonly AttributeType[], constants: readonly unknown[]): ResolvedCall {
    const ns = call.namespace ?? '';
    if (ns === '' && call.name.toLowerCase() === 'eventtimestamp') return { kind: 'timestamp' };
    const fn = this.registry.implementation<FunctionImpl>('function', ns, call.name);
    if (fn) {
      const invalid = fn.spec.validate?.(argTypes, constants);
      if (invalid) return { kind: 'error', message: `${qualified(call)}(): ${invalid}` };
      const returnType = returnTypeOf(fn.spec, argTypes, constants);
      let impl: (...args: unknown[]) => unknown;
      try {
        impl = fn.create(this.siteOf(fn.spec, argTypes, constants, returnType));
      } catch (e) {
        // A factory that refuses its call site (a configured file it cannot read) fails the app there.
        return { kind: 'error', message: `${qualified(call)}(): ${e instanceof Error ? e.message : String(e)}` };
      }
      return { kind: 'function', fn: impl, returnType };
    }
    const agg = this.registry.implementation<AggregatorImpl>('aggregator', ns, call.name);
    if (agg) {
      const invalid = agg.spec.validate?.(argTypes, constants);
      if (invalid) return { kind: 'error', message: `${qualified(call)}(): ${invalid}` };
      const returnType = returnTypeOf(agg.spec, argTypes, constants);
      const create = agg.create(this.siteOf(agg.spec, argTypes, constants, returnType));
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
