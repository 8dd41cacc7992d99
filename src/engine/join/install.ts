/** Installs join queries into the app builder (imported for its effect, from `builtins.ts`). */
import type { AppContext } from '../app/app-context.js';
import { appExtensions } from '../app/app-extensions.js';
import { buildJoinQuery, type JoinQueryInfo } from './build-join-query.js';

const built = new WeakMap<AppContext, Map<string, JoinQueryInfo>>();

/** The joins built for an app, by query key (read by `inspect.ts`). */
export function joinsOf(ctx: AppContext): ReadonlyMap<string, JoinQueryInfo> | undefined {
  return built.get(ctx);
}

appExtensions.input.join = (ext, q, env) => {
  const info = buildJoinQuery(ext, q, env);
  let m = built.get(ext.ctx);
  if (!m) built.set(ext.ctx, (m = new Map()));
  m.set(`${env.keyPrefix}${info.name}`, info);
};
