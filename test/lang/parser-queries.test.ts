import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bin, errors, insert, int, onDemand, query, selectAll, single, strip, str, v } from './parser-helpers.js';

const S = 'define stream S (a int, b string); ';

describe('parser: query inputs', () => {
  test('filters, stream functions and windows in written order', () => {
    const q = query(`${S}from S[a > 1]#window.length(5)#str:tokenize(b, ',')#[a < 9]#log() select * insert into O`);
    assert.deepEqual(
      strip(q.input),
      single('S', [
        { kind: 'filter', condition: bin('>', v('a'), int(1)) },
        { kind: 'window', call: { name: 'length', args: [int(5)] } },
        { kind: 'streamFunction', call: { namespace: 'str', name: 'tokenize', args: [v('b'), str(',')] } },
        { kind: 'filter', condition: bin('<', v('a'), int(9)) },
        { kind: 'streamFunction', call: { name: 'log', args: [] } },
      ]),
    );
    assert.deepEqual(strip(q.selector), selectAll);
  });

  test('namespaced windows, inner and fault input streams', () => {
    const q = query(`${S}from #S#window.unique:length(a, 2) select a insert into O`);
    assert.deepEqual(strip(q.input), {
      ...(single('S', [
        { kind: 'window', call: { namespace: 'unique', name: 'length', args: [v('a'), int(2)] } },
      ]) as object),
      isInnerStream: true,
    });
    const f = query(`${S}from !S select * insert into O`);
    assert.deepEqual(strip(f.input), { ...(single('S') as object), isFaultStream: true });
  });

  test('joins: kinds, aliases, unidirectional, on, within/per', () => {
    const q = query(
      `${S}from S#window.time(1 sec) as x unidirectional left outer join T as y on x.a == y.a select x.a insert into O`,
    );
    assert.deepEqual(strip(q.input), {
      kind: 'join',
      left: single(
        'S',
        [
          {
            kind: 'window',
            call: { name: 'time', args: [{ kind: 'constant', type: 'long', value: 1000, isTime: true }] },
          },
        ],
        { alias: 'x' },
      ),
      right: single('T', [], { alias: 'y' }),
      joinType: 'leftOuter',
      trigger: 'left',
      on: bin('==', v('a', 'x'), v('a', 'y')),
    });
    const kinds: [string, string][] = [
      ['join', 'inner'],
      ['inner join', 'inner'],
      ['right outer join', 'rightOuter'],
      ['full outer join', 'fullOuter'],
    ];
    for (const [text, joinType] of kinds) {
      const j = query(`${S}from S ${text} T unidirectional select * insert into O`).input;
      assert.equal(j.kind, 'join');
      assert.equal(j.kind === 'join' && j.joinType, joinType);
      assert.equal(j.kind === 'join' && j.trigger, 'right');
    }
    const a = query(
      `${S}from S join A on S.a == A.a within '2020-**', '2021-**' per 'days' select * insert into O`,
    ).input;
    assert.deepEqual(strip(a.kind === 'join' ? { within: a.within, per: a.per } : undefined), {
      within: { start: str('2020-**'), end: str('2021-**') },
      per: str('days'),
    });
  });
});

describe('parser: anonymous inner queries', () => {
  const inner = {
    kind: 'query',
    annotations: [],
    input: single('S', [{ kind: 'filter', condition: bin('>', v('a'), int(1)) }]),
    selector: {
      selectAll: false,
      attributes: [{ rename: 'n', expression: { kind: 'call', name: 'count', args: [] } }],
      groupBy: [v('b')],
      orderBy: [],
    },
    output: { kind: 'return', eventType: 'all' },
  };

  test('with or without parentheses, the inner query returning its events is the input', () => {
    const bare = query(
      `${S}from from S[a > 1] select count() as n group by b return all events select n insert into O`,
    );
    const wrapped = query(
      `${S}from ((from S[a > 1] select count() as n group by b return all events)) select n insert into O`,
    );
    for (const q of [bare, wrapped]) {
      assert.deepEqual(strip(q.input), { kind: 'anonymous', query: inner });
      assert.deepEqual(strip(q.output), insert('O'));
    }
  });

  test('a parenthesised pattern is still a pattern, and the inner query must end in return', () => {
    assert.equal(query(`${S}from (e1=S -> e2=S) select e2.a insert into O`).input.kind, 'pattern');
    assert.equal(query(`${S}from (from S return) select * insert into O`).input.kind, 'anonymous');
    assert.deepEqual(
      errors(`${S}from (from S insert into T) select * insert into O`)[0],
      "1:49 mismatched input 'insert': expected 'return'",
    );
  });
});

