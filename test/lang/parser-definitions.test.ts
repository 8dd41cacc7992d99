import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { app, int, strip, v } from './parser-helpers.js';

describe('parser: app annotations', () => {
  test('@app: annotations belong to the app, others to the following element', () => {
    const a = app(`@app:name('Shop')
@App:playback(idle.time = '100 millisecond', increment = "2 sec")
@app:statistics(reporter = 'console')
@source(type = 'http', receiver.url = 'http://0.0.0.0:8080/x', fail.on.missing.attribute = 'false',
        @map(type = 'json', @attributes(a = """$.a""", '$.b')))
define stream S (a int, b string);`);
    assert.deepEqual(strip(a.annotations), [
      { kind: 'annotation', name: 'app:name', elements: [{ value: 'Shop' }], annotations: [] },
      {
        kind: 'annotation',
        name: 'App:playback',
        elements: [
          { key: 'idle.time', value: '100 millisecond' },
          { key: 'increment', value: '2 sec' },
        ],
        annotations: [],
      },
      {
        kind: 'annotation',
        name: 'app:statistics',
        elements: [{ key: 'reporter', value: 'console' }],
        annotations: [],
      },
    ]);
    assert.deepEqual(strip(a.definitions[0]!.annotations), [
      {
        kind: 'annotation',
        name: 'source',
        elements: [
          { key: 'type', value: 'http' },
          { key: 'receiver.url', value: 'http://0.0.0.0:8080/x' },
          { key: 'fail.on.missing.attribute', value: 'false' },
        ],
        annotations: [
          {
            kind: 'annotation',
            name: 'map',
            elements: [{ key: 'type', value: 'json' }],
            annotations: [
              {
                kind: 'annotation',
                name: 'attributes',
                elements: [{ key: 'a', value: '$.a' }, { value: '$.b' }],
                annotations: [],
              },
            ],
          },
        ],
      },
    ]);
  });
});

