/**
 * One scrape: a GET of the target URL, the body as text. A refused connection, a timeout or a reply other
 * than 200 is a `ConnectionUnavailableError` (siddhi-io-prometheus reports those as a lost connection).
 */
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ConnectionUnavailableError, errorMessage } from '../../framework/transport.js';

export interface ScrapeTarget {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** CAs to trust for https (besides the system's), when given. */
  readonly ca?: readonly (string | Buffer)[];
}

export function scrape(target: ScrapeTarget): Promise<string> {
  const { url } = target;
  const https = url.protocol === 'https:';
  const options: RequestOptions & { ca?: (string | Buffer)[] } = {
    method: 'GET',
    headers: { accept: 'text/plain', ...target.headers },
    timeout: target.timeoutMs,
    ...(https && target.ca ? { ca: [...target.ca] } : {}),
  };
  return new Promise((resolve, reject) => {
    const fail = (e: unknown): void =>
      reject(
        e instanceof ConnectionUnavailableError
          ? e
          : new ConnectionUnavailableError(`cannot scrape ${url.href}: ${errorMessage(e)}`, { cause: e }),
      );
    const req = (https ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        if (res.statusCode !== 200) {
          fail(new ConnectionUnavailableError(`scraping ${url.href}: HTTP status ${res.statusCode ?? '?'}`));
          return;
        }
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no reply within ${target.timeoutMs} ms`)));
    req.on('error', fail);
    req.end();
  });
}
