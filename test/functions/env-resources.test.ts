/**
 * `#env:resourceIdentifier` and `#window.env:resourceBatch` (siddhi-execution-env): apps on a virtual clock
 * with their outputs asserted whole, and the window driven alone for the exact chunks it emits. The Java
 * extension's cases are translated where they pin semantics (one batch per identifier count, aggregations
 * starting afresh per batch, expired events after the batch, counts across apps and after a shutdown).
 * Group ids are unique per test: the groups are the process's, as Siddhi's are the JVM's.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import {
  joinResourceGroup,
  leaveResourceGroup,
  resourceCount,
} from '../../src/engine/functions/env/resource-groups.js';
import { resourceBatchWindow } from '../../src/engine/functions/env/resource-batch.js';
import { Harness, attr, ms, str, type Attrs } from '../engine/windows/harness.js';
import { builtinRegistry } from '../../src/engine/builtins.js';

const T0 = 1_000_000;

const manager = (): SiddhiManager => new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() });

/** The events a query output: current ones as ['in', ...data], expired ones as ['out', ...data], per callback. */
function record(r: SiddhiAppRuntime, query: string): unknown[][][] {
  const calls: unknown[][][] = [];
  r.addQueryCallback(query, (_ts, ins, outs) => {
    calls.push([...(ins ?? []).map((e) => ['in', ...e.data]), ...(outs ?? []).map((e) => ['out', ...e.data])]);
  });
  return calls;
}

/** `n` identifier queries of `group` over `stream`, inserting into Ignored. */
const identifiers = (group: string, n: number, stream = 'In'): string =>
  Array.from(
    { length: n },
    (_, i) =>
      `@info(name = 'id${i}') from ${stream}#env:resourceIdentifier('${group}') select * insert into Ignored;\n`,
  ).join('');

describe('#env:resourceIdentifier', () => {
  test('passes events on unchanged and counts in its group from start to shutdown', () => {
    const app =
      'define stream In (key string, n int);\n' +
      "@info(name = 'q') from In#env:resourceIdentifier('count-a') select * insert into Out;\n" +
      "@info(name = 'q2') from In#env:resourceIdentifier('count-a') select key insert into Out2;\n" +
      "@info(name = 'q3') from In#env:resourceIdentifier('count-b') select n insert into Out3;\n";
    const r = manager().createSiddhiAppRuntime(app);
    const q = record(r, 'q');
    assert.equal(resourceCount('count-a'), 0, 'not before the start');
    r.start();
    assert.equal(resourceCount('count-a'), 2);
    assert.equal(resourceCount('count-b'), 1);
    r.getInputHandler('In').send(['k1', 7]);
    assert.deepEqual(q, [[['in', 'k1', 7]]]);
    void r.shutdown();
    assert.equal(resourceCount('count-a'), 0);
    assert.equal(resourceCount('count-b'), 0);
  });

  test('counts across apps and managers, as Siddhi counts across the JVM', () => {
    const app = (name: string): string =>
      `@App:name('${name}')\ndefine stream In (key string);\nfrom In#env:resourceIdentifier('count-c') select * insert into Out;\n`;
    const one = manager().createSiddhiAppRuntime(app('one'));
    const two = manager().createSiddhiAppRuntime(app('two'));
    one.start();
    two.start();
    assert.equal(resourceCount('count-c'), 2);
    void one.shutdown();
    assert.equal(resourceCount('count-c'), 1);
    void two.shutdown();
    assert.equal(resourceCount('count-c'), 0);
  });

  test('the group id must be a constant string, given once', () => {
    const errors = (call: string): string[] => {
      try {
        manager().createSiddhiAppRuntime(`define stream In (key string);\nfrom In${call} select * insert into Out;`);
        return [];
      } catch (e) {
        return (e as { diagnostics: { line: number; column: number; message: string }[] }).diagnostics.map(
          (d) => `${d.line}:${d.column} ${d.message}`,
        );
      }
    };
    assert.deepEqual(errors('#env:resourceIdentifier(key)'), [
      "2:32 argument 1 ('resource.group.id') of stream processor 'env:resourceIdentifier' must be a constant, but found an expression; write a literal value",
    ]);
    assert.deepEqual(errors('#env:resourceIdentifier(3)'), [
      "2:32 argument 1 ('resource.group.id') of stream processor 'env:resourceIdentifier' must be string, but found int",
    ]);
    assert.deepEqual(errors("#env:resourceIdentifier('a', 'b')"), [
      "2:9 stream processor 'env:resourceIdentifier' takes (resource.group.id string) but got 2 arguments; fix the argument count",
    ]);
  });
});

