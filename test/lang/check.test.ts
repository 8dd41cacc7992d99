import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expression } from '../../src/lang/ast.js';
import { checkOnDemandQuery, compareError, resultType } from '../../src/lang/check/index.js';
import { parseOnDemandQuery } from '../../src/lang/parser/index.js';
import { check, errorsOf, show, testCatalog } from './check-helpers.js';

const S = 'define stream S (symbol string, price float, volume long);\n';
const U = 'define stream U (symbol string, qty int);\n';

describe('checker: names', () => {
  test('unknown stream in from', () => {
    assert.deepEqual(errorsOf(S + 'from T select * insert into O;'), [
      "2:6 unknown stream, table, window or aggregation 'T': define it ('define stream T (...)') or fix the name",
    ]);
  });
  test('unknown attribute lists the candidates', () => {
    assert.deepEqual(errorsOf(S + 'from S select symbl insert into O;'), [
      "2:15 unknown attribute 'symbl' in 'S': expected one of symbol, price, volume; check the spelling or add it to the definition",
    ]);
  });
  test('ambiguous attribute in a join', () => {
    const app =
      S + U + 'from S#window.length(2) join U#window.length(2) on S.symbol == U.symbol select symbol insert into O;';
    assert.deepEqual(errorsOf(app), [
      "3:80 ambiguous attribute 'symbol': more than one input has it; qualify it as 'S.symbol' or 'U.symbol'",
    ]);
  });
  test('an aliased join side is visible only by its alias', () => {
    const app = S + U + 'from S as a join U as b on a.symbol == b.symbol select a.symbol, U.qty insert into O;';
    assert.deepEqual(errorsOf(app), [
      "3:66 unknown stream 'U' in 'U.qty': expected 'a', 'b'; use the alias or event reference the query gives its input",
    ]);
  });
  test('unknown event reference in a pattern', () => {
    assert.deepEqual(errorsOf(S + 'from e1=S -> e2=S[price > e1.price] select e3.price as p insert into O;'), [
      "2:44 unknown stream or event reference 'e3' in 'e3.price': expected 'e1', 'e2'; use the alias or event reference the query gives its input",
    ]);
  });
  test('an index beyond the first event on a non-counting reference', () => {
    assert.deepEqual(errorsOf(S + 'from e1=S -> e2=S[price > e1[1].price] select e1.price as p insert into O;'), [
      "2:27 'e1[1]' indexes a state that matches one event: only counting states ('e1=S<2:5>', 'e1=S+') collect several; use 'e1.price'",
    ]);
  });
  test('pattern scoping: unqualified names in a state filter are that state; counting refs take indexes', () => {
    const r = check(
      U +
        S +
        'from every e1=S[price > 10]<2:3> -> e2=U[qty > e1[0].price and symbol == e1[last].symbol] select e1[0].price as p, e2.qty as q insert into O;',
    );
    assert.deepEqual(r.diagnostics.map(show), []);
    assert.deepEqual(r.queries[0]?.output, [
      { name: 'p', type: 'float' },
      { name: 'q', type: 'int' },
    ]);
  });
  test('unknown inner stream outside its partition', () => {
    const app =
      S +
      'partition with (symbol of S) begin from S select symbol insert into #I; end;\npartition with (symbol of S) begin from #I select * insert into O; end;';
    assert.deepEqual(errorsOf(app), [
      "3:41 unknown inner stream '#I': inner streams are defined by an 'insert into #I' in the same partition",
    ]);
  });
  test('unknown partitioned stream', () => {
    assert.deepEqual(errorsOf(S + 'partition with (symbol of X) begin from S select * insert into O; end;'), [
      "2:17 unknown stream 'X' in 'partition with': define it ('define stream X (...)') or fix the name",
    ]);
  });
  test('a table cannot be the input of a query', () => {
    assert.deepEqual(errorsOf('define table T (symbol string);\nfrom T select * insert into O;'), [
      "2:6 table 'T' cannot be the input of a query: it produces no events; join it with a stream ('from S join T on ...') or read it with an on-demand query",
    ]);
  });
  test('delete from an unknown table', () => {
    assert.deepEqual(errorsOf(S + 'from S delete O on O.symbol == symbol;'), [
      "2:8 unknown table 'O' in 'delete O': define it with 'define table O (...)'",
    ]);
  });
  test('update a stream', () => {
    assert.deepEqual(errorsOf(S + U + 'from S update U on U.symbol == symbol;'), [
      "3:8 'update' can only be used with tables, but 'U' is a stream",
    ]);
  });
});

