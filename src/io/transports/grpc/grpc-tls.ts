/**
 * TLS of the gRPC transports under siddhi-io-grpc's option names (`enable.ssl`, `mutual.auth.enabled`,
 * `truststore.*`, `keystore.*`), read from PEM files: Siddhi reads Java keystores (JKS), which Node cannot,
 * so `truststore.file` is a PEM file of CA certificates and `keystore.file` a PEM file holding a private key
 * and its certificate chain. A JKS (or other non-PEM) file is refused when the app is created, with the
 * command that converts it. Where Siddhi falls back to the Carbon server's default keystores, Tributary
 * trusts the system CAs (a client without truststore.file) or asks for the file (a server's keystore, and
 * the other side's certificates with mutual authentication).
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { OptionSpec } from '../../../lang/catalog.js';
import type { OptionReader } from '../../framework/transport.js';

const SSL_OPTIONS = (server: boolean): OptionSpec[] => [
  {
    name: 'enable.ssl',
    type: ['bool'],
    optional: true,
    defaultValue: 'false',
    description: server
      ? 'Serves TLS with the key and certificate of `keystore.file` (the TLS options count only when this is true).'
      : 'Calls over TLS, trusting the CAs of `truststore.file`, or the system CAs without it (the TLS options count only when this is true).',
  },
  {
    name: 'mutual.auth.enabled',
    type: ['bool'],
    optional: true,
    defaultValue: 'false',
    description: server
      ? 'With `enable.ssl`: clients must present a certificate that chains to a CA of `truststore.file`.'
      : 'With `enable.ssl`: presents the key and certificate of `keystore.file` to the server.',
  },
  {
    name: 'truststore.file',
    type: ['string'],
    optional: true,
    description: server
      ? 'PEM file of the CA certificates client certificates must chain to (mutual authentication). Siddhi reads a JKS file here: export its certificates as PEM (`keytool -exportcert -rfc`).'
      : 'PEM file of the CA certificates the server certificate must chain to. Siddhi reads a JKS file here: export its certificates as PEM (`keytool -exportcert -rfc`).',
  },
  {
    name: 'truststore.password',
    type: ['string'],
    optional: true,
    description: 'Accepted for Siddhi apps; a PEM file of certificates has no password.',
  },
  {
    name: 'truststore.algorithm',
    type: ['string'],
    optional: true,
    description: "Accepted for Siddhi apps (Java's trust manager algorithm, e.g. 'SunX509'); no effect.",
  },
  {
    name: 'keystore.file',
    type: ['string'],
    optional: true,
    description: server
      ? 'PEM file holding the private key and certificate chain the server presents. Siddhi reads a JKS file here: convert it (`keytool -importkeystore` to PKCS12, then `openssl pkcs12 -nodes`).'
      : 'PEM file holding the private key and certificate chain presented with `mutual.auth.enabled`. Siddhi reads a JKS file here: convert it (`keytool -importkeystore` to PKCS12, then `openssl pkcs12 -nodes`).',
  },
  {
    name: 'keystore.password',
    type: ['string'],
    optional: true,
    description: 'Passphrase of an encrypted private key in `keystore.file`.',
  },
  {
    name: 'keystore.algorithm',
    type: ['string'],
    optional: true,
    description: "Accepted for Siddhi apps (Java's key manager algorithm, e.g. 'SunX509'); no effect.",
  },
  {
    name: 'tls.store.type',
    type: ['string'],
    optional: true,
    description: "Accepted for Siddhi apps (default 'JKS' there); Tributary reads PEM files whatever it says.",
  },
];

export const CLIENT_TLS_OPTIONS = SSL_OPTIONS(false);
export const SERVER_TLS_OPTIONS = SSL_OPTIONS(true);

/** The PEM material of a client (`enable.ssl`). */
export interface ClientTls {
  readonly rootCerts: Buffer | null;
  readonly key: Buffer | null;
  readonly certChain: Buffer | null;
}

export interface ServerTls {
  readonly key: Buffer;
  readonly certChain: Buffer;
  /** The CAs client certificates must chain to (mutual authentication). */
  readonly rootCerts: Buffer | null;
  readonly requireClientCert: boolean;
  /** What identifies this configuration (sources sharing a port must agree on it). */
  readonly id: string;
}

const JKS_MAGIC = [0xfe, 0xed, 0xfe, 0xed];
const JCEKS_MAGIC = [0xce, 0xce, 0xce, 0xce];

