/**
 * The HTTP side of `tributary stream`: posts batches to the server's ingest endpoint and retries a
 * batch that failed for a passing reason (connection lost, timeout, 5xx, 408, 429, or 409: its
 * predecessor is still on its way) with exponential backoff and jitter, under the same sequence, so
 * the server applies it once. Other refusals (400, 401, 403, 404, 415) are final.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export type Credentials = { user: string; password: string } | { token: string } | undefined;

export interface IngestClientOptions {
  /** e.g. http://127.0.0.1:9090 */
  readonly server: string;
  readonly app: string;
  readonly stream: string;
  readonly credentials: Credentials;
  /** Per request (default 30000 ms). */
  readonly timeoutMs?: number;
  /** Retries of one batch before giving up (default 10). */
  readonly retries?: number;
  /** First backoff delay (default 100 ms), doubled per retry up to maxDelayMs (default 5000 ms). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface ProducerPosition {
  readonly sequence: number;
  readonly events: number;
}

export interface BatchResult {
  readonly duplicate: boolean;
  /** Attempts that failed before the one that went through. */
  readonly retries: number;
}

/** A refusal retrying will not change; `index` is the event the server named, when it named one. */
export class IngestError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly index?: number,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}

export class IngestClient {
  private readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly opts: IngestClientOptions) {
    const server = opts.server.replace(/\/+$/, '');
    this.base = `${server}/siddhi-apps/${encodeURIComponent(opts.app)}/streams/${encodeURIComponent(opts.stream)}`;
    this.headers = {};
    const c = opts.credentials;
    if (c && 'token' in c) this.headers['authorization'] = `Bearer ${c.token}`;
    else if (c) this.headers['authorization'] = `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}`;
  }

  /** How far the producer got (sequence 0: nothing yet); also checks server, credentials, app and stream. */
  async position(producer: string): Promise<ProducerPosition> {
    const body = await this.getJson(`/producers/${encodeURIComponent(producer)}`, 'asking the producer position');
    return body as unknown as ProducerPosition;
  }

  /** The stream's attribute names, in order. */
  async attributeNames(): Promise<string[]> {
    const attrs = (await this.getJson('', "asking the stream's attributes"))['attributes'];
    if (!Array.isArray(attrs)) throw new IngestError("the server did not list the stream's attributes");
    return attrs.map((a) => String((a as { name?: unknown }).name));
  }

  /** GETs a path under the stream (with retries); a refusal is an IngestError. */
  private getJson(path: string, what: string): Promise<Record<string, unknown>> {
    return this.withRetries(what, async () => {
      const res = await fetch(`${this.base}${path}`, {
        headers: this.headers,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
      const body = await replyBody(res);
      if (res.ok) return body;
      throw refusal(res.status, body);
    });
  }

  /** Posts one batch until the server has it (applied now or before); `cancel` stops the retries. */
  async send(
    producer: string,
    sequence: number,
    events: readonly unknown[],
    cancel?: AbortSignal,
  ): Promise<BatchResult> {
    const payload = JSON.stringify({ producer, sequence, events });
    let failed = 0;
    const r = await this.withRetries(
      `batch ${sequence}`,
      async () => {
        try {
          const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 30_000);
          const res = await fetch(`${this.base}/events`, {
            method: 'POST',
            headers: { ...this.headers, 'content-type': 'application/json' },
            body: payload,
            signal: cancel ? AbortSignal.any([timeout, cancel]) : timeout,
          });
          const body = await replyBody(res);
          if (res.ok) return body;
          throw refusal(res.status, body);
        } catch (e) {
          if (!(e instanceof IngestError)) failed++;
          throw e;
        }
      },
      cancel,
    );
    return { duplicate: r['duplicate'] === true, retries: failed };
  }

  private async withRetries<T>(what: string, attempt: () => Promise<T>, cancel?: AbortSignal): Promise<T> {
    const retries = this.opts.retries ?? 10;
    const base = this.opts.baseDelayMs ?? 100;
    const max = this.opts.maxDelayMs ?? 5000;
    for (let n = 0; ; n++) {
      if (cancel?.aborted) throw new IngestError(`${what} cancelled`);
      try {
        return await attempt();
      } catch (e) {
        if (e instanceof IngestError) throw e;
        if (cancel?.aborted) throw new IngestError(`${what} cancelled`);
        if (n >= retries) {
          throw new IngestError(`${what} failed ${n + 1} times; the last time: ${describe(e)}`);
        }
        // Full jitter: producers retrying together do not hammer the server in step.
        await sleep(Math.min(max, base * 2 ** n) * (0.5 + Math.random() / 2), undefined, { signal: cancel }).catch(
          () => undefined,
        );
      }
    }
  }
}

/** A reply worth retrying is thrown as a plain Error; a final one as IngestError. */
function refusal(status: number, body: Record<string, unknown>): Error {
  const message = typeof body['message'] === 'string' ? body['message'] : `HTTP ${status}`;
  if (status >= 500 || status === 408 || status === 429 || status === 409) {
    return new Error(`the server answered ${status}: ${message}`);
  }
  const index = typeof body['index'] === 'number' ? body['index'] : undefined;
  return new IngestError(`the server refused (${status}): ${message}`, status, index);
}

async function replyBody(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : { message: text };
  } catch {
    return { message: text.slice(0, 200) };
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError') return 'no answer in time';
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
  }
  return String(e);
}
