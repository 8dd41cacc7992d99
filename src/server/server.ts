/**
 * The runtime server (`tributary serve`): deploys the apps folder, serves the REST API, persists
 * every app's state periodically and at shutdown, and restores it when an app is deployed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
// The server hosts apps with their sources, sinks and stores, however it is started (CLI or library).
import '../io/install.js';
import '../stores/install.js';
import { InMemoryPersistenceStore, type PersistenceStore } from '../engine/persistence/persistence-store.js';
import { SiddhiManager } from '../engine/siddhi-manager.js';
import { AppDeployer } from './apps/app-deployer.js';
import { AppsFolderWatcher } from './apps/apps-folder-watcher.js';
import { installAuth } from './auth/install-auth.js';
import { resolveUsers } from './auth/resolve-users.js';
import type { ServerConfig } from './config/server-config.js';
import { SqliteErrorStore } from './error-store/sqlite-error-store.js';
import { replyWithError } from './http/http-error.js';
import { ProducerLedger } from './ingest/producer-ledger.js';
import { createServerLogger, engineLogger, type ServerLogger } from './logging/create-logger.js';
import { FilePersistenceStore } from './persistence/file-persistence-store.js';
import { openDatabase } from './persistence/open-database.js';
import { PostgresPersistenceStore } from './persistence/postgres-persistence-store.js';
import { SqlitePersistenceStore } from './persistence/sqlite-persistence-store.js';
import { editorRoutes } from './routes/editor-routes.js';
import { errorStoreRoutes } from './routes/error-store-routes.js';
import { observabilityRoutes } from './routes/observability-routes.js';
import { siddhiAppsRoutes } from './routes/siddhi-apps-routes.js';
import { simulationRoutes } from './routes/simulation-routes.js';
import { storeRoutes } from './routes/store-routes.js';
import { streamIngestRoutes } from './routes/stream-ingest-routes.js';
import type { ServerContext } from './server-context.js';
import { FeedRegistry } from './simulation/feed-registry.js';
import { createMetrics } from './stats/server-metrics.js';

export interface StartOptions {
  /** Where JSON log lines go (default stdout). */
  readonly logDestination?: NodeJS.WritableStream;
  /** Environment (TRIBUTARY_ADMIN_PASSWORD); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Told the generated admin password, once (default: printed to stderr). */
  readonly onGeneratedPassword?: (password: string, file: string) => void;
  /**
   * Runs `task` every `ms` until the returned function is called: the periodic persistence's timer
   * (default `setInterval`, unref'd; tests pass a manual one).
   */
  readonly every?: (ms: number, task: () => Promise<unknown>) => () => void;
}

function everyInterval(ms: number, task: () => Promise<unknown>): () => void {
  const t = setInterval(() => void task(), ms).unref();
  return () => clearInterval(t);
}

