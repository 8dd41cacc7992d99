/**
 * The `unique:` windows and `#unique:deduplicate` (siddhi-execution-unique) run in SiddhiQL apps on a
 * virtual clock. Cases marked "Java:" translate siddhi-execution-unique's own test cases (their inputs,
 * and their assertions made exact).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../../src/engine/app/siddhi-app-runtime.js';
import { javaHashOf } from '../../../src/engine/windows/unique/java-key-hash.js';

const T0 = 1_000;

/** An emitted event as [kind, timestamp, ...data]; kind 'C' current, 'E' expired. */
type Out = [string, number, ...unknown[]];

interface App {
  readonly r: SiddhiAppRuntime;
  /** What the output stream received, one array per callback, and clears it. */
  take(): Out[][];
  /** The same, flattened. */
  flat(): Out[];
  send(stream: string, ...rows: unknown[][]): void;
  advance(ms: number): void;
}

/**
 * Runs `text`, recording what its query inserting into O outputs (named 'out' here): one array per query
 * callback, its expired events (E) first, then its current ones (C).
 */
function app(
  text: string,
  manager = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }),
): App {
  const named = text.replace(/(^|;\s*)(from [^;]*?into O;)/, "$1@info(name='out') $2");
  const r = manager.createSiddhiAppRuntime(named);
  const got: Out[][] = [];
  const row =
    (kind: string) =>
    (e: { timestamp: number; data: unknown[] }): Out => [kind, e.timestamp, ...e.data];
  r.addQueryCallback('out', (_ts, inEvents, removeEvents) =>
    got.push([...(removeEvents ?? []).map(row('E')), ...(inEvents ?? []).map(row('C'))]),
  );
  r.start();
  return {
    r,
    take: () => got.splice(0),
    flat: () => got.splice(0).flat(),
    send: (stream, ...rows) => {
      const h = r.getInputHandler(stream);
      for (const row of rows) h.send(row);
    },
    advance: (ms) => r.advanceTime(ms),
  };
}

const LOGIN = 'define stream LoginEvents (timeStamp long, a string, ip string);\n';
const CSE = 'define stream cseEventStream (symbol string, price float, volume int);\n';

describe('unique:ever', () => {
  test('Java: uniqueEverWindowTest1 — counts the distinct ips seen so far', () => {
    const a = app(
      'define stream LoginEvents (timeStamp long, ip string);\n' +
        'from LoginEvents#window.unique:ever(ip) select count(ip) as ipCount, ip insert into O;',
    );
    a.send(
      'LoginEvents',
      [1, '192.10.1.3'],
      [2, '192.10.1.3'],
      [3, '192.10.1.4'],
      [4, '192.10.1.3'],
      [5, '192.10.1.5'],
    );
    assert.deepEqual(
      a.flat().map((o) => o.slice(2)),
      [
        [1, '192.10.1.3'],
        [1, '192.10.1.3'],
        [2, '192.10.1.4'],
        [2, '192.10.1.3'],
        [3, '192.10.1.5'],
      ],
    );
  });

  test('a repeated key expires the held event at once, stamped now, before the new one', () => {
    const a = app(
      'define stream S (train string, driver string);\n' +
        'from S#window.unique:ever(train) select train, driver insert all events into O;',
    );
    a.send('S', ['t1', 'ann']);
    a.advance(100);
    a.send('S', ['t2', 'bob']);
    a.advance(100);
    a.send('S', ['t1', 'cid']);
    assert.deepEqual(a.take(), [
      [['C', T0, 't1', 'ann']],
      [['C', T0 + 100, 't2', 'bob']],
      [
        ['E', T0 + 200, 't1', 'ann'],
        ['C', T0 + 200, 't1', 'cid'],
      ],
    ]);
  });

  test('several keys: the key is their values together', () => {
    const a = app(
      'define stream S (a string, b string, v int);\nfrom S#window.unique:ever(a, b) select v insert expired events into O;',
    );
    a.send('S', ['ab', 'c', 1], ['a', 'bc', 2], ['ab', 'c', 3]);
    assert.deepEqual(a.flat(), [['E', T0, 1]]);
  });
});

