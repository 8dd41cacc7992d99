/** The error store: list failed events with their cause, replay them into their streams, or discard them. */
import type { FastifyInstance } from 'fastify';
import type { SqliteErrorStore } from '../error-store/sqlite-error-store.js';
import { HttpError } from '../http/http-error.js';
import type { ServerContext } from '../server-context.js';

type App = { Params: { app: string } };

export function errorStoreRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const store = (): SqliteErrorStore => {
    if (!ctx.errorStore) throw new HttpError(409, 'the error store is off');
    return ctx.errorStore;
  };

  app.get<App & { Querystring: { limit?: string } }>('/error-store/:app', async (req) => {
    const limit = req.query.limit === undefined ? 1000 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, 'limit must be a positive integer');
    const entries = store().list(req.params.app, limit);
    return { appName: req.params.app, count: store().count(req.params.app), entries };
  });

  /** Re-sends one entry (`{"id": n}` or `?id=n`) or all of them; a replayed event that fails again is stored anew. */
  app.post<App & { Querystring: { id?: string } }>('/error-store/:app/replay', async (req) => {
    const name = req.params.app;
    const body = (req.body ?? {}) as { id?: unknown };
    const rawId = body.id ?? req.query.id;
    const entries = rawId === undefined ? store().list(name, Number.MAX_SAFE_INTEGER) : [entryOf(store(), name, rawId)];
    const deployed = ctx.deployer.get(name);
    if (!deployed) throw new HttpError(409, `app '${name}' is not active; deploy it before replaying its events`);
    let replayed = 0;
    for (const e of entries) {
      if (!deployed.runtime.getStreamNames().includes(e.streamName)) {
        throw new HttpError(409, `app '${name}' no longer has stream '${e.streamName}' (entry ${e.id})`);
      }
      store().discard(name, e.id);
      deployed.runtime.getInputHandler(e.streamName).send(e.event.timestamp, e.event.data);
      replayed++;
    }
    return { type: 'success', replayed, remaining: store().count(name) };
  });

  app.delete<App>('/error-store/:app', async (req) => ({
    type: 'success',
    discarded: store().discard(req.params.app),
  }));

  app.delete<App & { Params: { id: string } }>('/error-store/:app/:id', async (req) => {
    const e = entryOf(store(), req.params.app, req.params.id);
    store().discard(req.params.app, e.id);
    return { type: 'success', discarded: 1 };
  });
}

function entryOf(store: SqliteErrorStore, app: string, raw: unknown): ReturnType<SqliteErrorStore['list']>[number] {
  const id = Number(raw);
  if (!Number.isInteger(id)) throw new HttpError(400, `entry id must be an integer, got ${JSON.stringify(raw)}`);
  const e = store.get(app, id);
  if (!e) throw new HttpError(404, `the error store has no entry ${id} for app '${app}'`);
  return e;
}