describe('parser: selection and output', () => {
  test('select list, group by, having, order by, limit, offset', () => {
    const q = query(
      `${S}from S select a, b as c, sum(a) as s group by a, S.b having s > 10 order by a desc, c asc, s limit 5 offset 2 insert into O`,
    );
    assert.deepEqual(strip(q.selector), {
      selectAll: false,
      attributes: [
        { expression: v('a') },
        { rename: 'c', expression: v('b') },
        { rename: 's', expression: { kind: 'call', name: 'sum', args: [v('a')] } },
      ],
      groupBy: [v('a'), v('b', 'S')],
      having: bin('>', v('s'), int(10)),
      orderBy: [
        { variable: v('a'), order: 'desc' },
        { variable: v('c'), order: 'asc' },
        { variable: v('s'), order: 'asc' },
      ],
      limit: int(5),
      offset: int(2),
    });
  });

  test('no select clause selects everything', () => {
    assert.deepEqual(strip(query(`${S}from S insert into O`).selector), selectAll);
  });

  test('output rates', () => {
    const rate = (clause: string): unknown => strip(query(`${S}from S select * ${clause} insert into O`).outputRate);
    assert.deepEqual(rate('output every 5 events'), { kind: 'events', type: 'all', count: 5 });
    assert.deepEqual(rate('output first every 3 events'), { kind: 'events', type: 'first', count: 3 });
    assert.deepEqual(rate('output last every 2 sec'), { kind: 'time', type: 'last', millis: 2000 });
    assert.deepEqual(rate('output all every 1 min 30 sec'), { kind: 'time', type: 'all', millis: 90_000 });
    assert.deepEqual(rate('output snapshot every 1 sec'), { kind: 'snapshot', millis: 1000 });
  });

  test('insert targets and event types', () => {
    const out = (clause: string): unknown => strip(query(`${S}from S select * ${clause}`).output);
    assert.deepEqual(out('insert into O'), insert('O'));
    assert.deepEqual(out('insert all events into O'), insert('O', { eventType: 'all' }));
    assert.deepEqual(out('insert expired events into O'), insert('O', { eventType: 'expired' }));
    assert.deepEqual(out('insert current events into O'), insert('O', { eventType: 'current' }));
    assert.deepEqual(out('insert events into O'), insert('O', { eventType: 'current' }));
    assert.deepEqual(out('insert into #O'), { ...(insert('O') as object), isInnerStream: true });
    assert.deepEqual(out('insert into !O'), { ...(insert('O') as object), isFaultStream: true });
    assert.deepEqual(out('return'), { kind: 'return' });
    assert.deepEqual(out('return all events'), { kind: 'return', eventType: 'all' });
  });

  test('delete, update, update or insert', () => {
    const out = (clause: string): unknown => strip(query(`${S}from S select * ${clause}`).output);
    assert.deepEqual(out('delete T for expired events on T.a == a'), {
      kind: 'delete',
      target: 'T',
      eventType: 'expired',
      on: bin('==', v('a', 'T'), v('a')),
    });
    assert.deepEqual(out('update T set T.b = b, T.a = a + 1 on T.a == a'), {
      kind: 'update',
      target: 'T',
      set: [
        { target: v('b', 'T'), value: v('b') },
        { target: v('a', 'T'), value: bin('+', v('a'), int(1)) },
      ],
      on: bin('==', v('a', 'T'), v('a')),
    });
    assert.deepEqual(out('update T on T.a == a'), {
      kind: 'update',
      target: 'T',
      set: [],
      on: bin('==', v('a', 'T'), v('a')),
    });
    assert.deepEqual(out('update or insert into T for all events set T.b = b on T.a == a'), {
      kind: 'updateOrInsert',
      target: 'T',
      eventType: 'all',
      set: [{ target: v('b', 'T'), value: v('b') }],
      on: bin('==', v('a', 'T'), v('a')),
    });
  });

  test('query annotations and keywords in any case', () => {
    const q = query(`${S}@info(name = 'q1') FROM S SELECT a AS x INSERT INTO O`);
    assert.deepEqual(strip(q.annotations), [
      { kind: 'annotation', name: 'info', elements: [{ key: 'name', value: 'q1' }], annotations: [] },
    ]);
    assert.deepEqual(strip(q.selector.attributes), [{ rename: 'x', expression: v('a') }]);
  });
});

describe('parser: on-demand queries', () => {
  test('find with on, alias, within/per and a selection', () => {
    assert.deepEqual(onDemand('from T as t on t.a > 5 select a, b order by a limit 3'), {
      kind: 'onDemandQuery',
      input: { storeId: 'T', alias: 't', on: bin('>', v('a', 't'), int(5)) },
      selector: {
        selectAll: false,
        attributes: [{ expression: v('a') }, { expression: v('b') }],
        groupBy: [],
        orderBy: [{ variable: v('a'), order: 'asc' }],
        limit: int(3),
      },
    });
    assert.deepEqual(onDemand('from A within 0L, 10L per "seconds";'), {
      kind: 'onDemandQuery',
      input: {
        storeId: 'A',
        within: {
          start: { kind: 'constant', type: 'long', value: 0 },
          end: { kind: 'constant', type: 'long', value: 10 },
        },
        per: str('seconds'),
      },
      selector: selectAll,
    });
  });

  test('write forms', () => {
    assert.deepEqual(onDemand('select 10 as id insert into T'), {
      kind: 'onDemandQuery',
      selector: { selectAll: false, attributes: [{ rename: 'id', expression: int(10) }], groupBy: [], orderBy: [] },
      output: insert('T'),
    });
    assert.deepEqual(onDemand('delete T on T.id == 2'), {
      kind: 'onDemandQuery',
      selector: selectAll,
      output: { kind: 'delete', target: 'T', on: bin('==', v('id', 'T'), int(2)) },
    });
    const u = onDemand('update T set T.s = "x" on T.id == 2') as { output: unknown };
    assert.deepEqual(u.output, {
      kind: 'update',
      target: 'T',
      set: [{ target: v('s', 'T'), value: str('x') }],
      on: bin('==', v('id', 'T'), int(2)),
    });
    const ui = onDemand('select "n" as s update or insert into T set T.s = s on T.id == 1') as {
      output: { kind: string };
    };
    assert.equal(ui.output.kind, 'updateOrInsert');
  });
});