describe('unique:first', () => {
  test('lets the first event of each key through, drops later ones, never expires', () => {
    const a = app(
      'define stream LoginEvents (timeStamp long, ip string);\n' +
        'from LoginEvents#window.unique:first(ip) select ip, timeStamp insert all events into O;',
    );
    a.send('LoginEvents', [1, 'x'], [2, 'y'], [3, 'x']);
    a.advance(10_000);
    a.send('LoginEvents', [4, 'y'], [5, 'z']);
    assert.deepEqual(a.flat(), [
      ['C', T0, 'x', 1],
      ['C', T0, 'y', 2],
      ['C', T0 + 10_000, 'z', 5],
    ]);
  });
});

describe('unique:length', () => {
  test('Java: uniqueLengthWindowTest2 — ipCount over the last 3 unique ips', () => {
    const a = app(
      LOGIN +
        'from LoginEvents#window.unique:length(ip,3) select a, count(ip) as ipCount, ip insert all events into O;',
    );
    a.send(
      'LoginEvents',
      [1, 'A1', '192.10.1.4'],
      [2, 'A2', '192.10.1.3'],
      [3, 'A3', '192.10.1.3'],
      [4, 'A4', '192.10.1.4'],
      [5, 'A5', '192.10.1.5'],
    );
    assert.deepEqual(
      a.flat().map((o) => o.slice(2)),
      [
        ['A1', 1, '192.10.1.4'],
        ['A2', 2, '192.10.1.3'],
        ['A3', 2, '192.10.1.3'],
        ['A4', 2, '192.10.1.4'],
        ['A5', 3, '192.10.1.5'],
      ],
    );
  });

  test('Java: uniqueLengthWindowTest3 — the replaced events are the expired ones', () => {
    const a = app(LOGIN + 'from LoginEvents#window.unique:length(ip,3) select a, ip insert expired events into O;');
    a.send(
      'LoginEvents',
      [1, 'A1', '192.10.1.3'],
      [2, 'A2', '192.10.1.4'],
      [3, 'A3', '192.10.1.4'],
      [4, 'A4', '192.10.1.3'],
      [5, 'A5', '192.10.1.5'],
    );
    assert.deepEqual(a.flat(), [
      ['E', T0, 'A2', '192.10.1.4'],
      ['E', T0, 'A1', '192.10.1.3'],
    ]);
  });

  test('a new key in a full window pushes the oldest out; a replaced key becomes the newest', () => {
    const a = app(
      'define stream S (k string, v int);\nfrom S#window.unique:length(k, 2) select k, v insert all events into O;',
    );
    a.send('S', ['a', 1], ['b', 2]);
    a.advance(50);
    a.send('S', ['a', 3]); // replaces a: b is now the oldest
    a.advance(50);
    a.send('S', ['c', 4]); // pushes b out
    assert.deepEqual(a.take().slice(2), [
      [
        ['E', T0 + 50, 'a', 1],
        ['C', T0 + 50, 'a', 3],
      ],
      [
        ['E', T0 + 100, 'b', 2],
        ['C', T0 + 100, 'c', 4],
      ],
    ]);
  });
});