describe('parser: definitions', () => {
  test('stream and table with every attribute type and keyword names', () => {
    const a = app(`define stream S (time long, min int, last float, year double, ok bool, o object, s string);
@PrimaryKey('id') define table T (id string);`);
    assert.deepEqual(strip(a.definitions), [
      {
        kind: 'streamDefinition',
        id: 'S',
        attributes: [
          { name: 'time', type: 'long' },
          { name: 'min', type: 'int' },
          { name: 'last', type: 'float' },
          { name: 'year', type: 'double' },
          { name: 'ok', type: 'bool' },
          { name: 'o', type: 'object' },
          { name: 's', type: 'string' },
        ],
        annotations: [],
      },
      {
        kind: 'tableDefinition',
        id: 'T',
        attributes: [{ name: 'id', type: 'string' }],
        annotations: [{ kind: 'annotation', name: 'PrimaryKey', elements: [{ value: 'id' }], annotations: [] }],
      },
    ]);
  });

  test('window definitions with and without an output event type', () => {
    const a = app(
      'define window W (a int) length(5) output all events; define window X (a int) ext:timeBatch(a, 1 sec)',
    );
    assert.deepEqual(strip(a.definitions), [
      {
        kind: 'windowDefinition',
        id: 'W',
        attributes: [{ name: 'a', type: 'int' }],
        window: { name: 'length', args: [int(5)] },
        outputEventType: 'all',
        annotations: [],
      },
      {
        kind: 'windowDefinition',
        id: 'X',
        attributes: [{ name: 'a', type: 'int' }],
        window: {
          namespace: 'ext',
          name: 'timeBatch',
          args: [v('a'), { kind: 'constant', type: 'long', value: 1000, isTime: true }],
        },
        annotations: [],
      },
    ]);
  });

  test('triggers: every, start, cron', () => {
    const a = app("define trigger A at every 5 sec; define trigger B at 'start'; define trigger C at '*/5 * * * * ?';");
    assert.deepEqual(
      a.definitions.map((d) => (d.kind === 'triggerDefinition' ? d.at : undefined)),
      [{ kind: 'every', millis: 5000 }, { kind: 'start' }, { kind: 'cron', expression: '*/5 * * * * ?' }],
    );
  });

  test('aggregations: range and list durations, aggregate by', () => {
    const a = app(`define stream S (s string, p double, ts long);
define aggregation A from S[p > 0] select s, avg(p) as ap group by s aggregate by ts every sec ... years;
define aggregation B from S select sum(p) as t aggregate every seconds, minute, hours, day, month, year;`);
    assert.deepEqual(strip(a.definitions[1]), {
      kind: 'aggregationDefinition',
      id: 'A',
      input: {
        kind: 'single',
        streamId: 'S',
        isInnerStream: false,
        isFaultStream: false,
        handlers: [{ kind: 'filter', condition: { kind: 'binary', op: '>', left: v('p'), right: int(0) } }],
      },
      selector: {
        selectAll: false,
        attributes: [
          { expression: v('s') },
          { rename: 'ap', expression: { kind: 'call', name: 'avg', args: [v('p')] } },
        ],
        groupBy: [v('s')],
        orderBy: [],
      },
      aggregateBy: v('ts'),
      durations: { kind: 'range', from: 'seconds', to: 'years' },
      annotations: [],
    });
    const b = a.definitions[2];
    assert.ok(b && b.kind === 'aggregationDefinition');
    assert.deepEqual(b.durations, {
      kind: 'list',
      list: ['seconds', 'minutes', 'hours', 'days', 'months', 'years'],
    });
    assert.equal(b.aggregateBy, undefined);
  });

  test('function bodies are kept verbatim, braces and quotes inside strings included', () => {
    const body = ` var s = "}{"; var t = '{'; // }\n if (x) { return s + t; } return '}'; `;
    const a = app(`define function f[JavaScript] return string {${body}};
define stream S (a int);`);
    assert.deepEqual(strip(a.definitions[0]), {
      kind: 'functionDefinition',
      id: 'f',
      language: 'JavaScript',
      returnType: 'string',
      body,
      annotations: [],
    });
  });
});

describe('parser: partitions and app layout', () => {
  test('value and range partitions with several queries', () => {
    const a = app(`define stream S (symbol string, price double); define stream T (user string);
@purge(enable='true') partition with (symbol of S, price < 100 as 'low' or price >= 100 as 'high' of S, user of T)
begin
  @info(name = 'q1') from S select symbol insert into #Mid;
  from #Mid select * insert into Out;
end;`);
    const p = a.elements[0];
    assert.ok(p && p.kind === 'partition');
    assert.deepEqual(strip(p.partitionTypes), [
      { kind: 'valuePartition', streamId: 'S', expression: v('symbol') },
      {
        kind: 'rangePartition',
        streamId: 'S',
        ranges: [
          { condition: { kind: 'binary', op: '<', left: v('price'), right: int(100) }, label: 'low' },
          { condition: { kind: 'binary', op: '>=', left: v('price'), right: int(100) }, label: 'high' },
        ],
      },
      { kind: 'valuePartition', streamId: 'T', expression: v('user') },
    ]);
    assert.equal(p.queries.length, 2);
    assert.equal(p.annotations[0]?.name, 'purge');
    assert.equal(p.queries[0]?.annotations[0]?.name, 'info');
    assert.equal(p.queries[1]?.input.kind === 'single' && p.queries[1].input.isInnerStream, true);
  });

  test('comments, empty statements and spans', () => {
    const a = app(`-- a line comment
/* a block
   comment */ define stream S (a int);;
from S select a insert into O;`);
    assert.equal(a.definitions.length, 1);
    assert.equal(a.elements.length, 1);
    assert.deepEqual(a.definitions[0]!.span, {
      start: { line: 3, column: 15, offset: 43 },
      end: { line: 3, column: 38, offset: 66 },
    });
    assert.deepEqual(a.elements[0]!.span.start, { line: 4, column: 1, offset: 69 });
  });
});
