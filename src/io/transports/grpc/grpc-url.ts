/**
 * siddhi-io-grpc's URLs: `grpc://host:port/org.wso2.grpc.EventService/<method>[/<sequence>]`, or the short
 * `grpc://host:port/<sequence>` (the default service; the method follows from the transport type). The
 * sequence names a WSO2 Micro Integrator sequence: sinks send it as the `sequence` header.
 */
import { URL_SERVICE_NAME, type EventMethod } from './event-service.js';

export interface GrpcUrl {
  readonly text: string;
  /** Without brackets for IPv6. */
  readonly host: string;
  readonly port: number;
  readonly sequence: string | undefined;
}

const FORMAT = `grpc://host:port/${URL_SERVICE_NAME}/<method>[/<sequence>] or grpc://host:port/<sequence>`;

/**
 * Reads `option` ('publisher.url' or 'receiver.url') of a transport whose EventService method is `method`;
 * throws a creation error naming what is wrong: the scheme, the form, a service other than EventService
 * (generic services are not supported) or another method.
 */
export function parseGrpcUrl(option: string, text: string, method: EventMethod, type: string): GrpcUrl {
  const url = text.trim();
  if (!/^grpc/i.test(url)) {
    throw new Error(`${option} '${text}' must begin with "grpc", as ${FORMAT}`);
  }
  const m = /^grpc:\/\/(\[[0-9a-f:.]+\]|[^/:?#[\]@]+):(\d{1,5})(\/[^?#]*)?$/i.exec(url);
  if (!m || m[3] === undefined || m[3] === '/') {
    throw new Error(`${option} '${text}' is not properly given: expected ${FORMAT}`);
  }
  const port = Number(m[2]);
  if (port > 65535 || (port === 0 && option === 'publisher.url')) {
    throw new Error(`${option} '${text}' has no valid port: expected ${FORMAT}`);
  }
  const host = m[1]!.replace(/^\[|\]$/g, '');
  const parts = m[3].slice(1).split('/');
  // As Java's String.split: trailing empty parts do not count.
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.includes('')) {
    throw new Error(`${option} '${text}' is malformed: no part between two '/' may be empty`);
  }
  if (parts.length === 1) return { text: url, host, port, sequence: parts[0] };
  const [service, given, sequence, ...rest] = parts as [string, string, string | undefined, ...string[]];
  if (service.toLowerCase() !== URL_SERVICE_NAME.toLowerCase()) {
    throw new Error(
      `${option} '${text}' names the gRPC service '${service}', but Tributary supports only siddhi-io-grpc's default service '${URL_SERVICE_NAME}' (generic services, which Siddhi serves with user-generated protobuf classes, are not supported)`,
    );
  }
  if (given.toLowerCase() !== method) {
    throw new Error(
      `${option} '${text}' names the method '${given}', but the ${type} uses EventService's method '${method}'`,
    );
  }
  if (rest.length > 0) {
    throw new Error(`${option} '${text}' has parts after the sequence name: expected ${FORMAT}`);
  }
  return { text: url, host, port, sequence };
}

/** `host:port` as a gRPC target or bind address (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
