/**
 * File source benchmarks, each beside plain Node.js doing the same file work in the same run (median of 5):
 *   - binary.chunked: a 64 MiB file read in 64 KiB chunks through `@map(type='binaryPassThrough')` and a
 *     query summing the chunk sizes, in MB/s, against a loop reading the same chunks with fs.promises.
 *   - fileeventlistener: one look at a tree of 100 folders of 100 files with one file changed (the directory
 *     walk and the comparison with the previous look), in ms, against a walk doing readdir and stat alone.
 * Run: node --import tsx bench/file-sources.ts [--quick]
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SiddhiManager, memoryLogger } from '../src/index.js';
import { diffTrees, scanTree, type TreeChange } from '../src/io/transports/file/directory-tree.js';

const quick = process.argv.includes('--quick');
const MB = quick ? 16 : 64;
const CHUNK = 65536;
const RUNS = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f = (x: number, digits = 0): string =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-file-'));
try {
  await chunked();
  await listener();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function chunked(): Promise<void> {
  const inDir = join(dir, 'in');
  mkdirSync(inDir);
  const bytes = Buffer.alloc(MB * 1024 * 1024);
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i & 255;
  writeFileSync(join(inDir, 'big.bin'), bytes);
  const engine: number[] = [];
  const loop: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    engine.push(await engineRun(join(inDir, 'big.bin'), bytes.length));
    loop.push(await loopRun(join(inDir, 'big.bin'), bytes.length));
  }
  console.log(
    `file binary.chunked ${MB} MiB, 64 KiB chunks: ${f(median(engine))} MB/s (median of ${RUNS}) | fs.promises read loop ${f(median(loop))} MB/s, ratio ${(median(engine) / median(loop)).toFixed(2)}`,
  );
}

async function engineRun(file: string, size: number): Promise<number> {
  const m = new SiddhiManager({ logger: memoryLogger() });
  const r = m.createSiddhiAppRuntime(`
    @source(type='file', mode='binary.chunked', file.uri='${file}', action.after.process='KEEP', buffer.size='${CHUNK}',
      @map(type='binaryPassThrough', @attributes(buffer='0', length='trp:content.length', eof='trp:eof')))
    define stream Chunks (buffer object, length long, eof bool);
    @info(name='q') from Chunks select eof insert into Out;`);
  let chunks = 0;
  let last = false;
  const done = new Promise<void>((resolve) =>
    r.addQueryCallback('q', (_t, ins) => {
      chunks += ins?.length ?? 0;
      if (ins?.some((e) => e.data[0] === true)) {
        last = true;
        resolve();
      }
    }),
  );
  const t0 = performance.now();
  r.start();
  await done;
  const ms = performance.now() - t0;
  await m.shutdown();
  if (!last || chunks !== Math.ceil(size / CHUNK))
    throw new Error(`expected ${Math.ceil(size / CHUNK)} chunks, got ${chunks}`);
  return size / 1e6 / (ms / 1000);
}

async function loopRun(file: string, size: number): Promise<number> {
  const t0 = performance.now();
  const fh = await open(file, 'r');
  let read = 0;
  try {
    for (;;) {
      const buf = Buffer.alloc(CHUNK);
      const { bytesRead } = await fh.read(buf, 0, CHUNK, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
  } finally {
    await fh.close();
  }
  if (read !== size) throw new Error('loop');
  return size / 1e6 / ((performance.now() - t0) / 1000);
}

async function listener(): Promise<void> {
  const root = join(dir, 'tree');
  for (let d = 0; d < 100; d++) {
    mkdirSync(join(root, `d${d}`), { recursive: true });
    for (let i = 0; i < 100; i++) writeFileSync(join(root, `d${d}`, `f${i}.log`), 'x');
  }
  const look: number[] = [];
  const walk: number[] = [];
  let previous = await scanTree(root);
  for (let r = 0; r < RUNS; r++) {
    const t = new Date(Date.UTC(2026, 0, 1, 0, 0, r));
    utimesSync(join(root, 'd50', 'f50.log'), t, t);
    const t0 = performance.now();
    const tree = await scanTree(root);
    const changes: TreeChange[] = [];
    diffTrees(previous, tree, changes);
    look.push(performance.now() - t0);
    if (changes.length !== 1 || changes[0]!.entry.name !== 'f50.log') throw new Error('expected one change');
    previous = tree;
    const t1 = performance.now();
    const n = await plainWalk(root);
    walk.push(performance.now() - t1);
    if (n !== 10_100) throw new Error(`walk saw ${n} entries`);
  }
  console.log(
    `fileeventlistener look at 100 folders x 100 files: ${f(median(look), 1)} ms (median of ${RUNS}) | readdir+stat walk ${f(median(walk), 1)} ms, ratio ${(median(walk) / median(look)).toFixed(2)}`,
  );
}

async function plainWalk(path: string): Promise<number> {
  let n = 0;
  for (const name of await readdir(path)) {
    const p = join(path, name);
    const s = await stat(p);
    n++;
    if (s.isDirectory()) n += await plainWalk(p);
  }
  return n;
}
