/** What the route handlers share. */
import type { Registry } from 'prom-client';
import type { AppDeployer } from './apps/app-deployer.js';
import type { DeployedApp } from './apps/deployed-app.js';
import type { ServerConfig } from './config/server-config.js';
import type { SqliteErrorStore } from './error-store/sqlite-error-store.js';
import { HttpError } from './http/http-error.js';
import type { ServerLogger } from './logging/create-logger.js';
import type { FeedRegistry } from './simulation/feed-registry.js';

export interface ServerContext {
  readonly config: ServerConfig;
  readonly deployer: AppDeployer;
  readonly errorStore: SqliteErrorStore | undefined;
  readonly feeds: FeedRegistry;
  readonly metrics: Registry;
  readonly logger: ServerLogger;
  readonly persistence: boolean;
  readonly state: { ready: boolean; shuttingDown: boolean };
}

export function activeApp(ctx: ServerContext, name: string): DeployedApp {
  const app = ctx.deployer.get(name);
  if (!app) {
    const inactive = ctx.deployer.getInactive(name);
    throw new HttpError(
      404,
      inactive
        ? `Siddhi app '${name}' is inactive (it failed to deploy); fix it and deploy it again`
        : `there is no Siddhi app named '${name}'`,
    );
  }
  return app;
}
