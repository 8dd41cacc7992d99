/** The users the server accepts: those of the config, with `admin`'s password from the config, env or the data dir. */
import type { ServerConfig, UserConfig } from '../config/server-config.js';
import { adminPassword } from './admin-password.js';

export function resolveUsers(
  config: ServerConfig,
  env: NodeJS.ProcessEnv,
  onGenerated: (password: string, file: string) => void,
): UserConfig[] {
  const users = config.auth.users.filter((u) => u.name !== 'admin');
  const configured = config.auth.users.find((u) => u.name === 'admin');
  const fromEnv = env['TRIBUTARY_ADMIN_PASSWORD'];
  if (configured && (configured.password !== undefined || configured.passwordHash !== undefined) && !fromEnv) {
    return [{ ...configured, roles: withAdmin(configured.roles) }, ...users];
  }
  const a = adminPassword(config.dataDir, env);
  if (a.generated !== undefined && a.file !== undefined) onGenerated(a.generated, a.file);
  return [
    {
      name: 'admin',
      roles: withAdmin(configured?.roles ?? []),
      ...(a.password !== undefined ? { password: a.password } : {}),
      ...(a.passwordHash !== undefined ? { passwordHash: a.passwordHash } : {}),
    },
    ...users,
  ];
}

function withAdmin(roles: UserConfig['roles']): UserConfig['roles'] {
  return roles.includes('admin') ? roles : [...roles, 'admin'];
}