function startsWith(bytes: Buffer, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

interface PemBlock {
  readonly label: string;
  readonly text: string;
}

/** Reads a PEM file, refusing Java keystores and other binary stores with the way to convert them. */
function readPem(option: string, file: string, holds: 'certificates' | 'key'): PemBlock[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Error(`${option} '${file}' cannot be read (${(e as Error).message})`);
  }
  const convert =
    holds === 'certificates'
      ? `export its certificates as PEM: keytool -exportcert -rfc -keystore ${file} -alias <alias> > ca.pem`
      : `convert it to a PEM file of the key and its certificates: keytool -importkeystore -srckeystore ${file} -destkeystore store.p12 -deststoretype PKCS12, then openssl pkcs12 -in store.p12 -nodes -out store.pem`;
  if (startsWith(bytes, JKS_MAGIC) || startsWith(bytes, JCEKS_MAGIC)) {
    throw new Error(
      `${option} '${file}' is a Java keystore (JKS), which Tributary cannot read; it takes PEM files: ${convert}`,
    );
  }
  const text = bytes.toString('latin1');
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)].map((m) => ({
    label: m[1]!,
    text: m[0],
  }));
  if (blocks.length === 0) {
    throw new Error(
      `${option} '${file}' is not a PEM file (a PKCS#12 or DER file?); Tributary takes PEM files: ${convert}`,
    );
  }
  return blocks;
}

function certificates(option: string, file: string, blocks: readonly PemBlock[]): Buffer {
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE');
  if (certs.length === 0) throw new Error(`${option} '${file}' holds no certificate (-----BEGIN CERTIFICATE-----)`);
  return Buffer.from(certs.map((b) => b.text).join('\n') + '\n');
}

/** The private key and certificate chain of `keystore.file` (an encrypted key is opened with `keystore.password`). */
function keyStore(o: OptionReader, file: string): { key: Buffer; certChain: Buffer } {
  const blocks = readPem('keystore.file', file, 'key');
  const keys = blocks.filter((b) => b.label.endsWith('PRIVATE KEY'));
  if (keys.length !== 1) {
    throw new Error(
      `keystore.file '${file}' must hold one private key and its certificate chain; it holds ${keys.length} private keys`,
    );
  }
  let key: Buffer;
  try {
    const password = o.get('keystore.password');
    key = Buffer.from(
      createPrivateKey({ key: keys[0]!.text, ...(password !== undefined ? { passphrase: password } : {}) }).export({
        format: 'pem',
        type: 'pkcs8',
      }),
    );
  } catch (e) {
    throw new Error(`the private key of keystore.file '${file}' cannot be read (${(e as Error).message})`);
  }
  return { key, certChain: certificates('keystore.file', file, blocks) };
}

function truststore(file: string): Buffer {
  return certificates('truststore.file', file, readPem('truststore.file', file, 'certificates'));
}

/** TLS files given while `enable.ssl` is off are not used (as in Siddhi): says so. */
function unusedFiles(o: OptionReader, warn: (message: string) => void): void {
  const given = ['truststore.file', 'keystore.file', 'mutual.auth.enabled'].filter((n) => o.get(n) !== undefined);
  if (given.length > 0) warn(`${given.join(', ')} given without enable.ssl='true': the connection is not encrypted`);
}

/** The TLS of a client sink; undefined for plaintext. Throws a creation error for unusable files. */
export function clientTls(o: OptionReader, warn: (message: string) => void): ClientTls | undefined {
  if (!o.bool('enable.ssl', false)) {
    unusedFiles(o, warn);
    return undefined;
  }
  const trustFile = o.get('truststore.file');
  const rootCerts = trustFile === undefined ? null : truststore(trustFile);
  if (!o.bool('mutual.auth.enabled', false)) return { rootCerts, key: null, certChain: null };
  const keyFile = o.get('keystore.file');
  if (keyFile === undefined) {
    throw new Error(
      "mutual.auth.enabled='true' needs keystore.file, a PEM file holding the client's private key and certificate chain",
    );
  }
  return { rootCerts, ...keyStore(o, keyFile) };
}

/** The TLS of a server source; undefined for plaintext. Throws a creation error for unusable files. */
export function serverTls(o: OptionReader, warn: (message: string) => void): ServerTls | undefined {
  if (!o.bool('enable.ssl', false)) {
    unusedFiles(o, warn);
    return undefined;
  }
  const keyFile = o.get('keystore.file');
  if (keyFile === undefined) {
    throw new Error(
      "enable.ssl='true' needs keystore.file, a PEM file holding the server's private key and certificate chain",
    );
  }
  const { key, certChain } = keyStore(o, keyFile);
  const mutual = o.bool('mutual.auth.enabled', false);
  const trustFile = o.get('truststore.file');
  if (mutual && trustFile === undefined) {
    throw new Error(
      "mutual.auth.enabled='true' needs truststore.file, a PEM file of the CAs client certificates must chain to",
    );
  }
  const rootCerts = mutual && trustFile !== undefined ? truststore(trustFile) : null;
  return {
    key,
    certChain,
    rootCerts,
    requireClientCert: mutual,
    id: [keyFile, mutual ? (trustFile ?? '') : ''].join('\u0000'),
  };
}