describe('#window.env:resourceBatch in apps', () => {
  /** An app whose query 'w' reads In through the window; `ids` identifier queries of the group. */
  function app(
    group: string,
    ids: number,
    window: string,
    select: string,
    output = 'insert into Out',
  ): SiddhiAppRuntime {
    const r = manager().createSiddhiAppRuntime(
      'define stream In (key string, volume long);\n' +
        identifiers(group, ids) +
        `@info(name = 'w') from In#window.env:resourceBatch(${window}) ${select} ${output};`,
    );
    return r;
  }

  test('one identifier: every event is a batch of its own', () => {
    const r = app('batch-1', 1, "'batch-1', key", 'select *');
    const w = record(r, 'w');
    r.start();
    const h = r.getInputHandler('In');
    h.send(['p', 1]);
    h.send(['p', 2]);
    void r.shutdown();
    assert.deepEqual(w, [[['in', 'p', 1]], [['in', 'p', 2]]]);
  });

  test('two identifiers: two events of a correlation id leave together', () => {
    const r = app('batch-2', 2, "'batch-2', key", 'select *');
    const w = record(r, 'w');
    r.start();
    const h = r.getInputHandler('In');
    h.send(['p', 1]);
    assert.deepEqual(w, []);
    h.send(['p', 2]);
    void r.shutdown();
    assert.deepEqual(w, [
      [
        ['in', 'p', 1],
        ['in', 'p', 2],
      ],
    ]);
  });

  test('an identifier of another group does not count', () => {
    const r = manager().createSiddhiAppRuntime(
      'define stream In (key string, volume long);\n' +
        identifiers('batch-3x', 1) +
        identifiers('batch-3y', 1).replace(/id0/g, 'other') +
        "@info(name = 'w') from In#window.env:resourceBatch('batch-3x', key) select key, volume insert into Out;",
    );
    const w = record(r, 'w');
    r.start();
    r.getInputHandler('In').send(['p', 1]);
    void r.shutdown();
    assert.deepEqual(w, [[['in', 'p', 1]]]);
  });

  test('an aggregation sees one batch at a time: the RESET after a batch starts the next afresh', () => {
    const r = app('batch-4', 2, "'batch-4', key", 'select key, sum(volume) as total group by key');
    const w = record(r, 'w');
    r.start();
    const h = r.getInputHandler('In');
    for (const v of [10, 20, 50, 50]) h.send(['p', v]);
    void r.shutdown();
    assert.deepEqual(w, [[['in', 'p', 30]], [['in', 'p', 100]]]);
  });

  test('batches of two correlation ids, aggregated without group by', () => {
    const r = app('batch-5', 2, "'batch-5', key", 'select key, sum(volume) as total');
    const w = record(r, 'w');
    r.start();
    const h = r.getInputHandler('In');
    h.send(['p', 10]);
    h.send(['q', 7]);
    h.send(['p', 20]);
    h.send(['q', 8]);
    void r.shutdown();
    assert.deepEqual(w, [[['in', 'p', 30]], [['in', 'q', 15]]]);
  });

  test('expired events of a batch follow at the next event', () => {
    const r = app('batch-6', 1, "'batch-6', key", 'select *', 'insert expired events into Out');
    const w = record(r, 'w');
    r.start();
    const h = r.getInputHandler('In');
    h.send(['p', 1]);
    assert.deepEqual(w, []);
    h.send(['p', 2]);
    void r.shutdown();
    assert.deepEqual(w, [[['out', 'p', 1]]]);
  });

  test('all events: the batch, then its expired events with the next batch', () => {
    const r = app('batch-7', 1, "'batch-7', key", 'select *', 'insert all events into Out');
    const w = record(r, 'w');
    r.start();
    const h = r.getInputHandler('In');
    h.send(['p', 1]);
    h.send(['p', 2]);
    void r.shutdown();
    assert.deepEqual(w, [
      [['in', 'p', 1]],
      [
        ['in', 'p', 2],
        ['out', 'p', 1],
      ],
    ]);
  });

  test('a short group is released once the clock is past its time, late events of its id are dropped for 5 minutes', () => {
    const r = app('batch-8', 2, "'batch-8', key, 2 sec", 'select key, sum(volume) as total, count() as n');
    const w = record(r, 'w');
    r.start();
    const h = r.getInputHandler('In');
    h.send(['p', 10]);
    r.advanceTime(2000);
    assert.deepEqual(w, [], 'not at its expiry');
    r.advanceTime(1);
    assert.deepEqual(w, [[['in', 'p', 10, 1]]]);
    // Late: joins the expired group and is never released.
    h.send(['p', 11]);
    r.advanceTime(299_999);
    h.send(['p', 12]);
    assert.deepEqual(w.length, 1);
    // Past expiry + 5 minutes, the group is gone: the id starts a new one.
    r.advanceTime(1);
    h.send(['p', 13]);
    h.send(['p', 14]);
    void r.shutdown();
    assert.deepEqual(w, [[['in', 'p', 10, 1]], [['in', 'p', 27, 2]]]);
  });

  test('the count is read as events arrive: identifiers of another app starting and stopping change it', () => {
    const ids = manager().createSiddhiAppRuntime(
      "@App:name('ids')\ndefine stream In (key string);\n" + identifiers('batch-9', 2),
    );
    const r = manager().createSiddhiAppRuntime(
      "@App:name('window')\ndefine stream In (key string, volume long);\n" +
        "@info(name = 'w') from In#window.env:resourceBatch('batch-9', key) select key, volume insert into Out;",
    );
    const w = record(r, 'w');
    r.start();
    const h = r.getInputHandler('In');
    h.send(['p', 1]);
    assert.deepEqual(w, [[['in', 'p', 1]]], 'no identifier running: released alone');
    ids.start();
    h.send(['q', 2]);
    assert.equal(w.length, 1);
    h.send(['q', 3]);
    assert.deepEqual(w.at(-1), [
      ['in', 'q', 2],
      ['in', 'q', 3],
    ]);
    h.send(['s', 4]);
    void ids.shutdown();
    h.send(['t', 5]);
    void r.shutdown();
    // With the identifiers gone, the short group of s is released with t's.
    assert.deepEqual(w.at(-1), [
      ['in', 's', 4],
      ['in', 't', 5],
    ]);
  });

  test('a restored app holds the open groups of the snapshot', () => {
    const text =
      "@App:name('restored')\ndefine stream In (key string, volume long);\n" +
      identifiers('batch-10', 2) +
      "@info(name = 'w') from In#window.env:resourceBatch('batch-10', key) select key, sum(volume) as total insert into Out;";
    const first = manager().createSiddhiAppRuntime(text);
    first.start();
    first.getInputHandler('In').send(['p', 40]);
    const bytes = first.snapshot();
    void first.shutdown();
    const second = manager().createSiddhiAppRuntime(text);
    const w = record(second, 'w');
    second.start();
    second.restore(bytes);
    second.getInputHandler('In').send(['p', 2]);
    void second.shutdown();
    assert.deepEqual(w, [[['in', 'p', 42]]]);
  });

  test('arguments: a constant string group, a correlation id, an int or long constant time', () => {
    const errors = (window: string): string[] => {
      try {
        manager().createSiddhiAppRuntime(
          `define stream In (key string, n int);\nfrom In#window.env:resourceBatch(${window}) select * insert into Out;`,
        );
        return [];
      } catch (e) {
        return (e as { diagnostics: { line: number; column: number; message: string }[] }).diagnostics.map(
          (d) => `${d.line}:${d.column} ${d.message}`,
        );
      }
    };
    assert.deepEqual(errors("'g', key, 2 sec"), []);
    assert.deepEqual(errors("'g', n, 1500"), []);
    assert.deepEqual(errors("'g', key, 1500L"), []);
    assert.deepEqual(errors('key, key'), [
      "2:34 argument 1 ('resource.group.id') of window 'env:resourceBatch' must be a constant, but found an expression; write a literal value",
    ]);
    assert.deepEqual(errors("'g', key, n"), [
      "2:44 argument 3 ('time.in.milliseconds') of window 'env:resourceBatch' must be a constant, but found an expression; write a literal value",
    ]);
    assert.deepEqual(errors("'g', key, 2.5"), [
      "2:44 argument 3 ('time.in.milliseconds') of window 'env:resourceBatch' must be int or long, but found double",
    ]);
    assert.equal(errors("'g'").length, 1);
  });
});

