/**
 * The password of user `admin` when the config gives none: `TRIBUTARY_ADMIN_PASSWORD`, else one
 * generated at first start, printed once and kept hashed in `<dataDir>/admin-password`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword, isPasswordHash } from './password-hash.js';

export interface AdminPassword {
  /** A plain password (from the environment) or a stored hash. */
  readonly password?: string;
  readonly passwordHash?: string;
  /** Set only when it was generated now: the caller prints it once. */
  readonly generated?: string;
  readonly file?: string;
}

export function adminPassword(dataDir: string, env: NodeJS.ProcessEnv = process.env): AdminPassword {
  const fromEnv = env['TRIBUTARY_ADMIN_PASSWORD'];
  if (fromEnv !== undefined && fromEnv !== '') return { password: fromEnv };
  const file = join(dataDir, 'admin-password');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (isPasswordHash(stored)) return { passwordHash: stored, file };
  }
  const generated = randomBytes(18).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, hashPassword(generated) + '\n', { mode: 0o600 });
  return { passwordHash: readFileSync(file, 'utf8').trim(), generated, file };
}