describe('unique:time', () => {
  test('a repeated key expires the held event at once; the rest leave at timestamp + time', () => {
    const a = app(
      'define stream S (k string, v int);\nfrom S#window.unique:time(k, 1 sec) select k, v insert all events into O;',
    );
    a.send('S', ['a', 1]);
    a.advance(300);
    a.send('S', ['b', 2]);
    a.advance(300);
    a.send('S', ['a', 3]);
    a.advance(400); // T0 + 1000: nothing left from T0 (a was replaced)
    a.advance(300); // T0 + 1300: b leaves
    a.advance(300); // T0 + 1600: a (3) leaves
    assert.deepEqual(a.take(), [
      [['C', T0, 'a', 1]],
      [['C', T0 + 300, 'b', 2]],
      [
        ['E', T0 + 600, 'a', 1],
        ['C', T0 + 600, 'a', 3],
      ],
      [['E', T0 + 1300, 'b', 2]],
      [['E', T0 + 1600, 'a', 3]],
    ]);
  });

  test('the count of unique keys in the last second drops to 0 when the last one leaves', () => {
    const a = app(
      LOGIN + 'from LoginEvents#window.unique:time(ip, 1 sec) select count(ip) as n insert all events into O;',
    );
    a.send('LoginEvents', [1, 'A1', '192.10.1.3'], [2, 'A2', '192.10.1.3'], [3, 'A3', '192.10.1.4']);
    a.advance(1_000);
    assert.deepEqual(
      a.flat().map((o) => [o[0], o[2]]),
      [
        ['C', 1],
        ['C', 1],
        ['C', 2],
        ['E', 0],
      ],
    );
  });
});

describe('unique:lengthBatch and unique:firstLengthBatch', () => {
  test('Java: uniqueLengthBatchWindowTest2 — batches of 2 keys, the previous batch expiring first', () => {
    const a = app(
      CSE +
        'from cseEventStream#window.unique:lengthBatch(symbol,2) select symbol,price,volume insert all events into O;',
    );
    a.send(
      'cseEventStream',
      ['IBM', 700, 1],
      ['WSO2', 60.5, 2],
      ['IBM', 700, 3],
      ['WSO2', 60.5, 4],
      ['IBM', 700, 5],
      ['WSO2', 60.5, 6],
    );
    assert.deepEqual(
      a.take().map((c) => c.map((o) => [o[0], o[4]])),
      [
        [
          ['C', 1],
          ['C', 2],
        ],
        [
          ['E', 1],
          ['E', 2],
          ['C', 3],
          ['C', 4],
        ],
        [
          ['E', 3],
          ['E', 4],
          ['C', 5],
          ['C', 6],
        ],
      ],
    );
  });

  test('Java: uniqueLengthBatchWindowTest5 — sum over a batch of 4 keys (latest WSO2 kept)', () => {
    const a = app(
      CSE +
        'from cseEventStream#window.unique:lengthBatch(symbol,4) select symbol,sum(price) as sumPrice,volume insert all events into O;',
    );
    a.send(
      'cseEventStream',
      ['IBM', 10, 1],
      ['WSO2', 20, 2],
      ['IBM1', 30, 3],
      ['WSO2', 40, 4],
      ['IBM2', 50, 5],
      ['WSO2', 60, 6],
      ['WSO2', 60, 7],
      ['IBM3', 70, 8],
      ['WSO2', 80, 9],
    );
    // The batch comes out in the order of Siddhi's HashMap of it (IBM, WSO2, IBM2, IBM1): IBM1 is last.
    assert.deepEqual(a.flat(), [['C', T0, 'IBM1', 130, 3]]);
  });

  test('Java: uniqueFirstLengthBatchWindowTest2 — the first event of each key makes the batch', () => {
    const a = app(
      CSE +
        'from cseEventStream#window.unique:firstLengthBatch(symbol,4) select symbol, price, volume insert all events into O;',
    );
    a.send(
      'cseEventStream',
      ['IBM', 700, 1],
      ['WSO2', 61.5, 2],
      ['IBM1', 700, 3],
      ['WSO2', 60.5, 4],
      ['IBM3', 700, 5],
      ['WSO22', 60.5, 6],
      ['aa', 60.5, 7],
      ['uu', 60.5, 8],
      ['tt', 60.5, 9],
      ['IBM', 700, 10],
      ['WSO2', 61.5, 11],
      ['IBM1', 700, 12],
      ['WSO2', 60.5, 13],
    );
    assert.deepEqual(
      a.take().map((c) => c.map((o) => `${o[0]}${o[4]}`)),
      // In the order of Siddhi's HashMap of each batch: IBM, WSO2, IBM3, IBM1, then aa, uu, tt, WSO22.
      [
        ['C1', 'C2', 'C5', 'C3'],
        ['E1', 'E2', 'E5', 'E3', 'C7', 'C8', 'C9', 'C6'],
      ],
    );
  });

  test('Java: uniqueLengthBatchWindowTest7 — a join reads the batch being collected', () => {
    const a = app(
      CSE +
        'define stream twitterStream (user string, tweet string, company string);\n' +
        'from cseEventStream#window.unique:lengthBatch(symbol,2) join twitterStream#window.unique:lengthBatch(company,2) ' +
        'on cseEventStream.symbol == twitterStream.company ' +
        'select cseEventStream.symbol as symbol, twitterStream.tweet, cseEventStream.price insert all events into O;',
    );
    a.send('cseEventStream', ['WSO2', 55.6, 100], ['IBM', 59.6, 100]);
    a.send('twitterStream', ['User1', 'Hello World', 'WSO2'], ['User2', 'Hello World2', 'WSO2']);
    a.send('cseEventStream', ['IBM', 75.6, 100], ['WSO2', 57.6, 100]);
    assert.deepEqual(
      a.flat().map((o) => [o[0], ...o.slice(2)]),
      [
        ['E', 'WSO2', 'Hello World2', 55.599998474121094],
        ['C', 'WSO2', 'Hello World2', 57.599998474121094],
      ],
    );
  });
});

