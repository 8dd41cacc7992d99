/** npm run docs [-- --check]: writes docs/reference/ from the registry; --check fails when it is out of date. */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import '../src/io/install.js';
import '../src/stores/install.js';
import { builtinRegistry } from '../src/engine/builtins.js';
import { renderReference } from '../src/cli/docs/reference-docs.js';

const dir = fileURLToPath(new URL('../docs/reference/', import.meta.url));
const pages = renderReference(builtinRegistry().list());
const check = process.argv.includes('--check');
let stale = 0;
mkdirSync(dir, { recursive: true });
for (const [name, text] of pages) {
  const file = dir + name;
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
      console.error(`docs/reference/${name} is out of date: run npm run docs`);
      stale++;
    }
  } else {
    writeFileSync(file, text);
  }
}
if (!check) console.log(`wrote ${pages.size} pages to docs/reference/`);
process.exit(stale > 0 ? 1 : 0);
