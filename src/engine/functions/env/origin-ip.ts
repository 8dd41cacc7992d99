/**
 * `env:getOriginIPFromXForwarded(header)`: the first public IPv4 address of an X-Forwarded-For header,
 * as siddhi-execution-env finds it: the header split at every comma, each part trimmed (Java's
 * `String.trim`), private ranges (127/8, 10/8, 172.16/12, 192.168/16) skipped, and the first part that is
 * a dotted-quad IPv4 address (each number 0 to 255, leading zeros allowed) returned.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { javaTrim } from '../shared/java-string.js';
import { envErrors } from './env-support.js';

const error = envErrors('GetOriginIPFromXForwardedFunction');

const OCTET = '(?:[01]?\\d\\d?|2[0-4]\\d|25[0-5])';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
/** Java's `.` stops at line terminators: a private prefix followed by one is not matched as a whole. */
const PRIVATE = /^(?:127\.|10\.|172\.1[6-9]\.|172\.2[0-9]\.|172\.3[0-1]\.|192\.168\.)[^\n\r\u0085\u2028\u2029]*$/;

/** The first public IPv4 address of the header, or null. */
export function originIp(header: string): string | null {
  if (header.length === 0) return null;
  for (const part of header.split(',')) {
    const candidate = javaTrim(part);
    if (!PRIVATE.test(candidate) && IPV4.test(candidate)) return candidate;
  }
  return null;
}

const base = {
  kind: 'function',
  namespace: 'env',
  name: 'getOriginIPFromXForwarded',
  description:
    'Finds the public address of the client in an X-Forwarded-For header: the first comma-separated entry that is an ' +
    'IPv4 address outside the private and loopback ranges (10.0.0.0/8, 127.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16). ' +
    'Entries are trimmed; anything else (host names, IPv6 addresses, empty entries) is passed over. ' +
    'A null header is an error for the event, as in Siddhi.',
  parameters: [
    {
      name: 'xforwardedheader',
      type: ['string'],
      description: 'The value of the X-Forwarded-For header: addresses separated by commas, the client first.',
    },
  ],
  returns: {
    type: ['string'],
    description: 'The first public IPv4 address, or null when the header has none (or is empty).',
  },
  examples: [
    {
      syntax:
        'define stream RequestStream (xForwardedFor string);\n\n' +
        'from RequestStream\nselect env:getOriginIPFromXForwarded(xForwardedFor) as clientIp\ninsert into ClientStream;',
      description: 'The header "192.168.4.20, 198.51.100.7, 10.0.0.1" gives "198.51.100.7".',
    },
    {
      syntax: "env:getOriginIPFromXForwarded('10.1.2.3, 172.20.0.9')",
      description: 'Gives null: both addresses are private.',
    },
  ],
} as const satisfies ExtensionSpec;

export const getOriginIPFromXForwarded: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (header) => {
    // Siddhi fails here with Java's NullPointerException.
    if (header === null || header === undefined) {
      throw error('env:getOriginIPFromXForwarded() was given a null X-Forwarded-For header');
    }
    return originIp(typeof header === 'string' ? header : String(header));
  },
};
