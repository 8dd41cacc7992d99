/** `file:///tmp/x.csv` or `/tmp/x.csv` to a local path. */
import { fileURLToPath } from 'node:url';

export function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}
