/**
 * The package entry: the engine (SiddhiManager and the runtime API), the language (parser, AST, errors) and
 * the I/O layer (sources, sinks, mappers), installed on import.
 */
import './io/install.js';
import './stores/install.js';

export * from './engine/index.js';
export * from './lang/index.js';
export * from './io/index.js';