describe('checker: anonymous inner queries', () => {
  test('are reported where they start, with no follow-on errors in the outer query', () => {
    assert.deepEqual(errorsOf(S + 'from (from S select symbol return) select symbol, whatever insert into O;'), [
      "2:6 anonymous inner queries ('from (from ... return)') cannot run: insert the inner query's output into a stream ('insert into S') and read that stream in the outer query",
    ]);
  });
});

describe('checker: definitions and outputs', () => {
  test('a reused id with another schema', () => {
    assert.deepEqual(errorsOf(S + 'define stream S (symbol string, price double);'), [
      "2:1 'S' is already defined as a stream (symbol string, price float, volume long); a stream cannot reuse the id with another schema: rename one of them",
    ]);
  });
  test('an identical redefinition of a stream is accepted', () => {
    assert.deepEqual(errorsOf(S + S + 'from S select * insert into O;'), []);
  });
  test('a stream and a table with one id', () => {
    assert.deepEqual(errorsOf(S + 'define table S (symbol string, price float, volume long);'), [
      "2:1 'S' is already defined as a stream (symbol string, price float, volume long); a table cannot reuse the id: rename one of them",
    ]);
  });
  test('insert into a stream with another schema', () => {
    assert.deepEqual(
      errorsOf(S + 'define stream O (symbol string, price double);\nfrom S select symbol, price insert into O;'),
      [
        "3:29 the query outputs (symbol string, price float) but stream 'O' is defined as (symbol string, price double); select the same attributes (names, order and types) or insert into another stream",
      ],
    );
  });
  test('insert into a table with other columns', () => {
    assert.deepEqual(
      errorsOf(S + 'define table T (symbol string, price float);\nfrom S select symbol, volume insert into T;'),
      [
        "3:30 the query outputs (symbol string, volume long) but table 'T' is defined as (symbol string, price float); select the same attributes (names, order and types) or insert into another table",
      ],
    );
  });
  test('update or insert into a table needs all of its columns; update alone takes a subset', () => {
    const T = S + 'define table T (symbol string, price float, volume long);\n';
    assert.deepEqual(errorsOf(T + 'from S select symbol, volume update or insert into T on T.symbol == symbol;'), [
      "3:30 'update or insert into T' outputs (symbol string, volume long) but table 'T' is defined as (symbol string, price float, volume long); select all of the table's attributes in its order, since unmatched events are inserted as rows",
    ]);
    assert.deepEqual(errorsOf(T + 'from S select symbol, volume update T on T.symbol == symbol;'), []);
    assert.deepEqual(errorsOf(T + 'from S update or insert into T set T.price = price on T.symbol == symbol;'), []);
  });
  test('@PrimaryKey naming an unknown attribute', () => {
    assert.deepEqual(errorsOf("@PrimaryKey('sym') define table T (symbol string, price float);"), [
      "1:13 @PrimaryKey names 'sym', which is not an attribute of table 'T': expected one of symbol, price",
    ]);
  });
  test('two @PrimaryKey annotations', () => {
    assert.deepEqual(
      errorsOf("@PrimaryKey('symbol') @PrimaryKey('price') define table T (symbol string, price float);"),
      ["1:23 table 'T' has more than one @PrimaryKey: list every key column in one @PrimaryKey('a', 'b')"],
    );
  });
  test('@app:async is refused: @async belongs on streams', () => {
    assert.deepEqual(errorsOf('@app:async define stream S (a int);'), [
      "1:1 @app:async is not supported on the app: put @async(buffer.size='...') on the streams to process asynchronously",
    ]);
    assert.deepEqual(errorsOf("@async(buffer.size='8') define stream S (a int);"), []);
  });
  test('@async workers and batch.size.max must be positive whole numbers', () => {
    assert.deepEqual(errorsOf("@async(buffer.size='8', workers='0', batch.size.max='-1') define stream S (a int);"), [
      "1:25 @async 'workers' of stream 'S' must be greater than zero, but found '0'",
      "1:38 @async 'batch.size.max' of stream 'S' must be greater than zero, but found '-1'",
    ]);
    assert.deepEqual(errorsOf("@async(buffer.size='big') define stream S (a int);"), [
      "1:8 @async 'buffer.size' of stream 'S' must be a whole number, but found 'big'",
    ]);
    assert.deepEqual(
      errorsOf("@async(buffer.size='16', workers='2', batch.size.max='25') define stream S (a int);"),
      [],
    );
  });
  test('@Index with two attributes, and the same attribute indexed twice', () => {
    assert.deepEqual(errorsOf("@Index('symbol', 'price') define table T (symbol string, price float);"), [
      "1:1 @Index of table 'T' must name exactly one attribute, but found 2; to index several attributes write one @Index('attribute') per attribute",
    ]);
    assert.deepEqual(errorsOf("@Index('symbol') @Index('symbol') define table T (symbol string, price float);"), [
      "1:18 attribute 'symbol' of table 'T' is indexed twice; remove one @Index('symbol')",
    ]);
    assert.deepEqual(errorsOf("@Index('symbol') @Index('price') define table T (symbol string, price float);"), []);
  });
  test("store tables: comma-separated key attributes and multi-attribute @Index are the store's to use", () => {
    const store = "@store(type = 'rdbms') ";
    assert.deepEqual(
      errorsOf(
        store + "@PrimaryKey('symbol, price') @Index('symbol', 'price') define table T (symbol string, price float);",
      ),
      [],
    );
    assert.deepEqual(errorsOf(store + "@PrimaryKey('symbol, prize') define table T (symbol string, price float);"), [
      "1:36 @PrimaryKey names 'prize', which is not an attribute of table 'T': expected one of symbol, price",
    ]);
    assert.deepEqual(errorsOf("@PrimaryKey('symbol, price') define table T (symbol string, price float);"), [
      "1:13 @PrimaryKey names 'symbol, price', which is not an attribute of table 'T': expected one of symbol, price",
    ]);
  });
  test('duplicate output attribute', () => {
    assert.deepEqual(errorsOf(S + 'from S select symbol, price as symbol insert into O;'), [
      "2:23 'symbol' is already defined as an output attribute of this select; rename one with 'as'",
    ]);
  });
  test('select * over a join yields an attribute twice', () => {
    assert.deepEqual(
      errorsOf(
        S + 'define stream V (symbol string);\nfrom S#window.length(1) join V#window.length(1) select * insert into O;',
      ),
      [
        "3:49 'select *' yields attribute 'symbol' twice (more than one input has it); select and rename the attributes explicitly, e.g. 'V.symbol as V_symbol'",
      ],
    );
  });
  test('group by an unknown attribute; order by and having see the output', () => {
    assert.deepEqual(
      errorsOf(S + 'from S#window.length(2) select symbol, sum(price) as t group by sym insert into O;'),
      [
        "2:65 unknown attribute 'sym' in 'S': expected one of symbol, price, volume; check the spelling or add it to the definition",
      ],
    );
    assert.deepEqual(
      errorsOf(S + 'from S#window.length(2) select symbol, sum(price) as t having volume > 2 insert into O;'),
      [
        "2:63 unknown attribute 'volume' in the select's output (having and order by see only the selected attributes): expected one of symbol, t; check the spelling or add it to the definition",
      ],
    );
    assert.deepEqual(
      errorsOf(
        S + 'from S#window.length(2) select symbol, sum(price) as t having t > 2 order by t desc insert into O;',
      ),
      [],
    );
  });
  test('negative limit', () => {
    assert.deepEqual(errorsOf(S + 'from S select * limit -1 insert into O;'), [
      "2:23 'limit' cannot be negative, but found -1; use 0 or more",
    ]);
  });
  test('range partition condition must be bool', () => {
    assert.deepEqual(
      errorsOf(S + "partition with (price as 'a' or price > 10 as 'b' of S) begin from S select * insert into O; end;"),
      ["2:17 the range condition of partition label 'a' must be bool, but found float"],
    );
  });
  test('joins: two tables; within without an aggregation; a bad per', () => {
    assert.deepEqual(
      errorsOf('define table T (a int); define table V (b int);\nfrom T join V select * insert into O;'),
      [
        "2:6 both inputs of the join, 'T' and 'V', are tables: nothing would trigger it; join one of them with a stream or window",
      ],
    );
    assert.deepEqual(
      errorsOf(
        S +
          "define stream V (a int);\nfrom S#window.length(1) join V#window.length(1) within 1000, 2000 per 'seconds' select symbol insert into O;",
      ),
      ["3:49 'within' applies only when joining an aggregation, and neither 'S' nor 'V' is one; remove it"],
    );
    const agg =
      S +
      "define aggregation A from S select symbol, sum(price) as t group by symbol aggregate every sec ... min;\ndefine stream Q (x int);\nfrom Q join A within '2020-**-** **:**:**' per 'test' select * insert into O2;";
    assert.deepEqual(errorsOf(agg), [
      "4:48 'per' must be one of 'seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years', but found 'test'",
    ]);
  });
});

