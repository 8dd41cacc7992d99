/** Builds implementations of the function libraries at a call site, as the planner would, for the unit tests. */
import type {
  AggregatorImpl,
  AggregatorState,
  CallSiteContext,
  FunctionImpl,
  StreamFunctionImpl,
} from '../../src/engine/registry/extension-impl.js';
import type { AttributeType } from '../../src/lang/ast.js';

export type AnyImpl = FunctionImpl | AggregatorImpl | StreamFunctionImpl;

export const NOW = 1577836800000;

export function ctxOf(argTypes: readonly AttributeType[], constants: readonly unknown[] = []): CallSiteContext {
  return { argTypes, constants, returnType: 'object', now: () => NOW };
}

export function finder(lib: readonly AnyImpl[]): (name: string) => AnyImpl {
  return (name) => {
    const impl = lib.find((f) => f.spec.name === name);
    if (impl === undefined) throw new Error(`no ${name}`);
    return impl;
  };
}

/** A scalar function at a call site with these argument types and constants. */
export function fn(impl: AnyImpl, argTypes: readonly AttributeType[], constants: readonly unknown[] = []) {
  return (impl as FunctionImpl).create(ctxOf(argTypes, constants));
}

/** A fresh aggregator state. */
export function agg(
  impl: AnyImpl,
  argTypes: readonly AttributeType[],
  constants: readonly unknown[] = [],
): AggregatorState {
  return (impl as AggregatorImpl).create(ctxOf(argTypes, constants))();
}

/** Every appended row a stream function emits for one input. */
export function rows(
  impl: AnyImpl,
  argTypes: readonly AttributeType[],
  constants: readonly unknown[],
  args: readonly unknown[],
): unknown[][] {
  const out: unknown[][] = [];
  (impl as StreamFunctionImpl).create(ctxOf(argTypes, constants))(args, (a) => out.push([...a]));
  return out;
}

/** The creation-time verdict on a call: undefined when accepted, else the message. */
export function check(
  impl: AnyImpl,
  argTypes: readonly AttributeType[],
  constants: readonly unknown[] = [],
): string | undefined {
  return impl.spec.validate?.(argTypes, constants);
}
