/**
 * Preloaded into a child `tributary` (node --import): prints each V8 flag set through
 * `v8.setFlagsFromString` to stderr as `v8 flag: FLAG`, then sets it.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';

const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
const set = v8.setFlagsFromString.bind(v8);
v8.setFlagsFromString = (flag: string): void => {
  process.stderr.write(`v8 flag: ${flag}\n`);
  set(flag);
};
// ES module importers of node:v8 see the replacement too.
syncBuiltinESMExports();