describe('checker: types', () => {
  test('filter, and, not need bool', () => {
    assert.deepEqual(errorsOf(S + 'from S[price] select * insert into O;'), [
      "2:8 the filter condition of 'S' must be bool, but found float; compare it, e.g. '[x > 0]'",
    ]);
    assert.deepEqual(errorsOf(S + 'from S[volume > 5 and price] select * insert into O;'), [
      "2:23 the right operand of 'and' must be bool, but found float; compare it, e.g. 'x > 0'",
    ]);
    assert.deepEqual(errorsOf(S + 'from S[not price] select * insert into O;'), [
      "2:12 operand of not must be bool, but found float; compare it, e.g. 'x == true'",
    ]);
  });
  test('+ on strings is not concatenation', () => {
    assert.deepEqual(errorsOf(S + "from S select symbol + 'x' as t insert into O;"), [
      "2:15 arithmetic '+' needs numbers (int, long, float, double), but found string and string; to join strings use str:concat(a, b)",
    ]);
  });
  test('comparing a number with a string, and ordering strings', () => {
    assert.deepEqual(errorsOf(S + "from S[price == 'WS'] select * insert into O;"), [
      "2:8 cannot compare with '==': float cannot be compared with string; convert one side, e.g. with convert(x, 'double')",
    ]);
    assert.deepEqual(errorsOf(S + "from S[symbol < 'WS'] select * insert into O;"), [
      "2:8 cannot compare with '<': string cannot be used in '<' comparisons (only numbers can); convert one side, e.g. with convert(x, 'double')",
    ]);
    assert.deepEqual(errorsOf(S + "from S[symbol == 'WS' and volume >= 2.5] select * insert into O;"), []);
  });
  test('expression types follow Siddhi promotion', () => {
    const r = check(
      'define stream S (price float, n int, m int, l long, d double);\nfrom S select price * 2 as a, n / m as b, l + d as c, n % m as e, l * n as f, price > 1 as g insert into O;',
    );
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.queries[0]?.output, [
      { name: 'a', type: 'float' },
      { name: 'b', type: 'int' },
      { name: 'c', type: 'double' },
      { name: 'e', type: 'int' },
      { name: 'f', type: 'long' },
      { name: 'g', type: 'bool' },
    ]);
    const sel = r.queries[0]?.query.selector.attributes[0]?.expression;
    assert.ok(sel && sel.kind === 'binary');
    assert.equal(r.types.get(sel.left), 'float');
    assert.equal(r.types.get(sel.right), 'int');
    assert.equal(r.types.get(sel), 'float');
  });
  test('resultType and compareError', () => {
    assert.equal(resultType('+', 'int', 'int'), 'int');
    assert.equal(resultType('*', 'int', 'long'), 'long');
    assert.equal(resultType('-', 'long', 'float'), 'float');
    assert.equal(resultType('/', 'float', 'double'), 'double');
    assert.equal(resultType('%', 'double', 'int'), 'double');
    assert.equal(resultType('+', 'string', 'string'), undefined);
    assert.equal(resultType('+', 'int', 'object'), undefined);
    assert.equal(compareError('==', 'bool', 'bool'), undefined);
    assert.equal(compareError('>', 'int', 'bool'), 'int cannot be compared with bool');
  });
});

