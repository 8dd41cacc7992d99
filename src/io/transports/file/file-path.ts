/** `file:///tmp/x.csv` or `/tmp/x.csv` to a local path. */
import { fileURLToPath } from 'node:url';

/**
 * A `file:` URI or a plain path as a local path. As siddhi-io-file (Apache Commons VFS) reads them,
 * `file://abc/xyz` (the form Siddhi's documentation uses) is the path `/abc/xyz`, not a file on host
 * `abc`. A placeholder left in a copied app (`file://{WSO2SIHome}/x`) is an error naming the option.
 */
export function pathOf(uri: string, option = 'file URI'): string {
  if (!uri.startsWith('file:')) return uri;
  const placeholder = /\{[^}]*\}/.exec(uri);
  if (placeholder) {
    throw new Error(
      `${option} '${uri}' does not name a local file: it holds the placeholder '${placeholder[0]}'; write an absolute path, e.g. '/data/in' or 'file:///data/in'`,
    );
  }
  try {
    return fileURLToPath(uri);
  } catch {
    // `file://abc/xyz`: VFS collapses the slashes after the scheme, so the "host" is the first folder.
    return fileURLToPath(`file:///${uri.slice('file:'.length).replace(/^\/+/, '')}`);
  }
}
