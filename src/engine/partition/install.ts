/** Installs partitions into the app builder (imported once, from `builtins.ts`, for its effect). */
import { appExtensions } from '../app/app-extensions.js';
import { buildPartition } from './build-partition.js';

appExtensions.partition = (ext, p, env) => {
  buildPartition(ext, p, env);
};