describe('checker: extensions', () => {
  test('unknown function and window name their namespace', () => {
    assert.deepEqual(errorsOf(S + 'from S select foo:bar(price) as t insert into O;'), [
      "2:15 unknown extension 'foo:bar': no function or aggregator named 'bar' is registered in namespace 'foo'; check the name or register the extension",
    ]);
    assert.deepEqual(errorsOf(S + 'from S#window.foo(2) select * insert into O;'), [
      "2:15 unknown extension 'foo': no window named 'foo' is registered in the core namespace; check the name or register the extension",
    ]);
  });
  test("an unknown stream processor's missing attributes are not reported again downstream", () => {
    const app =
      S +
      'define stream P (symbol string, price float, volume long, prediction bool);\n' +
      'from S#ml:predict(price) select * insert into P;\n' +
      'from S#ml:predict(price) select * insert into Q;\n' +
      'from Q select symbol, prediction insert into R;\n' +
      'from S#window.length(2) select * insert into P;\n';
    assert.deepEqual(errorsOf(app), [
      "3:8 unknown extension 'ml:predict': no stream function or stream processor named 'predict' is registered in namespace 'ml'; check the name or register the extension",
      "4:8 unknown extension 'ml:predict': no stream function or stream processor named 'predict' is registered in namespace 'ml'; check the name or register the extension",
      "6:34 the query outputs (symbol string, price float, volume long) but stream 'P' is defined as (symbol string, price float, volume long, prediction bool); select the same attributes (names, order and types) or insert into another stream",
    ]);
  });
  test('argument count, type, constness and validate', () => {
    assert.deepEqual(errorsOf(S + 'from S#window.length(2, 3) select * insert into O;'), [
      "2:15 window 'length' takes (window.length int) but got 2 arguments; fix the argument count",
    ]);
    assert.deepEqual(errorsOf(S + 'from S select sum(symbol) as t insert into O;'), [
      "2:19 argument 1 ('arg') of aggregator 'sum' must be int, long, float or double, but found string",
    ]);
    assert.deepEqual(errorsOf(S + 'from S#window.lengthBatch(4/2) select * insert into O;'), [
      "2:27 argument 1 ('window.length') of window 'lengthBatch' must be a constant, but found an expression; write a literal value",
    ]);
    assert.deepEqual(errorsOf(S + "from S select convert(price, 'foo') as t insert into O;"), [
      "2:15 function 'convert': unknown type 'foo'",
    ]);
    assert.deepEqual(errorsOf(S + 'from S select str:concat(symbol) as t insert into O;'), [
      "2:15 function 'str:concat' takes (arg string, arg string...) but got 1 argument; fix the argument count",
    ]);
  });
  test('aggregators are not allowed in filters', () => {
    assert.deepEqual(errorsOf(S + 'from S[sum(price) > 2] select * insert into O;'), [
      "2:8 aggregator 'sum' is not allowed here: aggregators may appear only in select and having; filter on its result with having",
    ]);
  });
  test('return types: fixed, computed, time windows take time constants', () => {
    const r = check(
      S +
        "from S#window.time(2 sec) select sum(volume) as a, sum(price) as b, avg(volume) as c, count() as d, convert(price, 'string') as e, str:concat(symbol, 'x') as f insert into O;",
    );
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.schemas.get('O')?.attributes, [
      { name: 'a', type: 'long' },
      { name: 'b', type: 'double' },
      { name: 'c', type: 'double' },
      { name: 'd', type: 'long' },
      { name: 'e', type: 'string' },
      { name: 'f', type: 'string' },
    ]);
  });
  test('a stream processor appends its attributes', () => {
    const r = check(
      'define stream P (theta double, rho double);\nfrom P#pol2Cart(theta, rho) select x, y, rho insert into O;',
    );
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.schemas.get('O')?.attributes, [
      { name: 'x', type: 'double' },
      { name: 'y', type: 'double' },
      { name: 'rho', type: 'double' },
    ]);
  });
});

