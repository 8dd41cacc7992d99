/** `tributary serve`: runs the server until SIGTERM or SIGINT, then stops gracefully. */
import { ConfigError, warningText } from '../../server/config/config-error.js';
import { loadConfig, type ConfigFlags } from '../../server/config/load-config.js';
import { hashPassword } from '../../server/auth/password-hash.js';
import { startServer } from '../../server/server.js';

export interface ServeOptions extends ConfigFlags {
  readonly hashPassword?: string;
}

export async function serveCommand(opts: ServeOptions): Promise<number> {
  if (opts.hashPassword !== undefined) {
    process.stdout.write(hashPassword(opts.hashPassword) + '\n');
    return 0;
  }
  const started = performance.now();
  let config;
  try {
    config = loadConfig(opts);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`tributary: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const w of config.warnings ?? []) process.stderr.write(`tributary: ${warningText(w)}\n`);
  const server = await startServer(config);
  process.stderr.write(
    `tributary: serving on ${server.url} (ready in ${Math.round(performance.now() - started)} ms); apps folder ${config.appsDir}\n` +
      `tributary: editor ${server.url}/editor, REST API ${server.url}/openapi.json, metrics ${server.url}/metrics\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
