/**
 * The browser editor: `GET /editor` (the page) and `GET /editor/assets/*` (its bundle, built into
 * web/dist by `npm run build`) are public; `GET /editor/api/catalog` and `POST /editor/api/validate`
 * need the REST API's credentials (the page asks for them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { SiddhiManager } from '../../engine/siddhi-manager.js';
import { catalogJson } from '../editor/editor-catalog.js';
import { validateAppText } from '../editor/validate-app-text.js';
import { HttpError } from '../http/http-error.js';

/** web/ of the checkout: the same three levels up from src/server/routes and dist/server/routes. */
const WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));
const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export function editorRoutes(app: FastifyInstance, manager: SiddhiManager): void {
  app.get('/editor', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(readFileSync(`${WEB_DIR}editor.html`, 'utf8')),
  );

  app.get<{ Params: { file: string } }>('/editor/assets/:file', async (req, reply) => {
    const file = req.params.file;
    const ext = /^[\w-]+(\.[\w-]+)*(\.\w+)$/.exec(file)?.[2];
    const type = ext !== undefined ? ASSET_TYPES[ext] : undefined;
    if (type === undefined) throw new HttpError(404, `no editor asset '${file}'`);
    const path = `${WEB_DIR}dist/${file}`;
    if (!existsSync(path)) {
      throw new HttpError(404, `no editor asset '${file}' in web/dist; build the editor with 'npm run build'`);
    }
    return reply.type(type).header('cache-control', 'no-cache').send(readFileSync(path));
  });

  app.get('/editor/api/catalog', async () => catalogJson(manager.registry));

  app.post('/editor/api/validate', async (req) => {
    if (typeof req.body !== 'string') {
      throw new HttpError(400, 'send the SiddhiQL app as the body, with content-type text/plain');
    }
    return validateAppText(req.body, manager);
  });
}