describe('checker: appended attributes that follow the call', () => {
  test("a stream processor's appendedAttributesOf decides from the call's constants", () => {
    const r = check(
      "define stream P (k string);\nfrom P#test:columns('n int, label string') select k, n + 1 as m, label insert into O;",
    );
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.schemas.get('O')?.attributes, [
      { name: 'k', type: 'string' },
      { name: 'm', type: 'int' },
      { name: 'label', type: 'string' },
    ]);
    const wrong = check("define stream P (k string);\nfrom P#test:columns('n int') select label insert into O;");
    assert.ok(wrong.diagnostics.some((d) => d.line === 2 && /label/.test(d.message)));
  });
});

describe('checker: schemas', () => {
  test('inferred, fault, inner and trigger streams', () => {
    const r = check(
      "@OnError(action='STREAM') " +
        S +
        'define trigger T at every 1 sec;\npartition with (symbol of S) begin from S select symbol, volume insert into #I; from #I select volume insert into O; end;\nfrom !S select symbol, _error insert into E;',
    );
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.schemas.get('!S'), {
      id: '!S',
      kind: 'stream',
      fault: true,
      attributes: [
        { name: 'symbol', type: 'string' },
        { name: 'price', type: 'float' },
        { name: 'volume', type: 'long' },
        { name: '_error', type: 'object' },
      ],
    });
    assert.deepEqual(r.schemas.get('#I'), {
      id: '#I',
      kind: 'stream',
      inner: true,
      attributes: [
        { name: 'symbol', type: 'string' },
        { name: 'volume', type: 'long' },
      ],
    });
    assert.deepEqual(r.schemas.get('T'), {
      id: 'T',
      kind: 'trigger',
      attributes: [{ name: 'triggered_time', type: 'long' }],
    });
    assert.deepEqual(r.schemas.get('E')?.attributes, [
      { name: 'symbol', type: 'string' },
      { name: '_error', type: 'object' },
    ]);
    assert.equal(r.queries.length, 3);
    assert.equal(r.queries[0]?.partition?.kind, 'partition');
  });
});

