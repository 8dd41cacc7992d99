import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tuneV8, V8_TUNING_FLAGS } from '../../src/engine/runtime/v8-tuning.js';

test('tuneV8 sets the inlining budgets once, and not when the environment turns it off', () => {
  const set: string[] = [];
  const setFlag = (flag: string): void => void set.push(flag);
  for (const off of ['off', 'OFF', '0', 'false', ' no ']) {
    assert.equal(tuneV8({ env: { TRIBUTARY_V8_TUNING: off }, setFlag }), false);
  }
  assert.deepEqual(set, []);
  assert.equal(tuneV8({ env: { TRIBUTARY_V8_TUNING: 'on' }, setFlag }), true);
  assert.deepEqual(set, ['--max-inlined-bytecode-size=1000', '--max-inlined-bytecode-size-cumulative=4000']);
  assert.deepEqual(set, [...V8_TUNING_FLAGS]);
  assert.equal(tuneV8({ env: {}, setFlag }), false);
  assert.equal(set.length, 2);
});
