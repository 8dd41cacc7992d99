/** Installs pattern and sequence queries into the app builder (imported for its effect). */
import { appExtensions } from '../app/app-extensions.js';
import { buildPatternQuery } from './build-pattern-query.js';

appExtensions.input.pattern = (ext, q, env) => {
  buildPatternQuery(ext, q, env);
};
appExtensions.input.sequence = (ext, q, env) => {
  buildPatternQuery(ext, q, env);
};
