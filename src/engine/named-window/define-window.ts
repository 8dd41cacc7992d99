/**
 * `define window W (attrs) <window>(args) [output all|current|expired events]`: builds the window
 * processor, registers its state as `window/<id>` and its timers with the app's lifecycle.
 */
import type { WindowDefinition } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';
import type { AppContext, Attribute } from '../app/app-context.js';
import { sameSchema } from '../app/build-app.js';
import { compileArgs } from '../app/build-stream-chain.js';
import { streamScope } from '../app/stream-scope.js';
import { appStores } from '../table/app-stores.js';
import { builtinWindows } from '../windows/index.js';
import type { WindowImpl } from '../windows/window.js';
import { WindowStore } from './window-store.js';

function windowImpl(ctx: AppContext, namespace: string, name: string): WindowImpl | undefined {
  return (
    ctx.registry.implementation<WindowImpl>('window', namespace, name) ??
    (namespace === '' ? builtinWindows.find((w) => w.spec.name === name) : undefined)
  );
}

export function defineWindow(ctx: AppContext, def: WindowDefinition): WindowStore {
  const attributes: Attribute[] = def.attributes.map((a) => ({ name: a.name, type: a.type }));
  const stores = appStores(ctx);
  if (ctx.junctions.has(def.id) || stores.tables.has(def.id)) {
    throw new CompileError(
      `'${def.id}' is already defined as a ${ctx.junctions.has(def.id) ? 'stream' : 'table'}; a window needs another name`,
      def.span,
    );
  }
  const existing = stores.windows.get(def.id);
  if (existing) {
    if (!sameSchema(existing.attributes, attributes)) {
      throw new CompileError(`window '${def.id}' is already defined with different attributes`, def.span);
    }
    return existing as WindowStore;
  }
  const { namespace = '', name, args } = def.window;
  const impl = windowImpl(ctx, namespace, name);
  if (!impl) {
    throw new CompileError(
      `unknown window '${namespace ? namespace + ':' : ''}${name}' in 'define window ${def.id}'`,
      def.window.span,
    );
  }
  const wargs = compileArgs(ctx, args, streamScope([def.id], attributes));
  const invalid = impl.spec.validate?.(
    wargs.map((a) => a.type),
    wargs.map((a) => a.constant),
  );
  if (invalid) throw new CompileError(`window ${name}(): ${invalid}`, def.window.span);
  const store = new WindowStore(def.id, attributes, def.outputEventType ?? 'all');
  const processor = impl.create({ args: wargs, attributes, scheduler: ctx.scheduler, emit: store.emit, name: def.id });
  store.attach(processor);
  stores.windows.set(def.id, store);
  ctx.stateful.set(`window/${def.id}`, processor);
  ctx.lifecycle.push(processor);
  return store;
}