describe('unique:timeBatch, unique:firstTimeBatch, unique:timeLengthBatch', () => {
  test('timeBatch emits the latest event per key every period, stamped with its end', () => {
    const a = app(
      'define stream S (k string, v int);\nfrom S#window.unique:timeBatch(k, 1 sec) select k, v insert all events into O;',
    );
    a.send('S', ['a', 1], ['b', 2]);
    a.advance(500);
    a.send('S', ['a', 3]);
    a.advance(500); // T0 + 1000
    a.send('S', ['c', 4]);
    a.advance(1_000); // T0 + 2000
    a.advance(1_000); // T0 + 3000: nothing held, the last batch expires
    assert.deepEqual(a.take(), [
      [
        ['C', T0 + 1000, 'a', 3],
        ['C', T0 + 1000, 'b', 2],
      ],
      [
        ['E', T0 + 2000, 'a', 3],
        ['E', T0 + 2000, 'b', 2],
        ['C', T0 + 2000, 'c', 4],
      ],
      [['E', T0 + 3000, 'c', 4]],
    ]);
  });

  test('firstTimeBatch keeps the first event per key; start.time aligns the periods', () => {
    const a = app(
      'define stream S (k string, v int);\nfrom S#window.unique:firstTimeBatch(k, 1 sec, 0) select k, v insert into O;',
    );
    a.advance(300); // T0 + 300 = 1300: the period ends at 2000
    a.send('S', ['a', 1], ['a', 2], ['b', 3]);
    a.advance(700);
    assert.deepEqual(a.flat(), [
      ['C', 2000, 'a', 1],
      ['C', 2000, 'b', 3],
    ]);
  });

  test('timeLengthBatch emits at the length, drops events until the period ends, then goes on by time', () => {
    const a = app(
      'define stream S (k string, v int);\nfrom S#window.unique:timeLengthBatch(k, 1 sec, 2) select k, v insert all events into O;',
    );
    a.send('S', ['a', 1], ['a', 2]);
    a.advance(100);
    a.send('S', ['b', 3], ['c', 4]); // b completes the batch; c is dropped
    a.advance(100);
    a.send('S', ['d', 5]); // dropped: the period's batch is out
    a.advance(800); // T0 + 1000: the period ends, emitting nothing
    a.send('S', ['e', 6]);
    a.advance(1_000); // T0 + 2000: e by time
    assert.deepEqual(a.take(), [
      [
        ['C', T0 + 100, 'a', 2],
        ['C', T0 + 100, 'b', 3],
      ],
      [
        ['E', T0 + 2000, 'a', 2],
        ['E', T0 + 2000, 'b', 3],
        ['C', T0 + 2000, 'e', 6],
      ],
    ]);
  });
});

