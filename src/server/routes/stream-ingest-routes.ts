/**
 * Batched, idempotent ingest (the server side of `tributary stream`):
 * `POST /siddhi-apps/{name}/streams/{stream}/events` sends a producer's batch into the stream as one
 * chunk, once: a batch whose sequence the ledger already holds is answered `{duplicate: true}`
 * without sending it again, so a client that retries after a timeout delivers at least once and the
 * stream sees each batch exactly once. `GET .../producers[/{producer}]` tells how far producers got
 * (what `tributary stream --resume` asks); `DELETE .../producers/{producer}` forgets one;
 * `GET /siddhi-apps/{name}/streams/{stream}` gives the stream's attributes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SiddhiAppRuntime } from '../../engine/app/siddhi-app-runtime.js';
import { HttpError } from '../http/http-error.js';
import { batchFromJson, batchFromNdjson, convertBatch, type IngestBatch } from '../ingest/ingest-batch.js';
import type { ProducerKey, ProducerLedger } from '../ingest/producer-ledger.js';
import { activeApp, type ServerContext } from '../server-context.js';
import { streamAttributes, type StreamAttribute } from '../simulation/stream-attributes.js';

export interface StreamIngestOptions {
  /** How long a batch that arrived before its predecessor waits for it (default 10 s), then 409. */
  readonly orderWaitMs?: number;
  /** Batches of one producer that may wait at once (default 256); more get 409 at once. */
  readonly maxWaiting?: number;
}

type StreamParams = { Params: { name: string; stream: string } };
type ProducerParams = { Params: { name: string; stream: string; producer: string } };

const NDJSON = 'application/x-ndjson';

export function streamIngestRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  ledger: ProducerLedger,
  opts: StreamIngestOptions = {},
): void {
  const orderWaitMs = opts.orderWaitMs ?? 10_000;
  const maxWaiting = opts.maxWaiting ?? 256;

  // In its own scope: the JSON-lines body parser applies to these routes only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(NDJSON, { parseAs: 'string' }, (_req, body, done) => done(null, body));

    scope.post<StreamParams>(
      '/siddhi-apps/:name/streams/:stream/events',
      { bodyLimit: 64 * 1024 * 1024 },
      async (req, reply) => {
        const { name, stream } = req.params;
        const batch = readBatch(req);
        const attrs = attributesOf(activeApp(ctx, name).runtime, name, stream);
        // Every event is checked before anything is sent (a bad one: 400 naming it, nothing applied).
        const events = convertBatch(batch.events, attrs, stream);
        const key: ProducerKey = { app: name, stream, producer: batch.producer };
        const duplicate = await waitForTurn(key, batch, reply);
        if (duplicate !== undefined) return { duplicate: true, sequence: batch.sequence, highest: duplicate };
        // The app may have been updated while the batch waited: send into the one running now.
        const runtime = activeApp(ctx, name).runtime;
        const handler = runtime.getInputHandler(stream);
        try {
          if (events.length > 0) handler.send(events);
        } finally {
          // Once sent, the batch counts as applied even if a query failed on it (the app's @OnError
          // handles that): a retry must not send it again.
          ledger.record(key, batch.sequence, events.length);
        }
        return { accepted: events.length, sequence: batch.sequence };
      },
    );

    // The stream's attributes, in order (what `tributary stream --header` matches CSV columns against).
    scope.get<StreamParams>('/siddhi-apps/:name/streams/:stream', async (req) => {
      const { name, stream } = req.params;
      const attrs = attributesOf(activeApp(ctx, name).runtime, name, stream);
      return { app: name, stream, attributes: attrs.map((a) => ({ name: a.name, type: a.type })) };
    });

    scope.get<StreamParams>('/siddhi-apps/:name/streams/:stream/producers', async (req) => {
      const { name, stream } = req.params;
      attributesOf(activeApp(ctx, name).runtime, name, stream);
      return ledger.producers(name, stream);
    });

    scope.get<ProducerParams>('/siddhi-apps/:name/streams/:stream/producers/:producer', async (req) => {
      const { name, stream, producer } = req.params;
      attributesOf(activeApp(ctx, name).runtime, name, stream);
      return { producer, ...ledger.position({ app: name, stream, producer }) };
    });

    scope.delete<ProducerParams>('/siddhi-apps/:name/streams/:stream/producers/:producer', async (req) => {
      const { name, stream, producer } = req.params;
      if (!ledger.remove({ app: name, stream, producer })) {
        throw new HttpError(404, `producer '${producer}' has sent nothing into ${name}/${stream}`);
      }
      return { type: 'success', message: `producer '${producer}' forgotten: its next batch is sequence 1` };
    });
  });

  /**
   * Resolves with undefined when the batch is the producer's next one, or with the highest applied
   * sequence when it is a duplicate; waits (bounded) while its predecessor has not been applied.
   */
  async function waitForTurn(key: ProducerKey, batch: IngestBatch, reply: FastifyReply): Promise<number | undefined> {
    const deadline = Date.now() + orderWaitMs;
    let gone: AbortController | undefined;
    try {
      for (;;) {
        const highest = ledger.position(key).sequence;
        if (batch.sequence <= highest) return highest;
        if (batch.sequence === highest + 1) return undefined;
        const left = deadline - Date.now();
        if (left <= 0 || ledger.waitingCount(key) >= maxWaiting) throw outOfOrder(key, batch, highest);
        if (!gone) {
          const ac = (gone = new AbortController());
          reply.raw.once('close', () => ac.abort());
        }
        if (!(await ledger.waitForChange(key, left, gone.signal))) {
          if (gone.signal.aborted) throw new HttpError(499, 'the client closed the connection');
          throw outOfOrder(key, batch, ledger.position(key).sequence);
        }
      }
    } finally {
      gone?.abort();
    }
  }
}

function outOfOrder(key: ProducerKey, batch: IngestBatch, highest: number): HttpError {
  return new HttpError(
    409,
    `batch ${batch.sequence} of producer '${key.producer}' came before batch ${highest + 1} ` +
      `(the highest applied is ${highest}); send batch ${highest + 1} first, then retry this one`,
    { expected: highest + 1, highest },
  );
}

function readBatch(req: FastifyRequest): IngestBatch {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === NDJSON) return batchFromNdjson(String(req.body ?? ''), req.headers);
  if (type !== 'application/json') {
    throw new HttpError(415, `send the batch as application/json (or ${NDJSON}); got '${type || 'no content-type'}'`);
  }
  return batchFromJson(req.body);
}

function attributesOf(runtime: SiddhiAppRuntime, app: string, stream: string): StreamAttribute[] {
  if (!runtime.getStreamNames().includes(stream) || stream.startsWith('!')) {
    throw new HttpError(
      404,
      `app '${app}' has no stream '${stream}'; its streams are ${runtime
        .getStreamNames()
        .filter((s) => !s.startsWith('!'))
        .join(', ')}`,
    );
  }
  const attrs = streamAttributes(runtime, stream);
  if (!attrs) {
    throw new HttpError(
      400,
      `stream '${stream}' of app '${app}' is not declared with 'define stream' (its type is inferred); ` +
        'stream into a defined stream',
    );
  }
  return attrs;
}
