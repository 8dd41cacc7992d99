import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { defaultProducerId, streamCommand, type StreamOptions } from '../../src/cli/commands/stream.js';
import { ADMIN, startHarness, storeQuery, tempDir, type Harness } from '../server/server-harness.js';

const APP = `@app:name('Load')
define stream Rows (id int, name string, value double, ok bool);
define table T (id int, name string, value double, ok bool, ts long);
from Rows select id, name, value, ok, eventTimestamp() as ts insert into T;
`;

interface Run {
  code: number;
  out: string;
  err: string;
}

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

async function run(file: string, opts: Partial<StreamOptions>): Promise<Run> {
  const out = sink();
  const err = sink();
  const code = await streamCommand(
    file,
    { app: 'Load', stream: 'Rows', user: ADMIN.user, password: ADMIN.password, retryDelay: '1', ...opts },
    { out: out.stream, err: err.stream, env: {} },
  );
  return { code, out: out.text(), err: err.text() };
}

describe('tributary stream', () => {
  let h: Harness;
  let dir: string;
  before(async () => {
    h = await startHarness();
    dir = tempDir('stream');
    assert.equal((await h.request('POST', '/siddhi-apps', { body: APP })).status, 201);
  });
  after(async () => h.close());

  const rows = (): Promise<unknown[][]> => storeQuery(h, 'Load', 'from T select id, name, value, ok order by id');
  const clear = (): Promise<unknown> =>
    h.request('POST', '/stores/query', { body: { appName: 'Load', query: 'delete T on id >= 0' } });
  /** The run stopped at a bad line, with the --resume hint, after rows 1 and 2 were applied (then clears). */
  const assertStoppedAfterTwo = async (r: Run, message: string): Promise<void> => {
    assert.equal(r.code, 1);
    assert.equal(
      r.err,
      `tributary stream: ${message}; the batches before it are in the server: fix it and re-run with --resume\n`,
    );
    assert.deepEqual(
      (await rows()).map((x) => x[0]),
      [1, 2],
    );
    await clear();
  };

  test('a CSV file with a header: every row in the table once, values converted by the server', async () => {
    const file = join(dir, 'rows.csv');
    const lines = ['id,name,value,ok'];
    for (let i = 1; i <= 10; i++) lines.push(`${i},"name, ${i}",${i}.5,${i % 2 === 0}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await run(file, { server: h.url, header: true, batch: '3', producer: 'csv-1' });
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^streamed 10 events in 4 batches into Load\/Rows in \d+\.\d\d s \([\d,]+ events\/s\): 0 duplicate batches, 0 retries; producer csv-1\n$/,
    );
    assert.equal(r.err, '', 'no progress bar when stderr is not a TTY');
    assert.deepEqual(
      await rows(),
      Array.from({ length: 10 }, (_, k) => [k + 1, `name, ${k + 1}`, k + 1.5, (k + 1) % 2 === 0]),
    );
    await clear();
  });

  test("a CSV header in another order: columns are matched to the stream's attributes by name", async () => {
    const file = join(dir, 'reordered.csv');
    writeFileSync(file, '\uFEFFok, value ,id,name\ntrue,1.5,1,a\nfalse,2.5,2,b\n');
    const r = await run(file, { server: h.url, header: true, producer: 'reordered-1' });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(await rows(), [
      [1, 'a', 1.5, true],
      [2, 'b', 2.5, false],
    ]);
    await clear();
  });

  test('a CSV header that does not match the stream: exit 1 before anything is sent', async () => {
    const has = '(stream Rows has id, name, value, ok)';
    const cases: [string, string][] = [
      [
        'id,name,value,ok,extra\n1,a,1,true,x\n',
        `header column 'extra' is not an attribute of the stream ${has}; rename or remove the column`,
      ],
      ['id,name,value\n1,a,1\n', `the header has no column for 'ok' ${has}`],
      ['id,name,id,ok\n1,a,1,true\n', "the header names column 'id' twice"],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      const file = join(dir, `header-${i}.csv`);
      writeFileSync(file, text);
      const r = await run(file, { server: h.url, header: true, producer: `header-${i}` });
      assert.equal(r.code, 1, text);
      assert.equal(r.err, `tributary stream: ${file}:1: ${message}\n`);
    }
    assert.deepEqual(await rows(), []);
  });

  test('a CSV row with more or fewer values than the header: exit 1 at its line, after the batches before it', async () => {
    const file = join(dir, 'short-row.csv');
    writeFileSync(file, 'id,name,value,ok\n1,a,1,true\n2,b,2,true\n3,c,3\n');
    const r = await run(file, { server: h.url, header: true, batch: '1', concurrency: '1', producer: 'short-1' });
    await assertStoppedAfterTwo(r, `${file}:4: 3 values, the header has 4 columns`);
  });

  test("GET /siddhi-apps/{app}/streams/{stream} lists the stream's attributes", async () => {
    const res = await h.request('GET', '/siddhi-apps/Load/streams/Rows');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, {
      app: 'Load',
      stream: 'Rows',
      attributes: [
        { name: 'id', type: 'int' },
        { name: 'name', type: 'string' },
        { name: 'value', type: 'double' },
        { name: 'ok', type: 'bool' },
      ],
    });
    assert.equal((await h.request('GET', '/siddhi-apps/Load/streams/Nope')).status, 404);
  });

  test('a JSON-lines file of arrays and {timestamp, data} objects', async () => {
    const file = join(dir, 'rows.jsonl');
    writeFileSync(
      file,
      '[1, "a", 1.25, true]\n\n{"timestamp": 1700000000000, "data": [2, "b", 2.5, false]}\n{"data": ["3", "c", "3.75", "true"]}\n',
    );
    const r = await run(file, { server: h.url, producer: 'jsonl-1' });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^streamed 3 events in 1 batches/);
    assert.deepEqual(await rows(), [
      [1, 'a', 1.25, true],
      [2, 'b', 2.5, false],
      [3, 'c', 3.75, true],
    ]);
    assert.deepEqual(await storeQuery(h, 'Load', 'from T on id == 2 select ts'), [[1_700_000_000_000]]);
    await clear();
  });

  test('a re-run is refused without --resume; with it only the events appended since are sent', async () => {
    const file = join(dir, 'grow.csv');
    writeFileSync(file, '1,a,1,true\n2,b,2,true\n3,c,3,true\n');
    const first = await run(file, { server: h.url, batch: '2' });
    assert.equal(first.code, 0, first.err);
    const producer = defaultProducerId(file, 'Load', 'Rows');
    assert.match(first.out, new RegExp(`producer ${producer}\\n$`));
    const again = await run(file, { server: h.url, batch: '2' });
    assert.equal(again.code, 1);
    assert.equal(
      again.err,
      `tributary stream: producer '${producer}' already delivered 2 batches (3 events) into Load/Rows; ` +
        'pass --resume to send the rest of the file, or --producer <new id> to send it all again\n',
    );
    appendFileSync(file, '4,d,4,true\n5,e,5,true\n');
    // Another batch size: resuming goes by events, not batch numbers.
    const resumed = await run(file, { server: h.url, batch: '5', resume: true });
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.out, /^streamed 2 events in 1 batches .*, 3 events skipped \(already delivered\); /);
    assert.deepEqual(
      (await rows()).map((r) => r[0]),
      [1, 2, 3, 4, 5],
    );
    await clear();
  });

  test('a bad event: exit 1 naming the file line; the batches before it are in, nothing of its batch', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, '1,a,1,true\n2,b,2,true\n3,c,cheap,true\n4,d,4,true\n');
    const r = await run(file, { server: h.url, batch: '2', concurrency: '1', producer: 'bad-1' });
    await assertStoppedAfterTwo(
      r,
      `${file}:3: the server refused (400): events[0]: attribute 'value' is double; "cheap" is not a double`,
    );
  });

  test('refused without credentials or with a wrong password (exit 1, no retries)', async () => {
    const file = join(dir, 'auth.csv');
    writeFileSync(file, '1,a,1,true\n');
    const none = await run(file, { server: h.url, user: undefined, password: undefined });
    assert.equal(none.code, 1);
    assert.match(none.err, /^tributary stream: the server refused \(401\): /);
    const wrong = await run(file, { server: h.url, password: 'nope' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /\(401\)/);
    const half = await run(file, { server: h.url, password: undefined });
    assert.equal(
      half.err,
      'tributary stream: give both --user and --password (or TRIBUTARY_USER / TRIBUTARY_PASSWORD), or --token\n',
    );
    assert.deepEqual(await rows(), []);
  });

  test('the example: examples/streamer/trades.csv into examples/streamer/trades.siddhi', async () => {
    const app = readFileSync('examples/streamer/trades.siddhi', 'utf8');
    assert.equal((await h.request('POST', '/siddhi-apps', { body: app })).status, 201);
    const csv = 'examples/streamer/trades.csv';
    const r = await run(csv, { app: 'Trades', stream: 'Trades', server: h.url, header: true, producer: 'example' });
    assert.equal(r.code, 0, r.err);
    const trades = readFileSync(csv, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .map(([s, p, v]) => [s!, Number(p), Number(v)] as const);
    assert.equal(trades.length, 40);
    assert.deepEqual(await storeQuery(h, 'Trades', 'from AllTrades select *'), trades);
    const latest = new Map(trades.map((t) => [t[0], t]));
    assert.deepEqual(
      await storeQuery(h, 'Trades', 'from Latest select * order by symbol'),
      [...latest.values()].sort((a, b) => a[0].localeCompare(b[0])),
    );
  });

  test('a server that answers 503 or drops the connection for some batches: every event exactly once', async () => {
    const flaky = await flakyProxy(h.url);
    try {
      const file = join(dir, 'flaky.csv');
      const n = 300;
      writeFileSync(file, Array.from({ length: n }, (_, i) => `${i},n${i},${i},true`).join('\n') + '\n');
      const r = await run(file, { server: flaky.url, batch: '7', concurrency: '4', producer: 'flaky-1' });
      assert.equal(r.code, 0, r.err);
      const m = /in (\d+) batches .*: (\d+) duplicate batches, (\d+) retries;/.exec(r.out);
      assert.ok(m, r.out);
      assert.equal(Number(m[1]), Math.ceil(n / 7));
      assert.ok(Number(m[2]) > 0, `some replies were lost, so some batches came back as duplicates: ${r.out}`);
      assert.ok(Number(m[3]) >= flaky.refused + flaky.dropped, r.out);
      assert.ok(flaky.refused > 0 && flaky.dropped > 0);
      const ids = (await rows()).map((x) => x[0]);
      assert.deepEqual(
        ids,
        Array.from({ length: n }, (_, i) => i),
      );
      // In order, too: the table's insertion order is the file's.
      assert.deepEqual(
        (await storeQuery(h, 'Load', 'from T select id')).map((x) => x[0]),
        ids,
      );
    } finally {
      await flaky.close();
      await clear();
    }
  });
});

/**
 * Forwards to the server, but answers every 3rd batch POST with 503 (not forwarded) and drops the
 * connection after forwarding every 5th (the server applied it; the client never hears).
 */
async function flakyProxy(target: string): Promise<{
  url: string;
  readonly refused: number;
  readonly dropped: number;
  close: () => Promise<void>;
}> {
  let posts = 0;
  const stats = { refused: 0, dropped: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const isBatch = req.method === 'POST';
      const n = isBatch ? ++posts : 0;
      if (isBatch && n % 3 === 0) {
        stats.refused++;
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"type":"error","message":"busy"}');
        return;
      }
      const headers: Record<string, string> = {};
      for (const k of ['authorization', 'content-type']) if (req.headers[k]) headers[k] = String(req.headers[k]);
      void fetch(target + req.url, {
        method: req.method!,
        headers,
        ...(isBatch ? { body: Buffer.concat(chunks) } : {}),
      }).then(async (up) => {
        const body = await up.text();
        if (isBatch && n % 5 === 0) {
          stats.dropped++;
          req.socket.destroy();
          return;
        }
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
        res.end(body);
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get refused() {
      return stats.refused;
    },
    get dropped() {
      return stats.dropped;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
