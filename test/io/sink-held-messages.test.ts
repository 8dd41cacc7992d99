import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinRegistry } from '../../src/engine/builtins.js';
import type { SinkFactory } from '../../src/index.js';
import { startApp, waitFor } from './helpers.js';

/** A sink that connects late (so the first messages wait in the queue) and refuses payloads holding 'bad'. */
const published: string[] = [];
const lateSink: SinkFactory = {
  spec: {
    kind: 'sink',
    namespace: '',
    name: 'testLateRefusing',
    description: 'test only',
    parameters: [],
    options: [],
    examples: [],
  },
  create: () => ({
    connect: () => new Promise<void>((r) => setTimeout(r, 50)),
    publish: (payload: unknown) => {
      if (String(payload).includes('bad')) throw new Error(`refused '${String(payload)}'`);
      published.push(String(payload));
    },
    disconnect: () => undefined,
  }),
};
builtinRegistry().register(lateSink);

test('a message the transport refuses while the queue drains after connecting follows on.error; the rest go out', async () => {
  const app = await startApp(
    `@App:name('HeldRefused')
    define stream In (s string);
    @sink(type='testLateRefusing', @map(type='text', @payload('{{s}}'))) define stream Out (s string);
    from In select * insert into Out;`,
  );
  try {
    const input = app.runtime.getInputHandler('In');
    for (const s of ['one', 'bad two', 'three']) input.send([s]);
    await waitFor(() => published.length === 2, 'two published messages');
    assert.deepEqual(published, ['one', 'three']);
    const dropped = app.lines.filter((l) => l.level === 'error').map((l) => l.msg);
    assert.deepEqual(dropped, ["sink 'testLateRefusing' of stream 'Out' dropped events: refused 'bad two'"]);
  } finally {
    await app.stop();
  }
});