export interface TributaryServer {
  /** e.g. `http://127.0.0.1:9090` */
  readonly url: string;
  readonly port: number;
  readonly context: ServerContext;
  /** Graceful stop: stop feeds and HTTP, shut every app down persisting its state, close the database. */
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<TributaryServer> {
  const logger = createServerLogger(config.logLevel, options.logDestination);
  const db = openDatabase(config.dataDir);
  const persistence = await openPersistenceStore(config, db).catch((e: unknown) => {
    db.close();
    throw e;
  });
  const persistenceStore = persistence?.store;
  const errorStore = new SqliteErrorStore(db);
  const countError = (app: unknown, n: number): void => {
    const d = typeof app === 'string' ? deployer.get(app) : undefined;
    if (d) d.errors += n;
  };
  errorStore.onStored = (app, n) => countError(app, n);
  const manager = new SiddhiManager({
    logger: engineLogger(logger, (fields) => countError(fields['app'], 1)),
    ...(persistenceStore ? { persistenceStore } : {}),
    ...(config.persistence.incremental
      ? { incrementalPersistence: { fullSnapshotEvery: config.persistence.fullSnapshotEvery ?? 10 } }
      : {}),
    errorStore,
    ...(config.aggregationTimeZone !== undefined ? { aggregationTimeZone: config.aggregationTimeZone } : {}),
    ...(config.refs !== undefined ? { refs: config.refs } : {}),
    ...(config.datasources !== undefined ? { datasources: config.datasources } : {}),
    ...(config.extensionProperties !== undefined ? { extensionProperties: config.extensionProperties } : {}),
  });
  const ledger = new ProducerLedger(db);
  const deployer: AppDeployer = new AppDeployer({
    manager,
    logger,
    appsDir: config.appsDir,
    statistics: config.statistics,
    persistence: persistenceStore !== undefined,
    // the ingest positions of an app are saved and restored with its state
    prepare: (runtime) => ledger.attach(runtime),
  });
  const feeds = new FeedRegistry(join(config.dataDir, 'csv-files'), (name) => deployer.get(name)?.runtime);
  const ctx: ServerContext = {
    config,
    deployer,
    errorStore,
    feeds,
    metrics: createMetrics(deployer, errorStore),
    logger,
    persistence: persistenceStore !== undefined,
    state: { ready: false, shuttingDown: false },
  };

  const app = createHttpApp(config, logger);
  if (config.auth.enabled) {
    const users = resolveUsers(config, options.env ?? process.env, (password, file) => {
      if (options.onGeneratedPassword) options.onGeneratedPassword(password, file);
      else {
        process.stderr.write(
          `tributary: generated the password of user 'admin': ${password}\n` +
            `           (shown once; kept hashed in ${file}; set TRIBUTARY_ADMIN_PASSWORD to choose one)\n`,
        );
      }
    });
    installAuth(app, users, config.auth.tokens);
  }
  observabilityRoutes(app, ctx);
  siddhiAppsRoutes(app, ctx);
  storeRoutes(app, ctx);
  simulationRoutes(app, ctx);
  errorStoreRoutes(app, ctx);
  streamIngestRoutes(app, ctx, ledger);
  editorRoutes(app, manager);

  // Listen first (live; /health says not ready), then deploy the apps folder (ready).
  await app.listen({ host: config.host, port: config.port });
  await deployer.deployFolder();
  const watcher = new AppsFolderWatcher(config.appsDir, (file) => void deployer.syncFile(file));
  watcher.start();
  const stopTimer =
    persistenceStore && config.persistence.intervalSeconds > 0
      ? (options.every ?? everyInterval)(config.persistence.intervalSeconds * 1000, () => deployer.persistAll())
      : undefined;

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const scheme = config.tls ? 'https' : 'http';
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  ctx.state.ready = true;
  logger.info(
    { port, apps: deployer.activeApps().map((a) => a.name), appsDir: config.appsDir, dataDir: config.dataDir },
    'server ready',
  );

  let closing: Promise<void> | undefined;
  return {
    url: `${scheme}://${host}:${port}`,
    port,
    context: ctx,
    close: () =>
      (closing ??= (async () => {
        ctx.state.shuttingDown = true;
        stopTimer?.();
        watcher.stop();
        feeds.stopAll();
        await app.close();
        await deployer.shutdownAll(persistenceStore !== undefined);
        await persistence?.close();
        db.close();
        logger.info('server stopped');
      })()),
  };
}

/** The configured persistence store (undefined for type none); a PostgreSQL one is connected and ready. */
async function openPersistenceStore(
  config: ServerConfig,
  db: ReturnType<typeof openDatabase>,
): Promise<{ store: PersistenceStore; close: () => Promise<void> } | undefined> {
  const keep = config.persistence.revisionsToKeep;
  const done = (): Promise<void> => Promise.resolve();
  switch (config.persistence.type) {
    case 'sqlite':
      return { store: new SqlitePersistenceStore(db, keep), close: done };
    case 'file':
      return { store: new FilePersistenceStore(join(config.dataDir, 'snapshots'), keep), close: done };
    case 'postgresql': {
      const url = config.persistence.url;
      if (url === undefined) throw new Error("persistence type 'postgresql' needs persistence.url");
      const store = await PostgresPersistenceStore.open({ url, keep });
      return { store, close: () => store.close() };
    }
    case 'memory':
      return { store: new InMemoryPersistenceStore(keep), close: done };
    case 'none':
      return undefined;
  }
}

function createHttpApp(config: ServerConfig, logger: ServerLogger): FastifyInstance {
  const app = Fastify({
    logger: false,
    ...(config.tls ? { https: { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) } } : {}),
  }) as unknown as FastifyInstance;
  for (const type of ['text/csv', 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  }
  app.setErrorHandler((e: unknown, req, reply) => {
    if (replyWithError(reply, e)) return;
    const status = (e as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      void reply.code(status).send({ type: 'error', message: (e as Error).message });
      return;
    }
    logger.error({ err: e, method: req.method, url: req.url }, 'request failed');
    void reply.code(500).send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ type: 'not-found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });
  return app;
}