describe('unique batch windows: a batch comes out in the order of the HashMap Siddhi keeps it in', () => {
  test('string keys: by bucket of their String hash (IBM before WSO2), not by arrival', () => {
    const a = app(
      CSE + 'from cseEventStream#window.unique:timeBatch(symbol, 1 sec) select symbol, volume insert into O;',
    );
    a.send('cseEventStream', ['WSO2', 60.5, 1], ['IBM', 700, 2]);
    a.advance(1_000);
    assert.deepEqual(a.flat(), [
      ['C', T0 + 1000, 'IBM', 2],
      ['C', T0 + 1000, 'WSO2', 1],
    ]);
  });

  test('the batch order decides which event an aggregate without group by emits', () => {
    const a = app(
      CSE +
        'from cseEventStream#window.unique:timeLengthBatch(symbol, 1 sec, 3) select symbol, sum(price) as total insert into O;',
    );
    a.send('cseEventStream', ['WSO2', 60.5, 1], ['IBM', 700, 2]);
    a.advance(1_000);
    assert.deepEqual(a.flat(), [['C', T0 + 1000, 'WSO2', 760.5]]);
  });

  test('int keys hash to themselves; keys of one bucket keep their arrival order', () => {
    const a = app(CSE + 'from cseEventStream#window.unique:lengthBatch(volume, 4) select volume insert into O;');
    // Buckets of a 16-slot table: 20 -> 4, 3 -> 3, 17 -> 1, 1 -> 1 (after 17).
    a.send('cseEventStream', ['a', 1, 20], ['b', 1, 3], ['c', 1, 17], ['d', 1, 1]);
    assert.deepEqual(
      a.flat().map((o) => o[2]),
      [17, 1, 3, 20],
    );
  });

  test('the table doubles past 12 keys and keeps its size for the batches after', () => {
    const a = app(
      CSE + 'from cseEventStream#window.unique:timeBatch(volume, 1 sec) select volume insert all events into O;',
    );
    const first = [20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    a.send('cseEventStream', ...first.map((v) => ['s', 1, v]));
    a.advance(1_000);
    // 13 keys: 32 slots, so 20 no longer shares bucket 4 with 4.
    assert.deepEqual(
      a.flat().map((o) => o[2]),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20],
    );
    a.send('cseEventStream', ['s', 1, 20], ['s', 1, 4]);
    a.advance(1_000);
    // Still 32 slots (16 would put both in bucket 4, in arrival order): the expired batch, then 4, 20.
    assert.deepEqual(
      a.take().map((c) => c.map((o) => `${o[0]}${o[2]}`)),
      [['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9', 'E10', 'E11', 'E12', 'E20', 'C4', 'C20']],
    );
  });
});

describe('javaHashOf: the hashCode of a key as Java boxes it', () => {
  test('string, int, long, float, double, bool and null', () => {
    assert.equal(javaHashOf('string')('Aa'), 2112);
    assert.equal(javaHashOf('string')('BB'), 2112);
    assert.equal(javaHashOf('int')(-7), -7);
    assert.equal(javaHashOf('long')(2 ** 32 + 5), 4);
    assert.equal(javaHashOf('long')(-1), 0);
    assert.equal(javaHashOf('float')(1), 0x3f800000);
    assert.equal(javaHashOf('double')(1), 0x3ff00000);
    assert.equal(javaHashOf('double')(-0), -0x80000000);
    assert.equal(javaHashOf('bool')(true), 1231);
    assert.equal(javaHashOf('bool')(false), 1237);
    assert.equal(javaHashOf('string')(null), 0);
  });
});

