/**
 * Guards the management, store, simulation and error-store APIs: 401 without valid credentials,
 * 403 when a viewer tries anything but reading. Health, metrics, the OpenAPI document and the editor's
 * page and assets (not its API) stay open.
 */
import type { FastifyInstance } from 'fastify';
import type { TokenConfig, UserConfig } from '../config/server-config.js';
import { Authenticator } from './authenticator.js';

const PUBLIC = ['/health', '/metrics', '/openapi.json', '/editor/assets'];
/** Checking an app changes nothing: a viewer may validate. */
const READ_ONLY_POSTS = ['/editor/api/validate'];

export function installAuth(app: FastifyInstance, users: readonly UserConfig[], tokens: readonly TokenConfig[]): void {
  const auth = new Authenticator(users, tokens);
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0]!;
    if (path === '/editor' || PUBLIC.some((p) => path === p || path.startsWith(`${p}/`))) return;
    const result = await auth.authenticate(req.headers.authorization);
    if (!result.ok) {
      // the editor's API answers without a challenge, so a browser shows the page's login, not its own
      if (!path.startsWith('/editor/')) void reply.header('www-authenticate', 'Basic realm="tributary", Bearer');
      return reply.code(401).send({ type: 'unauthorized', message: result.reason });
    }
    const reading = req.method === 'GET' || req.method === 'HEAD' || READ_ONLY_POSTS.includes(path);
    if (!result.principal.roles.includes('admin') && !reading) {
      return reply.code(403).send({
        type: 'forbidden',
        message: `user '${result.principal.user}' may only read (role viewer); ${req.method} needs role admin`,
      });
    }
    return undefined;
  });
}
