/**
 * Checks credentials: HTTP basic auth against the configured users (plain passwords compared in
 * constant time, scrypt hashes verified once and then remembered), or bearer tokens from the config.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role, TokenConfig, UserConfig } from '../config/server-config.js';
import { verifyPassword } from './password-hash.js';

export interface Principal {
  readonly user: string;
  readonly roles: readonly Role[];
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: string };

export class Authenticator {
  private readonly users = new Map<string, UserConfig>();
  private readonly tokens = new Map<string, string>();
  /** Digests of credentials that verified against a hash, so scrypt runs once per credential. */
  private readonly verified = new Set<string>();

  constructor(users: readonly UserConfig[], tokens: readonly TokenConfig[]) {
    for (const u of users) this.users.set(u.name, u);
    for (const t of tokens) this.tokens.set(digest(t.token), t.user);
  }

  async authenticate(header: string | undefined): Promise<AuthResult> {
    if (!header) return { ok: false, reason: 'credentials required (basic auth or a bearer token)' };
    const space = header.indexOf(' ');
    const scheme = header.slice(0, space).toLowerCase();
    const value = header.slice(space + 1).trim();
    if (scheme === 'bearer') {
      const user = this.tokens.get(digest(value));
      const u = user !== undefined ? this.users.get(user) : undefined;
      if (!u) return { ok: false, reason: 'unknown bearer token' };
      return { ok: true, principal: { user: u.name, roles: u.roles } };
    }
    if (scheme !== 'basic') return { ok: false, reason: `unsupported authorization scheme '${scheme}'` };
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, reason: 'malformed basic credentials' };
    const name = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const u = this.users.get(name);
    if (!u || !(await this.passwordMatches(u, password))) return { ok: false, reason: 'wrong user name or password' };
    return { ok: true, principal: { user: u.name, roles: u.roles } };
  }

  private async passwordMatches(u: UserConfig, password: string): Promise<boolean> {
    if (u.password !== undefined) return timingSafeEqual(digestBytes(password), digestBytes(u.password));
    if (u.passwordHash === undefined) return false;
    const key = digest(`${u.name}\0${u.passwordHash}\0${password}`);
    if (this.verified.has(key)) return true;
    const ok = await verifyPassword(password, u.passwordHash);
    if (ok) this.verified.add(key);
    return ok;
  }
}

function digestBytes(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function digest(s: string): string {
  return digestBytes(s).toString('base64');
}
