/**
 * The stage of a stream processor that answers chunks (`ChunkProcessorImpl`): an answer given at once goes on
 * at once, during the send, as Siddhi's processors do; a promised answer goes on when it comes, after the
 * answers of the chunks before it. A chunk whose answer fails goes to the input stream's error handling. The
 * app's flush waits until no answer is in flight in any of its stages (answers may feed other stages).
 */
import type { ChunkSink, StreamEvent } from '../event/stream-event.js';
import type { ChunkProcessor } from '../registry/extension-impl.js';
import type { AppContext } from './app-context.js';

type Settled = { readonly out: StreamEvent[] } | { readonly error: unknown };

/** Each app's deliveries in flight. */
const inFlight = new WeakMap<AppContext, Set<Promise<void>>>();

function deliveriesOf(ctx: AppContext): Set<Promise<void>> {
  let set = inFlight.get(ctx);
  if (set === undefined) {
    const deliveries = new Set<Promise<void>>();
    inFlight.set(ctx, (set = deliveries));
    ctx.lifecycle.push({
      // Deliveries never reject; one may start others (an answer sent into a stream another stage reads).
      flush: async () => {
        while (deliveries.size > 0) await Promise.all([...deliveries]);
      },
    });
  }
  return set;
}

/**
 * `fail` takes a chunk whose processing failed after `process` returned (its promise rejected, or sending the
 * answer on threw), with the error.
 */
export function answeringStage(
  ctx: AppContext,
  processor: ChunkProcessor,
  next: ChunkSink,
  fail: (error: unknown, chunk: StreamEvent[]) => void,
): ChunkSink {
  const deliveries = deliveriesOf(ctx);
  // The delivery of the last chunk answered later, while it is not done: later answers wait for it.
  let tail: Promise<void> | undefined;
  const deliver = (s: Settled, chunk: StreamEvent[]): void => {
    if ('error' in s) {
      fail(s.error, chunk);
      return;
    }
    if (s.out.length === 0) return;
    try {
      next(s.out);
    } catch (e) {
      fail(e, chunk);
    }
  };
  return (chunk) => {
    // A throw here is the chunk's error now: it reaches the input stream's handling through the junction.
    const answer = processor.process(chunk);
    if (Array.isArray(answer) && tail === undefined) {
      if (answer.length > 0) next(answer);
      return;
    }
    // Settled at once, so a rejection is never left unhandled while earlier answers are awaited.
    const settled: Promise<Settled> = Promise.resolve(answer).then(
      (out) => ({ out }),
      (error: unknown) => ({ error }),
    );
    const delivery: Promise<void> = (tail ?? Promise.resolve())
      .then(() => settled)
      .then((s) => deliver(s, chunk))
      .catch((e: unknown) => {
        ctx.logger.error(`error handling a failed chunk: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        deliveries.delete(delivery);
        if (tail === delivery) tail = undefined;
      });
    tail = delivery;
    deliveries.add(delivery);
  };
}