describe('checker: on-demand queries', () => {
  const app = check(S + 'define table T (symbol string, price float);\ndefine window W (symbol string) length(2);');
  function odq(text: string): string[] {
    const parsed = parseOnDemandQuery(text);
    assert.ok(parsed.query, parsed.diagnostics.map((d) => d.message).join('; '));
    return checkOnDemandQuery(parsed.query, app.schemas, testCatalog).diagnostics.map(show);
  }
  test('reads tables and windows, not streams', () => {
    assert.deepEqual(
      odq('from T on price > 5 select symbol, sum(price) as total group by symbol having total > 10'),
      [],
    );
    assert.deepEqual(odq('from W select symbol'), []);
    assert.deepEqual(odq('from S select symbol'), [
      "1:6 an on-demand query reads a table, window or aggregation, but 'S' is a stream",
    ]);
  });
  test('unknown attributes and tables', () => {
    assert.deepEqual(odq('from T on price > 5 select symbol1'), [
      "1:28 unknown attribute 'symbol1' in 'T': expected one of symbol, price; check the spelling or add it to the definition",
    ]);
    assert.deepEqual(odq('delete X on X.symbol == "a"'), [
      "1:1 unknown table 'X' in 'delete X': define it with 'define table X (...)'",
    ]);
  });
  test('types and output', () => {
    const parsed = parseOnDemandQuery('from T select symbol, price * 2 as p');
    assert.ok(parsed.query);
    const r = checkOnDemandQuery(parsed.query, app.schemas, testCatalog);
    assert.deepEqual(r.output, [
      { name: 'symbol', type: 'string' },
      { name: 'p', type: 'float' },
    ]);
    const p = parsed.query.selector.attributes[1]?.expression as Expression;
    assert.equal(r.types.get(p), 'float');
  });
});