describe('#window.env:resourceBatch alone: the chunks it emits', () => {
  const ATTRS: Attrs = [
    { name: 'key', type: 'string' },
    { name: 'n', type: 'int' },
  ];
  /** A window of `group` with `members` counted while `body` runs. */
  function withMembers(group: string, members: number, body: () => void): void {
    const tokens = Array.from({ length: members }, () => ({}));
    for (const t of tokens) joinResourceGroup(group, t);
    try {
      body();
    } finally {
      for (const t of tokens) leaveResourceGroup(group, t);
    }
  }

  test('EXPIRED copies and a RESET per released group lead the next chunk, stamped with its time', () => {
    withMembers('alone-1', 2, () => {
      const h = new Harness(resourceBatchWindow, [str('alone-1'), attr('key'), ms(1000)], ATTRS, 100);
      h.send(['a', 1]);
      h.send(['b', 2]);
      h.send(['a', 3]);
      assert.deepEqual(h.take(), [
        [
          ['C', ['a', 1], 100],
          ['C', ['a', 3], 100],
        ],
      ]);
      h.clock.advanceBy(50);
      h.send(['b', 4]);
      assert.deepEqual(h.take(), [
        [
          ['E', ['a', 1], 150],
          ['E', ['a', 3], 150],
          ['R', [], 150],
          ['C', ['b', 2], 100],
          ['C', ['b', 4], 150],
        ],
      ]);
      assert.deepEqual(h.held(), []);
    });
  });

  test('what follows reads no expired event: only the RESET', () => {
    withMembers('alone-2', 1, () => {
      const h = new Harness(resourceBatchWindow, [str('alone-2'), attr('key')], ATTRS, 0, undefined, {
        expiredBeforeResetUnread: true,
      });
      h.send(['a', 1]);
      h.send(['a', 2]);
      assert.deepEqual(h.take(), [
        [['C', ['a', 1], 0]],
        [
          ['R', [], 0],
          ['C', ['a', 2], 0],
        ],
      ]);
    });
  });

  test('one chunk releases its groups together, in the order they were opened', () => {
    withMembers('alone-3', 2, () => {
      const h = new Harness(resourceBatchWindow, [str('alone-3'), attr('n')], ATTRS, 0, undefined, {
        expiredBeforeResetUnread: true,
      });
      h.send(['x', 2], ['y', 1], ['z', 1], ['w', 2]);
      assert.deepEqual(h.take(), [
        [
          ['C', ['y', 1], 0],
          ['C', ['z', 1], 0],
          ['C', ['x', 2], 0],
          ['C', ['w', 2], 0],
        ],
      ]);
    });
  });

  test('timers: short groups leave one millisecond past their time, in opening order; the RESETs at the late-event timer', () => {
    withMembers('alone-4', 3, () => {
      const h = new Harness(resourceBatchWindow, [str('alone-4'), attr('key'), ms(500)], ATTRS, 0, undefined, {
        expiredBeforeResetUnread: true,
      });
      h.send(['b', 1]);
      h.send(['a', 2]);
      h.send(['b', 3]);
      assert.deepEqual(h.held(), [
        ['b', 1],
        ['b', 3],
        ['a', 2],
      ]);
      h.clock.advanceTo(500);
      assert.deepEqual(h.take(), []);
      h.clock.advanceTo(501);
      assert.deepEqual(h.take(), [
        [
          ['C', ['b', 1], 0],
          ['C', ['b', 3], 0],
          ['C', ['a', 2], 0],
        ],
      ]);
      assert.deepEqual(h.held(), []);
      h.clock.advanceTo(300_501);
      assert.deepEqual(h.take(), [
        [
          ['R', [], 300_501],
          ['R', [], 300_501],
        ],
      ]);
    });
  });

  test('a snapshot holds the groups, the pending RESET and the timers are set again on restore', () => {
    withMembers('alone-5', 2, () => {
      const args = [str('alone-5'), attr('key'), ms(1000)];
      const h = new Harness(resourceBatchWindow, args, ATTRS, 0, undefined, { expiredBeforeResetUnread: true });
      h.send(['b', 3]);
      h.send(['a', 1]);
      h.send(['a', 2]);
      assert.deepEqual(h.take(), [
        [
          ['C', ['a', 1], 0],
          ['C', ['a', 2], 0],
        ],
      ]);
      const restored = h.restored(resourceBatchWindow, args, ATTRS, { expiredBeforeResetUnread: true });
      assert.deepEqual(restored.held(), [['b', 3]]);
      restored.clock.advanceTo(1001);
      assert.deepEqual(restored.take(), [
        [
          ['R', [], 1001],
          ['C', ['b', 3], 0],
        ],
      ]);
    });
  });
});

