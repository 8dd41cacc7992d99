import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseExpression, parseOnDemandQuery, parseSiddhiApp } from '../../src/lang/parser/index.js';
import { errors, query } from './parser-helpers.js';

const S = 'define stream S (a int);';

describe('parser: syntax errors', () => {
  test('a misspelt keyword: position, quoted token, what was expected', () => {
    assert.deepEqual(errors(`${S}\nfrom S selct a insert into O;`), [
      "2:8 mismatched input 'selct': expected 'insert', 'delete', 'update' or 'return'",
    ]);
    const r = parseSiddhiApp(`${S}\nfrom S selct a insert into O;`);
    assert.equal(r.diagnostics[0]?.offset, 32);
    assert.equal(r.diagnostics[0]?.endOffset, 37);
    assert.equal(r.diagnostics[0]?.severity, 'error');
  });

  test('a missing semicolon between statements', () => {
    assert.deepEqual(errors('define stream S (a int)\ndefine stream T (b int);'), [
      "2:1 extraneous input 'define': expected ';' or end of input",
    ]);
  });

  test('several errors are reported after recovery', () => {
    assert.deepEqual(errors(`${S} from S[a >] select a insert into O; from S select a, insert into P;`), [
      "1:36 mismatched input ']': expected 'not', '-', '+', '(', an integer, a long, a float, a double, a string, 'true', ...",
      "1:86 mismatched input 'into': expected 'insert', 'delete', 'update' or 'return'",
    ]);
  });

  test('an unknown type and the end of input', () => {
    assert.deepEqual(errors('define stream S (a int, b strin);'), [
      "1:27 mismatched input 'strin': expected an attribute type",
    ]);
    assert.deepEqual(errors(`${S} from S select a`), [
      "1:41 mismatched input end of input: expected 'insert', 'delete', 'update' or 'return'",
    ]);
  });

  test('lexical errors', () => {
    assert.deepEqual(errors(`${S} from S select a insert into O; £`), ["1:57 unexpected character '£'"]);
    const [msg] = errors(`${S} from S select 'abc insert into O;`);
    assert.match(msg!, /^1:40 unterminated string 'abc insert into O;/);
  });

  test("rules Siddhi's parser enforces beyond the grammar", () => {
    assert.deepEqual(errors(`${S} from S select a + 1 insert into O;`), [
      "1:40 an expression in 'select' needs a name: add 'as <name>'",
    ]);
    assert.deepEqual(errors(`${S} from S select a limit a insert into O;`), [
      "1:48 'limit' only accepts int and long constants",
    ]);
    assert.deepEqual(errors(`${S} from e1=S -> e2=S, e3=S select * insert into O;`), [
      "1:43 a query input cannot mix '->' (pattern) and ',' (sequence)",
    ]);
    assert.deepEqual(errors(`${S} from e1=S+ -> e2=S select * insert into O;`), [
      "1:35 '+', '*' and '?' can only be used in sequences (steps separated by ',')",
    ]);
    const lone =
      "a chain of 'not ... for <time>' steps alone is not allowed: add a step for a stream that is expected to arrive ('not S for 1 sec -> e1=T')";
    assert.deepEqual(errors(`${S} from not S for 1 sec -> every not S[a > 1] for 2 sec select 1 as x insert into O;`), [
      `1:56 ${lone}`,
    ]);
    assert.deepEqual(errors(`${S} from not S for 1 sec, (not S for 2 sec) select 1 as x insert into O;`), [
      `1:49 ${lone}`,
    ]);
    assert.equal(query(`${S} from not S for 1 sec select 1 as x insert into O;`).input.kind, 'pattern');
    assert.equal(
      query(`${S} from not S for 1 sec -> (not S for 1 sec and e1=S) select 1 as x insert into O;`).input.kind,
      'pattern',
    );
    assert.deepEqual(errors(`${S} from S select 3000000000 as x insert into O;`), [
      "1:40 '3000000000' is too large for an int: write '3000000000L' for a long",
    ]);
    assert.deepEqual(errors(`${S} from S#window.time(5 sec 1 min) select a insert into O`), [
      "1:51 time units must go from the largest to the smallest, each once: 'min'",
    ]);
    assert.deepEqual(errors('define stream S (a int); define aggregation A from S select a aggregate every week'), [
      "1:79 'week' is not an aggregation duration: expected sec, min, hour, day, month or year",
    ]);
    assert.deepEqual(errors(`${S} from S outer join S select * insert into O`), [
      "1:33 expected 'left outer join', 'right outer join' or 'full outer join'",
    ]);
    assert.deepEqual(errors(`${S} from S[e1[0] > 1] select * insert into O`), [
      "1:33 expected '.' and an attribute name",
    ]);
    assert.deepEqual(errors("@info(name='x')"), [
      '1:1 an annotation must be followed by a definition, a query or a partition',
    ]);
    assert.deepEqual(errors('define stream #S (a int);'), ["1:15 inner streams ('#') cannot be defined as a stream"]);
    assert.deepEqual(errors(`${S} from S insert into O; from S update #T on a == 1`), [
      "1:62 'update' can only be used with tables",
    ]);
  });

  test('on-demand queries and expressions report errors too', () => {
    const q = parseOnDemandQuery('from T on select *');
    assert.equal(q.query, undefined);
    assert.deepEqual(
      q.diagnostics.map((d) => `${d.line}:${d.column}`),
      ['1:19'],
    );
    const insertWithoutSelect = parseOnDemandQuery('insert into T');
    assert.deepEqual(
      insertWithoutSelect.diagnostics.map((d) => d.message),
      ["'insert into' needs a 'select'"],
    );
    const e = parseExpression('a +');
    assert.equal(e.expression, undefined);
    assert.deepEqual(
      e.diagnostics.map((d) => `${d.line}:${d.column}`),
      ['1:4'],
    );
    assert.deepEqual(
      parseExpression('a b').diagnostics.map((d) => d.message),
      ["extraneous input 'b': expected ';' or end of input"],
    );
  });

  test('never throws on garbage', () => {
    for (const text of [
      '',
      ';;',
      '@',
      'from',
      'define',
      'partition with (',
      ')))',
      'from S[',
      'define function f[js] return int {',
    ]) {
      const r = parseSiddhiApp(text);
      assert.ok(Array.isArray(r.diagnostics));
    }
    assert.deepEqual(parseSiddhiApp('').diagnostics, []);
  });
});
