import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonFunctions } from '../../src/engine/functions/json/index.js';
import { ExtensionRuntimeError } from '../../src/engine/functions/shared/errors.js';
import { agg, check, finder, fn, rows } from './call-site.js';

const get = finder(jsonFunctions);
const TEXT = '{name:"John", age:25, citizen:false, bar:[{barName:"barName"},{barName:"barName2"}]}';
const OBJ = { citizen: false, name: 'John', age: 25 };
const EMP =
  '{emp:[{"name":"John", foo:{fooName:"fooName"}, bar:[{barName:"barName"},{barName:"barName2"}]},{"name":"Peter", foo:{fooName:"fooName2"}, bar:[{barName:"barName3"},{barName:"barName4"}]}]}';

describe('json:getX', () => {
  test('typed reads; a value of the wrong kind or a missing path gives null', () => {
    const paths = ['$.age', '$.citizen', '$.name', '$.married'];
    assert.deepEqual(
      paths.map((p) => fn(get('getDouble'), ['string', 'string'])(TEXT, p)),
      [25, null, null, null],
    );
    assert.deepEqual(
      paths.map((p) => fn(get('getFloat'), ['object', 'string'])(OBJ, p)),
      [25, null, null, null],
    );
    assert.deepEqual(
      paths.map((p) => fn(get('getInt'), ['string', 'string'])(TEXT, p)),
      [25, null, null, null],
    );
    assert.deepEqual(
      paths.map((p) => fn(get('getLong'), ['object', 'string'])(OBJ, p)),
      [25, null, null, null],
    );
    assert.deepEqual(
      paths.map((p) => fn(get('getObject'), ['string', 'string'])(TEXT, p)),
      [25, false, 'John', null],
    );
    assert.deepEqual(
      paths.map((p) => fn(get('getBool'), ['object', 'string'])(OBJ, p)),
      [false, false, false, false],
    );
    assert.equal(fn(get('getBool'), ['string', 'string'])('{married:true}', '$.married'), true);
  });
  test('getString gives text as is and other values as JSON', () => {
    const g = fn(get('getString'), ['string', 'string']);
    assert.deepEqual(
      ['$.age', '$.citizen', '$.name', '$.bar', '$.married'].map((p) => g(TEXT, p)),
      ['25', 'false', 'John', '[{"barName":"barName"},{"barName":"barName2"}]', null],
    );
    assert.equal(g('{a:"<b>"}', '$'), '{"a":"\\u003cb\\u003e"}');
  });
  test('isExists, invalid JSON, and creation checks', () => {
    const e = fn(get('isExists'), ['string', 'string']);
    assert.equal(e(TEXT, '$.name'), true);
    assert.equal(e(TEXT, '$.xyz'), false);
    assert.equal(e(TEXT, '$..xyz'), true);
    assert.throws(() => e('{not json', '$.a'), ExtensionRuntimeError);
    assert.notEqual(check(get('getInt'), ['int', 'string']), undefined);
    assert.notEqual(check(get('getInt'), ['string']), undefined);
    assert.notEqual(check(get('getInt'), ['string', 'int']), undefined);
  });
});

describe('json:setElement', () => {
  const base = () => ({ name: 'John', married: true, citizen: false, subjects: ['Mathematics'] });
  const set4 = fn(get('setElement'), ['object', 'string', 'object', 'string']);
  test('put under a key, replace a value, append to arrays', () => {
    assert.deepEqual(set4(base(), '$', { key: 'value' }, 'key'), { ...base(), key: { key: 'value' } });
    assert.deepEqual(set4(base(), '$', 'Peter', 'name'), { ...base(), name: 'Peter' });
    assert.deepEqual(set4(base(), '$.subjects', 'Biology', ''), { ...base(), subjects: ['Mathematics', 'Biology'] });
    assert.deepEqual(set4(base(), '$.subjects', '25', ''), { ...base(), subjects: ['Mathematics', '25'] });
    assert.deepEqual(fn(get('setElement'), ['object', 'string', 'int', 'string'])(base(), '$', 25, 'age'), {
      ...base(),
      age: 25,
    });
    const set3 = fn(get('setElement'), ['string', 'string', 'string']);
    assert.deepEqual(set3("{'name' : 'Stationary', 'items' : ['pen']}", '$.items', 'book'), {
      name: 'Stationary',
      items: ['pen', 'book'],
    });
    assert.deepEqual(set3("{'name' : 'Stationary', 'item' : 'pen'}", '$.item', 'book'), {
      name: 'Stationary',
      item: 'book',
    });
    assert.deepEqual(fn(get('setElement'), ['object', 'string', 'int'])({ name: 'cake', price: 2 }, 'price', 30), {
      name: 'cake',
      price: 30,
    });
    assert.deepEqual(set3('{a:[]}', '$.a', '{"x":1}'), { a: [{ x: 1 }] });
  });
  test('changes that cannot be made leave the document unchanged', () => {
    assert.deepEqual(set4(base(), '$..name', 'Peter', 'name'), base());
    assert.deepEqual(set4(base(), '$.xyz', 'Peter', 'name'), base());
    const input = base();
    set4(input, '$', 'Peter', 'name');
    assert.equal(input.name, 'John');
  });
});

