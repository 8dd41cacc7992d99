export { startServer, type StartOptions, type TributaryServer } from './server.js';
export { loadConfig, type ConfigFlags } from './config/load-config.js';
export { ConfigError } from './config/config-error.js';
export type { ServerConfig } from './config/server-config.js';
export { hashPassword } from './auth/password-hash.js';
export { SqlitePersistenceStore } from './persistence/sqlite-persistence-store.js';
export { FilePersistenceStore } from './persistence/file-persistence-store.js';
export { PostgresPersistenceStore, type PostgresPersistenceOptions } from './persistence/postgres-persistence-store.js';
