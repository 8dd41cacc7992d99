/** Errors the REST API answers with, and how engine and deployment errors map to status codes. */
import type { FastifyReply } from 'fastify';
import { SiddhiAppCreationError } from '../../lang/errors.js';
import { AppExistsError, AppNotFoundError, AppStartError } from '../apps/app-errors.js';
import { SimulationInputError } from '../simulation/stream-attributes.js';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  readonly type: 'error' | 'conflict' | 'not-found' | 'unauthorized' | 'forbidden';
  readonly message: string;
  readonly [key: string]: unknown;
}

/** Sends the JSON body of a known error; returns false for errors it does not know. */
export function replyWithError(reply: FastifyReply, e: unknown): boolean {
  if (e instanceof SiddhiAppCreationError) {
    void reply.code(400).send({
      type: 'error',
      message: e.message,
      errors: e.diagnostics.map((d) => ({ line: d.line, column: d.column, message: d.message })),
    } satisfies ErrorBody);
    return true;
  }
  if (e instanceof AppExistsError) {
    void reply.code(409).send({ type: 'conflict', message: e.message } satisfies ErrorBody);
    return true;
  }
  if (e instanceof AppNotFoundError) {
    void reply.code(404).send({ type: 'not-found', message: e.message } satisfies ErrorBody);
    return true;
  }
  if (e instanceof AppStartError) {
    void reply.code(503).send({ type: 'error', message: e.message } satisfies ErrorBody);
    return true;
  }
  if (e instanceof SimulationInputError) {
    void reply.code(400).send({ type: 'error', message: e.message } satisfies ErrorBody);
    return true;
  }
  if (e instanceof HttpError) {
    const type = e.statusCode === 404 ? 'not-found' : e.statusCode === 409 ? 'conflict' : 'error';
    void reply.code(e.statusCode).send({ type, message: e.message, ...e.extra } satisfies ErrorBody);
    return true;
  }
  return false;
}
