/** `file:///tmp/x.csv` or `/tmp/x.csv` to a local path. */
import { fileURLToPath } from 'node:url';

/**
 * A `file:` URI or a plain path as a local path. A URI that names no local file (`file://host/x`, a
 * placeholder such as `file://{WSO2SIHome}/x` left in a copied app) is an error naming the option.
 */
export function pathOf(uri: string, option = 'file URI'): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch (e) {
    throw new Error(
      `${option} '${uri}' does not name a local file (${(e as Error).message}); write an absolute path, e.g. '/data/in' or 'file:///data/in'`,
    );
  }
}
