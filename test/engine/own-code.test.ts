import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import ts from 'typescript';
import '../../src/engine/index.js';
import {
  copyOf,
  OWN_CODE_QUERIES,
  ownable,
  ownables,
  ownCode,
  queriesHoldingOwnCode,
} from '../../src/engine/runtime/own-code.js';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';

/** Names `source` uses without declaring them (a name declared anywhere in it counts as declared). */
function freeNames(source: string): Set<string> {
  const file = ts.createSourceFile('copy.js', `(${source})`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const used = new Set<string>();
  const declared = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isName = (p as { name?: ts.Node }).name === n;
      if (isName && (ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isClassElement(p))) {
        // a property, not a variable
      } else if (
        isName &&
        (ts.isVariableDeclaration(p) ||
          ts.isParameter(p) ||
          ts.isFunctionDeclaration(p) ||
          ts.isFunctionExpression(p) ||
          ts.isClassDeclaration(p) ||
          ts.isClassExpression(p) ||
          ts.isBindingElement(p))
      ) {
        declared.add(n.text);
      } else if (ts.isBindingElement(p) && p.propertyName === n) {
        // `{ a: b }` in a pattern reads property a
      } else if (!(ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p) || ts.isMetaProperty(p))) {
        used.add(n.text);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return new Set([...used].filter((u) => !declared.has(u) && !(u in globalThis) && u !== '__name'));
}

describe('own code (per-query copies of the per-event path)', () => {
  it('gives every ownable the module-level names its source uses', () => {
    const all = ownables();
    assert.ok(all.length >= 9, `expected the per-event path's classes and functions, found ${all.length}`);
    for (const o of all) {
      const name = (o.original as { name: string }).name;
      const missing = [...freeNames(String(o.original))].filter((n) => !(n in o.scope));
      assert.deepEqual(missing, [], `${name} uses ${missing.join(', ')} without them in its scope`);
    }
  });

  it('the scope check sees a missing name', () => {
    const limit = 3;
    const capped = (x: number): number => Math.min(x, limit);
    assert.deepEqual([...freeNames(String(capped))], ['limit']);
  });

  it('compiles a working copy apart from the original, once per set of copies', () => {
    const base = 10;
    class Adder {
      constructor(private readonly n: number) {}
      add(x: number): number {
        return x + this.n + base;
      }
    }
    const o = ownable(Adder, { base });
    const Copy = copyOf(o);
    assert.notEqual(Copy, Adder);
    assert.equal(new Copy(1).add(2), 13);
    const code = ownCode();
    assert.equal(code(o), code(o));
    assert.notEqual(code(o), ownCode()(o));
  });

  it('runs each query on its own copies, alike in two apps', async () => {
    const app = `define stream S (symbol string, price float);
      @info(name='q1') from S[price > 10]#window.length(2) select symbol, sum(price) as total insert into Out;`;
    const outputs: unknown[][][] = [];
    const copies: string[][] = [];
    for (let k = 0; k < 2; k++) {
      const runtime = new SiddhiManager().createSiddhiAppRuntime(app);
      const got: unknown[][] = [];
      runtime.addQueryCallback('q1', (_t, inEvents) => {
        // The stack names the copies the first output went through (their sourceURL).
        if (got.length === 0)
          copies.push([...(new Error().stack ?? '').matchAll(/tributary-own\/(\w+)\/\d+/g)].map((m) => m[0]));
        inEvents?.forEach((e) => got.push(e.data));
      });
      runtime.start();
      const h = runtime.getInputHandler('S');
      for (const e of [
        ['a', 5],
        ['b', 20],
        ['c', 30],
        ['d', 40],
      ])
        h.send(e);
      await runtime.shutdown();
      outputs.push(got);
    }
    assert.deepEqual(outputs[0], [
      ['b', 20],
      ['c', 50],
      ['d', 70],
    ]);
    assert.deepEqual(outputs[1], outputs[0]);
    const kinds = (c: string[]): string[] => [...new Set(c.map((x) => x.split('/')[1]!))].sort();
    assert.deepEqual(kinds(copies[0]!), [
      'LengthWindow',
      'QueryOutput',
      'QuerySelector',
      'filterLane',
      'measuredLane',
      'selectorEntry',
      'windowLane',
    ]);
    assert.deepEqual(kinds(copies[1]!), kinds(copies[0]!));
    for (const c of copies[1]!) assert.ok(!copies[0]!.includes(c), `${c} is shared by two apps`);
  });

  it('TRIBUTARY_OWN_CODE=off runs every query on the shared code, with the same results', () => {
    const engine = fileURLToPath(new URL('../../src/engine/', import.meta.url));
    const script = `
      import { SiddhiManager } from '${engine}siddhi-manager.js';
      import { ownCodeEnabled } from '${engine}runtime/own-code.js';
      const rt = new SiddhiManager().createSiddhiAppRuntime(
        "define stream S (v int); @info(name='q1') from S[v > 1]#window.length(2) select sum(v) as s insert into Out;");
      let stack = '';
      const out = [];
      rt.addQueryCallback('q1', (t, ins) => { stack = new Error().stack; out.push(ins[0].data); });
      rt.start();
      for (const v of [1, 2, 3, 4]) rt.getInputHandler('S').send([v]);
      console.log(JSON.stringify({ ownCodeEnabled, copies: stack.includes('tributary-own/'), out }));`;
    const run = (env: Record<string, string>): unknown => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    assert.deepEqual(run({ TRIBUTARY_OWN_CODE: 'off' }), {
      ownCodeEnabled: false,
      copies: false,
      out: [[2], [5], [7]],
    });
    assert.deepEqual(run({}), { ownCodeEnabled: true, copies: true, out: [[2], [5], [7]] });
  });

  it('holds copies for at most OWN_CODE_QUERIES queries in the process; an app gives its share back at shutdown', async () => {
    const before = queriesHoldingOwnCode();
    assert.equal(before, 0, 'the tests before this one shut their apps down');
    /** An app of n queries on S; `copied(i)`: whether query i ran on copies for the last event sent. */
    const app = (n: number) => {
      let text = 'define stream S (v int);\n';
      for (let i = 0; i < n; i++) text += `@info(name='q${i}') from S[v > ${i}] select v insert into Out;\n`;
      const runtime = new SiddhiManager().createSiddhiAppRuntime(text);
      const copied: boolean[] = [];
      for (let i = 0; i < n; i++) {
        runtime.addQueryCallback(`q${i}`, () => {
          copied[i] = (new Error().stack ?? '').includes('tributary-own/');
        });
      }
      runtime.start();
      runtime.getInputHandler('S').send([1000]);
      return { runtime, copied };
    };
    const first = app(OWN_CODE_QUERIES + 8);
    assert.equal(queriesHoldingOwnCode(), OWN_CODE_QUERIES);
    assert.deepEqual(first.copied, [...Array<boolean>(OWN_CODE_QUERIES).fill(true), ...Array<boolean>(8).fill(false)]);
    const second = app(2);
    assert.deepEqual(second.copied, [false, false]);
    await first.runtime.shutdown();
    assert.equal(queriesHoldingOwnCode(), 0);
    const third = app(2);
    assert.deepEqual(third.copied, [true, true]);
    assert.equal(queriesHoldingOwnCode(), 2);
    await second.runtime.shutdown();
    await third.runtime.shutdown();
    assert.equal(queriesHoldingOwnCode(), 0);
  });

  it('an app that fails to build gives its share back at once', () => {
    const bad =
      "define stream S (v int); @info(name='q1') from S select v insert into Out; from S select nope insert into Out;";
    assert.throws(() => new SiddhiManager().createSiddhiAppRuntime(bad));
    assert.equal(queriesHoldingOwnCode(), 0);
  });
});
