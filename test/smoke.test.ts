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

test('registry prefers the exact spelling of a name over another case of it', () => {
  const r = new ExtensionRegistry();
  const spec = (name: string, description: string) => ({
    spec: { kind: 'function' as const, namespace: 'u', name, description, parameters: [], examples: [] },
  });
  r.register(spec('kgToST', 'US tons')).register(spec('kgTost', 'stones'));
  assert.equal(r.lookup('function', 'u', 'kgToST')?.description, 'US tons');
  assert.equal(r.lookup('function', 'U', 'kgTost')?.description, 'stones');
  assert.equal(r.lookup('function', 'u', 'KGTOST')?.description, 'stones', 'another case finds the last registered');
  assert.equal(r.list('function').length, 2);
  r.register(spec('kgTost', 'stones, replaced'));
  assert.equal(r.clone().lookup('function', 'u', 'kgtost')?.description, 'stones, replaced');
});
