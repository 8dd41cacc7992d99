import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExtensionRegistry } from '../src/engine/registry/registry.js';

test('registry finds a registered spec case-insensitively', () => {
  const r = new ExtensionRegistry();
  r.register({
    spec: { kind: 'function', namespace: 'str', name: 'concat', description: '', parameters: [], examples: [] },
  });
  assert.equal(r.lookup('function', 'STR', 'Concat')?.name, 'concat');
  assert.equal(r.lookup('function', 'str', 'nope'), undefined);
});