describe('unique:externalTimeBatch', () => {
  test('emits the latest event per key of a period when a later period starts, stamped with event time', () => {
    const a = app(
      'define stream S (ts long, ip string, v int);\nfrom S#window.unique:externalTimeBatch(ip, ts, 1 sec) select ip, v insert all events into O;',
    );
    a.send('S', [10_000, 'x', 1], [10_200, 'y', 2], [10_900, 'x', 3], [11_000, 'z', 4], [12_500, 'x', 5]);
    assert.deepEqual(a.take(), [
      [
        ['C', T0, 'x', 3],
        ['C', T0, 'y', 2],
      ],
      [
        ['E', 12_500, 'x', 3],
        ['E', 12_500, 'y', 2],
        ['C', T0, 'z', 4],
      ],
    ]);
  });

  test('a timeout emits the running batch; late events of that period come again with it', () => {
    const a = app(
      'define stream S (ts long, ip string, v int);\nfrom S#window.unique:externalTimeBatch(ip, ts, 1 sec, 0, 2 sec) select ip, v insert all events into O;',
    );
    a.send('S', [10_000, 'x', 1]);
    a.advance(2_000); // the timeout: x goes out
    a.send('S', [10_500, 'y', 2], [10_600, 'x', 3]);
    a.send('S', [11_000, 'z', 4]); // a later period: the early part again, with the late part
    assert.deepEqual(
      a.take().map((c) => c.map((o) => `${o[0]}${o[3]}`)),
      [['C1'], ['E1', 'C3', 'C2']],
    );
  });
});

describe('unique:deduplicate', () => {
  test('drops a key repeated within the interval of its first event (the doc example)', () => {
    const a = app(
      'define stream TemperatureStream (sensorId string, temperature double);\n' +
        'from TemperatureStream#unique:deduplicate(sensorId, 30 sec) select * insert into O;',
    );
    a.send('TemperatureStream', ['s1', 20.0], ['s2', 21.0], ['s1', 22.0]);
    a.advance(20_000);
    a.send('TemperatureStream', ['s1', 23.0]); // 20 s after s1's first: dropped
    a.advance(10_000);
    a.send('TemperatureStream', ['s1', 24.0]); // exactly 30 s: still dropped
    a.advance(1);
    a.send('TemperatureStream', ['s1', 25.0], ['s2', 26.0]); // past 30 s: let through
    assert.deepEqual(
      a.flat().map((o) => o.slice(2)),
      [
        ['s1', 20.0],
        ['s2', 21.0],
        ['s1', 25.0],
        ['s2', 26.0],
      ],
    );
  });
});

