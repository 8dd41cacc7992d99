/** Installs join queries into the app builder (imported for its effect, from `builtins.ts`). */
import { appExtensions } from '../app/app-extensions.js';
import { buildJoinQuery } from './build-join-query.js';

appExtensions.input.join = (ext, q, env) => {
  buildJoinQuery(ext, q, env);
};
