/** Password hashes with scrypt (node:crypto): `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function isPasswordHash(text: string): boolean {
  return parse(text) !== undefined;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password, h.salt, h.hash.length, h.options, (err, key) => (err ? reject(err) : resolve(key))),
  );
  return timingSafeEqual(actual, h.hash);
}

function parse(text: string): { salt: Buffer; hash: Buffer; options: ScryptOptions } | undefined {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/.exec(text);
  if (!m) return undefined;
  return {
    options: { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]), maxmem: 256 * 1024 * 1024 },
    salt: Buffer.from(m[4]!, 'base64url'),
    hash: Buffer.from(m[5]!, 'base64url'),
  };
}
