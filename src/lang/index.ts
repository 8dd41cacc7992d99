export * from './ast.js';
export * from './catalog.js';
export * from './errors.js';
export { parseSiddhiApp, parseOnDemandQuery, parseExpression } from './parser/index.js';
export type { IoRefs } from './io-refs.js';
export type { DataSourceConfig, DataSources, ExtensionProperties } from './datasources.js';