describe('unique windows in joins and named windows', () => {
  test('a request joined with unique:ever gets the latest price of its symbol', () => {
    const a = app(
      'define stream StockStream (symbol string, price float);\ndefine stream PriceRequestStream (symbol string);\n' +
        'from StockStream#window.unique:ever(symbol) as s join PriceRequestStream as p on s.symbol == p.symbol ' +
        'select s.symbol as symbol, s.price as price insert into O;',
    );
    a.send('StockStream', ['IBM', 10], ['WSO2', 20], ['IBM', 30]);
    a.send('PriceRequestStream', ['IBM'], ['ORCL'], ['WSO2']);
    assert.deepEqual(a.flat(), [
      ['C', T0, 'IBM', 30],
      ['C', T0, 'WSO2', 20],
    ]);
  });

  test('joins read unique:ever and unique:first in the order of the ConcurrentHashMap of the key text', () => {
    for (const win of ['ever', 'first']) {
      const a = app(
        'define stream Tweets (user string, company string);\ndefine stream Asks (company string);\n' +
          `from Tweets#window.unique:${win}(user) as t join Asks as q on t.company == q.company ` +
          'select t.user as user insert into O;',
      );
      // "User2" hashes to bucket 4 of the 16-slot table, "User1" to bucket 5: User2 is met first.
      a.send('Tweets', ['User1', 'WSO2'], ['User2', 'WSO2']);
      a.send('Asks', ['WSO2']);
      assert.deepEqual(
        a.flat().map((o) => o[2]),
        ['User2', 'User1'],
        win,
      );
    }
  });

  test('an on-demand query reads unique:ever in that order too, double keys by their Java text', () => {
    const a = app(
      'define stream S (k double, v int);\ndefine window W (k double, v int) unique:ever(k);\nfrom S insert into W;\n' +
        'from W select k insert into O;',
    );
    // Java prints the doubles "11.0" and "2.0", in buckets 5 and 4 (as "11" and "2" they would be in 0 and 2).
    a.send('S', [11, 1], [2, 2]);
    assert.deepEqual(a.r.query('from W select k, v'), [
      [2, 2],
      [11, 1],
    ]);
  });

  test('define window W (...) unique:length(...): its output, joins and on-demand queries', () => {
    const a = app(
      'define stream S (symbol string, price double);\ndefine stream Q (symbol string);\n' +
        'define window W (symbol string, price double) unique:length(symbol, 2) output all events;\n' +
        'from S insert into W;\n' +
        'from W select symbol, price insert all events into O;\n' +
        'from Q join W on Q.symbol == W.symbol select W.symbol, W.price insert into J;',
    );
    const joined: unknown[][] = [];
    a.r.addStreamCallback('J', (events) => joined.push(...events.map((e) => e.data)));
    a.send('S', ['a', 1], ['b', 2], ['a', 3], ['c', 4]);
    a.send('Q', ['a'], ['b'], ['c']);
    assert.deepEqual(a.flat(), [
      ['C', T0, 'a', 1],
      ['C', T0, 'b', 2],
      ['E', T0, 'a', 1],
      ['C', T0, 'a', 3],
      ['E', T0, 'b', 2],
      ['C', T0, 'c', 4],
    ]);
    assert.deepEqual(joined, [
      ['a', 3],
      ['c', 4],
    ]);
    assert.deepEqual(a.r.query('from W select symbol, price'), [
      ['a', 3],
      ['c', 4],
    ]);
  });
});

describe('unique windows: snapshot and restore', () => {
  const cases: [string, string][] = [
    ['unique:length', 'from S#window.unique:length(k, 2) select k, v insert all events into O;'],
    ['unique:ever', 'from S#window.unique:ever(k) select k, v insert all events into O;'],
    ['unique:first', 'from S#window.unique:first(k) select k, v insert all events into O;'],
    ['unique:time', 'from S#window.unique:time(k, 250) select k, v insert all events into O;'],
    ['unique:lengthBatch', 'from S#window.unique:lengthBatch(k, 2) select k, v insert all events into O;'],
    ['unique:firstLengthBatch', 'from S#window.unique:firstLengthBatch(k, 2) select k, v insert all events into O;'],
    ['unique:timeBatch', 'from S#window.unique:timeBatch(k, 250) select k, v insert all events into O;'],
    ['unique:firstTimeBatch', 'from S#window.unique:firstTimeBatch(k, 250) select k, v insert all events into O;'],
    ['unique:timeLengthBatch', 'from S#window.unique:timeLengthBatch(k, 250, 2) select k, v insert all events into O;'],
    [
      'unique:externalTimeBatch',
      'from S#window.unique:externalTimeBatch(k, ts, 250, 0, 300) select k, v insert all events into O;',
    ],
    ['unique:deduplicate', 'from S#unique:deduplicate(k, 250) select k, v insert all events into O;'],
  ];
  const keys = ['a', 'b', 'a', 'c', 'b', 'b', 'd', 'a', 'e', 'a', 'c', 'f'];
  /** Sends keys[from, to), 100 ms apart. */
  function feed(a: App, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      a.send('S', [T0 + i * 100, keys[i], i]);
      a.advance(100);
    }
  }
  for (const [name, query] of cases) {
    test(`${name}: a restored app continues as an uninterrupted one`, async () => {
      const text = "@app:name('UniqueRestore')\ndefine stream S (ts long, k string, v int);\n" + query;
      const whole = app(text);
      feed(whole, 0, keys.length);
      whole.advance(1_000);
      const expected = whole.flat();

      const first = app(text);
      feed(first, 0, 5);
      const before = first.flat();
      const bytes = first.r.snapshot();
      await first.r.shutdown();
      const m = new SiddhiManager({ clock: 'virtual', startTime: T0 + 500, logger: memoryLogger() });
      const second = app(text, m);
      second.r.restore(bytes);
      feed(second, 5, keys.length);
      second.advance(1_000);
      assert.ok(expected.length > 4, 'the run emits enough to compare');
      assert.deepEqual([...before, ...second.flat()], expected);
      await whole.r.shutdown();
      await second.r.shutdown();
    });
  }
});

