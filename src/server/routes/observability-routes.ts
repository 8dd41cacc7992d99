/** `GET /metrics` (Prometheus text format), `GET /health` (+ `/health/live`, `/health/ready`), `GET /openapi.json`. */
import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../openapi-document.js';
import type { ServerContext } from '../server-context.js';

export function observabilityRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/metrics', async (_req, reply) => {
    const text = await ctx.metrics.metrics();
    return reply.type(ctx.metrics.contentType).send(text);
  });

  const health = (): Record<string, unknown> => ({
    status: ctx.state.ready && !ctx.state.shuttingDown ? 'UP' : 'DOWN',
    live: true,
    ready: ctx.state.ready && !ctx.state.shuttingDown,
    apps: { active: ctx.deployer.activeApps().length, inactive: ctx.deployer.inactiveApps().length },
  });
  app.get('/health', async (_req, reply) => {
    const h = health();
    return reply.code(h['ready'] ? 200 : 503).send(h);
  });
  app.get('/health/live', async () => ({ status: 'UP' }));
  app.get('/health/ready', async (_req, reply) => {
    const h = health();
    return reply.code(h['ready'] ? 200 : 503).send({ status: h['status'] });
  });

  let doc: Record<string, unknown> | undefined;
  app.get('/openapi.json', async () => (doc ??= openApiDocument()));
}
