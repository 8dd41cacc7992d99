/**
 * Installs named windows into the app builder (imported once, from `builtins.ts`): `define window`,
 * `insert into W` (feeds the window), and queries reading `from W ...` (its output is their input).
 */
import { CompileError } from '../../plan/expression/compile.js';
import { appExtensions, installIsSource, installOutputAction, installSingleInput } from '../app/app-extensions.js';
import { buildSingleStreamQuery } from '../app/build-query.js';
import { appStores, namedWindowOf } from '../table/app-stores.js';
import { installOnDemand } from '../table/install.js';
import { defineWindow } from './define-window.js';

appExtensions.definition.windowDefinition = (ext, def) => {
  defineWindow(ext.ctx, def);
  installOnDemand(ext);
};

installIsSource((ctx, id) => appStores(ctx).windows.has(id));

installSingleInput((ext, q, env, id) => {
  if (q.input.kind !== 'single' || q.input.isInnerStream || q.input.isFaultStream) return false;
  const w = namedWindowOf(ext.ctx, id);
  if (!w) return false;
  buildSingleStreamQuery(ext.ctx, q, {
    ...env,
    inputJunction: (input) =>
      input.streamId === id && !input.isInnerStream && !input.isFaultStream
        ? (env.windowInput?.(input) ?? {
            subscribe: (sink) => w.subscribe(sink),
            attributes: w.attributes,
            isBatch: w.isBatch,
          })
        : env.inputJunction(input),
  });
  return true;
});

installOutputAction((ext, q, output) => {
  const out = q.output;
  if (out.kind === 'return' || (out.kind === 'insert' && (out.isInnerStream || out.isFaultStream))) return undefined;
  const w = namedWindowOf(ext.ctx, out.target);
  if (!w) return undefined;
  if (out.kind !== 'insert') {
    throw new CompileError(
      `'${out.kind}' cannot write to window '${w.id}'; only 'insert into' feeds a window`,
      out.span,
    );
  }
  const same =
    w.attributes.length === output.length &&
    w.attributes.every((a, i) => a.name === output[i]!.name && a.type === output[i]!.type);
  if (!same) {
    const show = (l: readonly { name: string; type: string }[]): string =>
      l.map((a) => `${a.name} ${a.type}`).join(', ');
    throw new CompileError(
      `cannot insert into window '${w.id}': the query outputs (${show(output)}) but the window has (${show(w.attributes)})`,
      q.span,
    );
  }
  return (chunk) => w.insert(chunk);
});