describe('json:toObject and json:toString', () => {
  test('lenient parse, Gson text, escaped text', () => {
    assert.deepEqual(fn(get('toObject'), ['string'])(TEXT), {
      name: 'John',
      age: 25,
      citizen: false,
      bar: [{ barName: 'barName' }, { barName: 'barName2' }],
    });
    assert.equal(fn(get('toObject'), ['string'])('{broken'), null);
    const s1 = fn(get('toString'), ['object']);
    assert.equal(s1({ citizen: false, name: 'John', age: 25 }), '{"citizen":false,"name":"John","age":25}');
    const s2 = fn(get('toString'), ['object', 'bool']);
    assert.equal(s2({ user: 'david' }, true), '"{\\"user\\":\\"david\\"}"');
    assert.equal(s2({ user: 'david' }, false), '{"user":"david"}');
    assert.throws(() => s2(null, true), /Null value passed to json:toString\(\) function. json is null./);
    assert.notEqual(check(get('toString'), ['object', 'string']), undefined);
    assert.notEqual(check(get('toObject'), ['object']), undefined);
  });
});

describe('json:group and json:groupAsObject', () => {
  const a = '{"date":"2013-11-19","time":"10:30"}';
  const b = '{"date":"2013-11-19","time":"12:20"}';
  test('group gives JSON text, nulls kept, optional enclosing key', () => {
    const s = agg(get('group'), ['string']);
    assert.deepEqual(
      [s.add(null), s.add(a), s.add(b)],
      [
        '[null]',
        '[null,{"date":"2013-11-19","time":"10:30"}]',
        '[null,{"date":"2013-11-19","time":"10:30"},{"date":"2013-11-19","time":"12:20"}]',
      ],
    );
    const e = agg(get('group'), ['string', 'string']);
    e.add(null, 'result');
    assert.equal(e.add(a, 'result'), '{"result":[null,{"date":"2013-11-19","time":"10:30"}]}');
    assert.equal(e.remove(null, 'result'), '{"result":[{"date":"2013-11-19","time":"10:30"}]}');
    assert.equal(e.reset(), null);
  });
  test('groupAsObject gives objects; distinct keeps one of equal objects', () => {
    const s = agg(get('groupAsObject'), ['string', 'bool']);
    s.add(null, true);
    s.add(a, true);
    assert.deepEqual(s.add('{"time":"10:30","date":"2013-11-19"}', true), [
      null,
      { date: '2013-11-19', time: '10:30' },
    ]);
    const r = agg(get('groupAsObject'), ['object', 'string']);
    r.add({ name: 'cake', price: 30 }, 'result');
    assert.deepEqual(r.add({ name: 'cookie', price: 30 }, 'result'), {
      result: [
        { name: 'cake', price: 30 },
        { name: 'cookie', price: 30 },
      ],
    });
    const snap = r.snapshot();
    r.reset();
    r.restore(snap);
    assert.deepEqual(r.value(), {
      result: [
        { name: 'cake', price: 30 },
        { name: 'cookie', price: 30 },
      ],
    });
  });
});

describe('#json:tokenize and #json:tokenizeAsObject', () => {
  test('tokenize: text values as is, objects and list items as JSON text', () => {
    const t = (path: string, fail?: boolean) =>
      rows(
        get('tokenize'),
        fail === undefined ? ['string', 'string'] : ['string', 'string', 'bool'],
        [undefined, undefined, fail],
        [EMP, path, fail],
      );
    assert.deepEqual(t('$.emp[0].name'), [['John']]);
    assert.deepEqual(t('$.emp[0].foo'), [['{"fooName":"fooName"}']]);
    assert.deepEqual(t('$.emp[0].bar'), [['{"barName":"barName"}'], ['{"barName":"barName2"}']]);
    assert.deepEqual(t('$..bar'), [
      ['[{"barName":"barName"},{"barName":"barName2"}]'],
      ['[{"barName":"barName3"},{"barName":"barName4"}]'],
    ]);
    assert.deepEqual(t('$.emp').length, 2);
    assert.deepEqual(t('$.name'), []);
    assert.deepEqual(t('$..xyz'), []);
    assert.deepEqual(t('$.name', false), [[null]]);
    assert.deepEqual(t('$..xyz', false), [[null]]);
  });
  test('tokenizeAsObject gives objects; object input works too', () => {
    const o = JSON.parse(
      JSON.stringify({ emp: [{ name: 'John', foo: { fooName: 'fooName' }, bar: [{ barName: 'barName' }] }] }),
    );
    const t = (path: string) =>
      rows(get('tokenizeAsObject'), ['object', 'string', 'bool'], [undefined, undefined, false], [o, path, false]);
    assert.deepEqual(t('$.emp[0].name'), [['John']]);
    assert.deepEqual(t('$.emp[0].foo'), [[{ fooName: 'fooName' }]]);
    assert.deepEqual(t('$..bar'), [[[{ barName: 'barName' }]]]);
    assert.deepEqual(t('$.name'), [[null]]);
    assert.notEqual(check(get('tokenizeAsObject'), ['string', 'string', 'string']), undefined);
    assert.notEqual(check(get('tokenize'), ['int', 'string']), undefined);
  });
});
