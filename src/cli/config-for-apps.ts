/**
 * `--config FILE` of `tributary run` and `validate`: what apps name from the server's config file (refs,
 * datasources, extension properties), so that an app naming `ref='...'` or `datasource='...'` runs and
 * checks outside the server as it does inside it. The file may be WSO2 SI's deployment.yaml. A bad file is
 * reported as `serve` reports it.
 */
import type { SiddhiManagerOptions } from '../engine/siddhi-manager.js';
import { ConfigError, warningText } from '../server/config/config-error.js';
import { loadConfig } from '../server/config/load-config.js';

/** The settings of a config file that apps use. */
export type AppSettings = Pick<SiddhiManagerOptions, 'refs' | 'datasources' | 'extensionProperties'>;

/**
 * The app settings of the config file and its warnings (text for stderr), or the message (with exit
 * code 2) when the file is bad.
 */
export function appSettingsOfConfig(
  file: string | undefined,
): { settings: AppSettings; warnings: string } | { error: string } {
  if (file === undefined) return { settings: {}, warnings: '' };
  try {
    // The server's TRIBUTARY_* variables are not checked here (they set nothing apps use); the others stay
    // for the ${env:NAME} of datasource settings.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TRIBUTARY_')));
    const c = loadConfig({ config: file }, env);
    return {
      settings: {
        ...(c.refs !== undefined ? { refs: c.refs } : {}),
        ...(c.datasources !== undefined ? { datasources: c.datasources } : {}),
        ...(c.extensionProperties !== undefined ? { extensionProperties: c.extensionProperties } : {}),
      },
      warnings: (c.warnings ?? []).map((w) => `tributary: ${warningText(w)}\n`).join(''),
    };
  } catch (e) {
    if (e instanceof ConfigError) return { error: `tributary: ${e.message}\n` };
    throw e;
  }
}
