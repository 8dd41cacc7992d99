/**
 * Event simulation: `POST /simulation/single`, feeds (`POST /simulation/feed`, pause/resume/stop,
 * progress) from CSV text, uploaded CSV files (`POST /simulation/files`) or random values.
 */
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/http-error.js';
import { activeApp, type ServerContext } from '../server-context.js';
import { parseFeedConfig } from '../simulation/feed-config.js';
import type { FeedSimulation, FeedStatus } from '../simulation/feed-simulation.js';
import { convertEvent, streamAttributes } from '../simulation/stream-attributes.js';

type Id = { Params: { id: string } };

export function simulationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/simulation/single', async (req) => {
    const b = (req.body ?? {}) as {
      siddhiAppName?: unknown;
      streamName?: unknown;
      timestamp?: unknown;
      data?: unknown;
    };
    if (typeof b.siddhiAppName !== 'string' || typeof b.streamName !== 'string' || !Array.isArray(b.data)) {
      throw new HttpError(400, 'the body must be {"siddhiAppName", "streamName", "timestamp"?, "data": [...]}');
    }
    const runtime = activeApp(ctx, b.siddhiAppName).runtime;
    if (!runtime.getStreamNames().includes(b.streamName)) {
      throw new HttpError(
        400,
        `app '${b.siddhiAppName}' has no stream '${b.streamName}'; its streams are ${runtime.getStreamNames().join(', ')}`,
      );
    }
    const data = convertEvent(b.data, streamAttributes(runtime, b.streamName), b.streamName);
    const ts =
      b.timestamp === undefined || b.timestamp === null || b.timestamp === '' ? undefined : Number(b.timestamp);
    if (ts !== undefined && !Number.isFinite(ts)) throw new HttpError(400, "'timestamp' must be epoch milliseconds");
    const handler = runtime.getInputHandler(b.streamName);
    if (ts !== undefined) handler.send(ts, data);
    else handler.send(data);
    return { status: 'OK', message: 'Single Event simulation started successfully' };
  });

  app.post('/simulation/feed', async (req, reply) => {
    const feed = await ctx.feeds.start(parseFeedConfig(req.body));
    return reply.code(201).header('location', `/simulation/feed/${feed.id}`).send(feed.progress());
  });

  app.get('/simulation/feed', async () => ctx.feeds.list().map((f) => f.progress()));

  /** Progress; `?waitFor=COMPLETED` (or any status, or `finished`) answers once the feed gets there. */
  app.get<Id & { Querystring: { waitFor?: string } }>('/simulation/feed/:id', async (req) => {
    const feed = feedOf(ctx, req.params.id);
    const want = req.query.waitFor;
    if (want !== undefined) await reached(feed, want, req.raw);
    return feed.progress();
  });

  for (const action of ['pause', 'resume', 'stop'] as const) {
    app.post<Id>(`/simulation/feed/:id/${action}`, async (req) => {
      const feed = feedOf(ctx, req.params.id);
      feed[action]();
      return feed.progress();
    });
  }

  app.post<{ Querystring: { fileName?: string } }>(
    '/simulation/files',
    { bodyLimit: 256 * 1024 * 1024 },
    async (req, reply) => {
      const name = req.query.fileName;
      if (!name) throw new HttpError(400, 'name the file: POST /simulation/files?fileName=data.csv');
      if (typeof req.body !== 'string')
        throw new HttpError(400, 'send the CSV as the body, with content-type text/csv');
      ctx.feeds.saveCsv(name, req.body);
      return reply.code(201).send({ type: 'success', fileName: name });
    },
  );

  app.get('/simulation/files', async () => ctx.feeds.csvFiles());

  app.delete<{ Params: { fileName: string } }>('/simulation/files/:fileName', async (req) => {
    if (!ctx.feeds.deleteCsv(req.params.fileName))
      throw new HttpError(404, `no uploaded file '${req.params.fileName}'`);
    return { type: 'success' };
  });
}

function feedOf(ctx: ServerContext, id: string): FeedSimulation {
  const feed = ctx.feeds.get(id);
  if (!feed) throw new HttpError(404, `no feed simulation '${id}'`);
  return feed;
}

const STATUSES: readonly string[] = ['RUNNING', 'PAUSED', 'STOPPED', 'COMPLETED', 'FAILED', 'FINISHED'];

function reached(feed: FeedSimulation, want: string, raw: NodeJS.EventEmitter): Promise<void> {
  const w = want.toUpperCase();
  if (!STATUSES.includes(w)) throw new HttpError(400, `waitFor must be one of ${STATUSES.join(', ')}`);
  const done = (s: FeedStatus): boolean => s === w || (w === 'FINISHED' && feed.finished) || (feed.finished && s !== w);
  if (done(feed.status)) return Promise.resolve();
  return new Promise((resolve) => {
    const onStatus = (s: FeedStatus): void => {
      if (!done(s)) return;
      feed.off('status', onStatus);
      resolve();
    };
    feed.on('status', onStatus);
    raw.once('close', () => {
      feed.off('status', onStatus);
      resolve();
    });
  });
}
