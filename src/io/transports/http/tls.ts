/**
 * TLS options of the HTTP transports, read from PEM files (Siddhi reads JKS keystores from system parameters;
 * Tributary takes the files per source or sink):
 * - servers (`http`, `http-service` sources with an `https://` receiver.url): `tls.key`, `tls.cert`, and for
 *   client certificates `ssl.verify.client` ('require' | 'optional', Siddhi's name) with the CAs in `tls.ca`;
 * - clients (`http`, `http-call` sinks with an `https://` publisher.url): `tls.ca` (CAs to trust besides the
 *   system's), `ssl.verification.disabled` and `hostname.verification.enabled` (Siddhi's names), and
 *   `tls.key` / `tls.cert` for a client certificate.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates, type PeerCertificate } from 'node:tls';
import type { OptionSpec } from '../../../lang/catalog.js';
import type { OptionReader } from '../../framework/transport.js';

export const SERVER_TLS_OPTIONS: OptionSpec[] = [
  {
    name: 'tls.key',
    type: ['string'],
    optional: true,
    description: 'PEM file of the private key, for an `https://` receiver.url.',
  },
  {
    name: 'tls.cert',
    type: ['string'],
    optional: true,
    description: 'PEM file of the certificate (chain), for an `https://` receiver.url.',
  },
  {
    name: 'tls.ca',
    type: ['string'],
    optional: true,
    description: 'PEM file of the CAs that client certificates must chain to (with `ssl.verify.client`).',
  },
  {
    name: 'ssl.verify.client',
    type: ['string'],
    optional: true,
    description:
      "Client certificates: 'require' (refuse clients without a valid one) or 'optional' (ask, accept any); absent: not asked.",
  },
];

export const CLIENT_TLS_OPTIONS: OptionSpec[] = [
  {
    name: 'tls.ca',
    type: ['string'],
    optional: true,
    description:
      "PEM file of CAs to trust for `https://` URLs, besides the system ones (e.g. a self-signed server certificate). Stands for Siddhi's `https.truststore.file`.",
  },
  {
    name: 'ssl.verification.disabled',
    type: ['bool'],
    optional: true,
    defaultValue: 'false',
    description: 'When true, any server certificate is accepted (testing only).',
  },
  {
    name: 'hostname.verification.enabled',
    type: ['bool'],
    optional: true,
    defaultValue: 'true',
    description: 'When false, the server certificate need not name the host of the URL.',
  },
  {
    name: 'tls.key',
    type: ['string'],
    optional: true,
    description: 'PEM file of the private key of a client certificate.',
  },
  {
    name: 'tls.cert',
    type: ['string'],
    optional: true,
    description: 'PEM file of a client certificate (with `tls.key`).',
  },
];

function readPem(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(`${option}='${file}' cannot be read (${(e as Error).message}); give the path of a PEM file`);
  }
}

export interface ServerTls {
  readonly key: Buffer;
  readonly cert: Buffer;
  readonly ca?: Buffer;
  readonly requestCert: boolean;
  readonly rejectUnauthorized: boolean;
  /** What identifies this configuration (sources sharing a port must agree on it). */
  readonly id: string;
}

/** The TLS settings of a server for `scheme` ('http' or 'https'); throws a clear error on bad options. */
export function serverTls(o: OptionReader, scheme: 'http' | 'https', url: string): ServerTls | undefined {
  const keyFile = o.get('tls.key');
  const certFile = o.get('tls.cert');
  if (scheme === 'http') {
    if (keyFile !== undefined || certFile !== undefined) {
      throw new Error(`tls.key/tls.cert are set but receiver.url '${url}' is http://; use https:// to serve TLS`);
    }
    return undefined;
  }
  if (keyFile === undefined || certFile === undefined) {
    throw new Error(`receiver.url '${url}' is https:// and needs tls.key and tls.cert (PEM files)`);
  }
  const verify = o.get('ssl.verify.client')?.trim().toLowerCase();
  if (verify !== undefined && verify !== 'require' && verify !== 'optional') {
    throw new Error(`ssl.verify.client must be 'require' or 'optional', not '${verify}'`);
  }
  const caFile = o.get('tls.ca');
  if (verify === 'require' && caFile === undefined) {
    throw new Error("ssl.verify.client='require' needs tls.ca, the PEM file of the CAs client certificates chain to");
  }
  const ca = caFile === undefined ? undefined : readPem('tls.ca', caFile);
  return {
    key: readPem('tls.key', keyFile),
    cert: readPem('tls.cert', certFile),
    ...(ca ? { ca } : {}),
    requestCert: verify !== undefined,
    rejectUnauthorized: verify === 'require',
    id: [keyFile, certFile, caFile ?? '', verify ?? ''].join('\u0000'),
  };
}

export interface ClientTls {
  readonly ca?: (string | Buffer)[];
  readonly key?: Buffer;
  readonly cert?: Buffer;
  readonly rejectUnauthorized: boolean;
  readonly checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined;
}

/** The TLS settings of a client (used for `https://` URLs). */
export function clientTls(o: OptionReader): ClientTls {
  const caFile = o.get('tls.ca');
  const keyFile = o.get('tls.key');
  const certFile = o.get('tls.cert');
  if ((keyFile === undefined) !== (certFile === undefined)) {
    throw new Error('a client certificate needs both tls.key and tls.cert');
  }
  const hostnames = o.bool('hostname.verification.enabled', true);
  return {
    ...(caFile !== undefined ? { ca: [...rootCertificates, readPem('tls.ca', caFile)] } : {}),
    ...(keyFile !== undefined ? { key: readPem('tls.key', keyFile) } : {}),
    ...(certFile !== undefined ? { cert: readPem('tls.cert', certFile) } : {}),
    rejectUnauthorized: !o.bool('ssl.verification.disabled', false),
    ...(hostnames ? {} : { checkServerIdentity: () => undefined }),
  };
}
