/** Bundles the browser editor (web/src/main.ts and CodeMirror) into web/dist/editor.js with esbuild; part of `npm run build`. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Builds the bundle; returns its path. Each file is replaced atomically (a test may be serving it meanwhile). */
export async function buildEditorBundle(): Promise<string> {
  const outfile = `${root}web/dist/editor.js`;
  const result = await build({
    entryPoints: [`${root}web/src/main.ts`],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    outfile,
    logLevel: 'warning',
    write: false,
  });
  for (const f of result.outputFiles) {
    mkdirSync(dirname(f.path), { recursive: true });
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildEditorBundle();
  console.log(`editor bundle: ${out}`);
}
