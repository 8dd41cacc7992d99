import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import '../src/io/install.js';
import '../src/stores/install.js';
import { builtinRegistry } from '../src/engine/builtins.js';
import { renderReference } from '../src/cli/docs/reference-docs.js';

test('docs/reference is generated from the current registry (run npm run docs)', () => {
  const pages = renderReference(builtinRegistry().list());
  assert.ok(pages.size >= 6);
  for (const [name, text] of pages) {
    const onDisk = readFileSync(new URL(`../docs/reference/${name}`, import.meta.url), 'utf8');
    assert.equal(onDisk, text, `docs/reference/${name} is stale`);
  }
});

test('every registered extension documents itself: description and, for functions, a return type', () => {
  const missing = builtinRegistry()
    .list()
    .filter(
      (s) => !s.description || ((s.kind === 'function' || s.kind === 'aggregator') && !s.returns && !s.returnTypeOf),
    )
    .map((s) => `${s.kind} ${s.namespace}:${s.name}`);
  assert.deepEqual(missing, []);
});
