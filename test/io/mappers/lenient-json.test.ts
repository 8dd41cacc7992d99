import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lenientJsonProblem } from '../../../src/io/mappers/shared/lenient-json.js';

const ok = (text: string) => assert.equal(lenientJsonProblem(text), undefined, text);
const bad = (text: string, why: RegExp) => assert.match(lenientJsonProblem(text) ?? 'accepted', why, text);

describe('lenient JSON check (as validate.json reads messages)', () => {
  test('strict JSON, and an empty document, pass', () => {
    ok('{"a":[1,2.5,-3e2,true,null,"x\\"y\\u00e9"],"b":{}}');
    ok('[]');
    ok('  ');
  });

  test('unquoted and single-quoted names and values, = and => separators, ; separators pass', () => {
    ok("{a: undefined, 'b': 'two'}");
    ok('{"n" = 1; "m" => NaN}');
    ok('[1;2,three]');
  });

  test("empty array elements, comments and the )]}' prefix pass", () => {
    ok('[,1,,2,]');
    ok('{"a":1 // one\n, # two\n "b":/* three */2}');
    ok(')]}\'\n{"a":1}');
  });

  test('unbalanced brackets, missing names or values and trailing text fail', () => {
    bad("{'StockData':{'Symbol':WSO2},'Price':55.6", /unterminated object/);
    bad('{"a":}', /expected a value/);
    bad('{"a":1,}', /expected a name/);
    bad('{"a" 1}', /expected ':'/);
    bad('[1 2]', /unterminated array/);
    bad('{"a":1} {"b":2}', /not fully consumed/);
    bad('"open', /unterminated string/);
    bad('"\\u12"', /malformed unicode escape/);
    bad('{"a":1 /* open', /unterminated comment/);
  });
});