describe('the documented examples of the env: namespace run as described', () => {
  test('every example that is a whole app is created', () => {
    for (const spec of builtinRegistry()
      .list()
      .filter((s) => s.namespace === 'env')) {
      for (const example of spec.examples) {
        if (!example.syntax.startsWith('define stream')) continue;
        const r = manager().createSiddhiAppRuntime(example.syntax);
        void r.shutdown();
      }
    }
  });

  test('resourceBatch: each product is reported once, defective when either rule failed', () => {
    const spec = builtinRegistry().lookup('window', 'env', 'resourceBatch')!;
    const r = manager().createSiddhiAppRuntime(spec.examples[0]!.syntax);
    const out: unknown[][] = [];
    r.addStreamCallback('DefectAlerts', (events) => out.push(...events.map((e) => e.data)));
    r.start();
    const h = r.getInputHandler('ProductStream');
    h.send(['cake', '#FF0000', 5, 10]);
    h.send(['tart', '#FF0000', 6, 10]);
    h.send(['bun', '#00FF00', 5, 10]);
    void r.shutdown();
    assert.deepEqual(out, [
      ['cake', false],
      ['tart', true],
      ['bun', true],
    ]);
  });

  test('resourceIdentifier: an order is approved when both checks passed', () => {
    const spec = builtinRegistry().lookup('streamProcessor', 'env', 'resourceIdentifier')!;
    const r = manager().createSiddhiAppRuntime(spec.examples[0]!.syntax);
    const out: unknown[][] = [];
    r.addStreamCallback('Decisions', (events) => out.push(...events.map((e) => e.data)));
    r.start();
    const h = r.getInputHandler('OrderStream');
    h.send(['o1', 250.0, 'NZ']);
    h.send(['o2', 25000.0, 'NZ']);
    h.send(['o3', 10.0, 'XX']);
    void r.shutdown();
    assert.deepEqual(out, [
      ['o1', true],
      ['o2', false],
      ['o3', false],
    ]);
  });
});
