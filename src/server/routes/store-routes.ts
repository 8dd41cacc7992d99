/** The Store API: `POST /stores/query` runs an on-demand query against an app's tables, windows or aggregations. */
import type { FastifyInstance } from 'fastify';
import { SiddhiAppCreationError } from '../../lang/errors.js';
import { HttpError } from '../http/http-error.js';
import { activeApp, type ServerContext } from '../server-context.js';

export function storeRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/stores/query', async (req) => {
    const body = (req.body ?? {}) as { appName?: unknown; query?: unknown };
    if (typeof body.appName !== 'string' || typeof body.query !== 'string') {
      throw new HttpError(400, 'the body must be {"appName": "...", "query": "from T select ..."}');
    }
    const deployed = activeApp(ctx, body.appName);
    try {
      const result = deployed.runtime.queryWithColumns(body.query);
      return { records: result.rows, details: result.columns };
    } catch (e) {
      if (e instanceof SiddhiAppCreationError) {
        throw new HttpError(400, e.message, {
          errors: e.diagnostics.map((d) => ({ line: d.line, column: d.column, message: d.message })),
        });
      }
      throw new HttpError(400, e instanceof Error ? e.message : String(e));
    }
  });
}
