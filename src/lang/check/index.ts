/**
 * The semantic checker of SiddhiQL: resolves names, types every expression, validates extension calls against
 * the catalog, and reports each problem as a Diagnostic (Siddhi's creation-time validation rules).
 */
export type {
  CheckResult,
  OnDemandCheckResult,
  QueryInfo,
  SchemaAttribute,
  SchemaKind,
  StreamSchema,
} from './types.js';
export { checkApp } from './app.js';
export { checkOnDemandQuery } from './on-demand.js';
export { compareError, isNumericType, resultType } from './result-type.js';
export { isUnknownExtensionMessage } from './extension-call.js';