describe('unique:deduplicate on the input of an aggregation', () => {
  test('its state is in the snapshot: a duplicate after a restore is still dropped', async () => {
    const text = `@app:name('DedupAgg')
define stream S (k string, v long);
define aggregation A from S#unique:deduplicate(k, 1 sec) select k, sum(v) as total group by k aggregate every sec;`;
    const totals = (r: SiddhiAppRuntime): unknown[][] =>
      r.query("from A within 0L, 100000L per 'seconds' select k, total order by k");
    const m1 = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() });
    const first = m1.createSiddhiAppRuntime(text);
    first.start();
    first.getInputHandler('S').send(T0, ['a', 1]);
    const bytes = first.snapshot();
    await first.shutdown();
    const m2 = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() });
    const second = m2.createSiddhiAppRuntime(text);
    second.start();
    second.restore(bytes);
    const h = second.getInputHandler('S');
    h.send(T0 + 100, ['a', 2]); // within a second of the first 'a': a duplicate
    h.send(T0 + 200, ['b', 5]);
    assert.deepEqual(totals(second), [
      ['a', 1],
      ['b', 5],
    ]);
    await second.shutdown();
  });
});

describe('unique windows: argument errors at app creation', () => {
  const bad: [string, RegExp][] = [
    [
      'from S#window.unique:length(k, v) select * insert into O;',
      /Invalid SiddhiQL app: 2:32 argument 2 \('window\.length'\) of window 'unique:length' must be a constant/,
    ],
    ['from S#window.unique:length(k, 2.5) select * insert into O;', /2:\d+ .*window\.length.*int/],
    ['from S#window.unique:length(k) select * insert into O;', /2:\d+ .*unique:length/],
    ['from S#window.unique:time(k, v) select * insert into O;', /2:\d+ .*window\.time.*constant/],
    ["from S#window.unique:timeBatch(k, 'x') select * insert into O;", /2:\d+ .*window\.time/],
    ['from S#window.unique:externalTimeBatch(k, v, 1 sec) select * insert into O;', /2:\d+ .*time\.stamp.*long/],
    ['from S#window.unique:timeLengthBatch(k, 1 sec, v) select * insert into O;', /2:\d+ .*window\.length/],
    ['from S#unique:deduplicate(k, v) select * insert into O;', /2:\d+ .*time\.interval.*constant/],
    ['from S#window.unique:length(k, 0) select * insert into O;', /window\.length must be positive/],
  ];
  for (const [query, message] of bad) {
    test(query, () => {
      const m = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() });
      assert.throws(() => m.createSiddhiAppRuntime('define stream S (ts long, k string, v int);\n' + query), message);
    });
  }
});
