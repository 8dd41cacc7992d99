/**
 * `--config FILE` of `tributary run` and `validate`: the refs (named source, sink and store
 * configurations) of the server's config file, so that an app naming `ref='...'` runs and checks
 * outside the server as it does inside it. A bad file is reported as `serve` reports it.
 */
import type { IoRefs } from '../lang/io-refs.js';
import { ConfigError } from '../server/config/config-error.js';
import { loadConfig } from '../server/config/load-config.js';

/** The refs of the config file, or the message (with exit code 2) when the file is bad. */
export function refsOfConfig(file: string | undefined): { refs: IoRefs } | { error: string } {
  if (file === undefined) return { refs: {} };
  try {
    return { refs: loadConfig({ config: file }, {}).refs ?? {} };
  } catch (e) {
    if (e instanceof ConfigError) return { error: `tributary: ${e.message}\n` };
    throw e;
  }
}
