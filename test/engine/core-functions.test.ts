import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttributeType } from '../../src/lang/ast.js';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { CallSiteContext, FunctionImpl, StreamFunctionImpl } from '../../src/engine/registry/extension-impl.js';
import {
  castFunction,
  coalesceFunction,
  convertFunction,
  coreFunctions,
  createSetFunction,
  currentTimeMillisFunction,
  defaultFunction,
  eventTimestampFunction,
  ifThenElseFunction,
  instanceOfBooleanFunction,
  instanceOfDoubleFunction,
  instanceOfFloatFunction,
  instanceOfIntegerFunction,
  instanceOfLongFunction,
  instanceOfStringFunction,
  maximumFunction,
  minimumFunction,
  sizeOfSetFunction,
  uuidFunction,
} from '../../src/engine/functions/core/index.js';
import {
  coreStreamFunctions,
  logStreamFunction,
  pol2CartStreamFunction,
  setStreamLogSink,
  type StreamLogLevel,
} from '../../src/engine/functions/core/stream/index.js';

const NOW = 1577836800000;

function ctx(
  argTypes: AttributeType[],
  constants: unknown[] = [],
  returnType: AttributeType = 'object',
): CallSiteContext {
  return { argTypes, constants: argTypes.map((_, i) => constants[i]), returnType, now: () => NOW };
}

function fn(impl: FunctionImpl, argTypes: AttributeType[], constants: unknown[] = []): (...args: unknown[]) => unknown {
  return impl.create(ctx(argTypes, constants));
}

/** The validation result of a call with these argument types and constants (undefined: not a constant). */
function check(
  impl: FunctionImpl | StreamFunctionImpl,
  argTypes: AttributeType[],
  constants: unknown[] = [],
): string | undefined {
  return impl.spec.validate!(
    argTypes,
    argTypes.map((_, i) => constants[i]),
  );
}

function returnType(impl: FunctionImpl, argTypes: AttributeType[], constants: unknown[] = []): AttributeType {
  return impl.spec.returnTypeOf!(
    argTypes,
    argTypes.map((_, i) => constants[i]),
  );
}

describe('coreFunctions', () => {
  test('lists the core functions with their Siddhi names', () => {
    assert.deepEqual(
      coreFunctions.map((f) => f.spec.name),
      [
        'cast',
        'convert',
        'coalesce',
        'default',
        'ifThenElse',
        'instanceOfBoolean',
        'instanceOfDouble',
        'instanceOfFloat',
        'instanceOfInteger',
        'instanceOfLong',
        'instanceOfString',
        'maximum',
        'minimum',
        'UUID',
        'currentTimeMillis',
        'createSet',
        'sizeOfSet',
        'eventTimestamp',
      ],
    );
    for (const f of coreFunctions) assert.equal(f.spec.kind, 'function');
  });
});

describe('cast', () => {
  test('passes every value through; the type comes from the constant', () => {
    const c = fn(castFunction, ['object', 'string'], [undefined, 'double']);
    assert.equal(c(100.3, 'double'), 100.3);
    assert.equal(c(true, 'double'), true);
    assert.equal(c('aa', 'double'), 'aa');
    assert.equal(c(null, 'double'), null);
    assert.equal(returnType(castFunction, ['object', 'string'], [undefined, 'double']), 'double');
    assert.equal(returnType(castFunction, ['object', 'string'], [undefined, 'STRING']), 'string');
    assert.equal(returnType(castFunction, ['int', 'string'], [undefined, 'long']), 'long');
    assert.equal(fn(castFunction, ['int', 'string'], [undefined, 'long'])(1003, 'long'), 1003);
  });

  test('creation errors: three arguments, unknown type, type not constant', () => {
    assert.equal(check(castFunction, ['object', 'string'], [undefined, 'double']), undefined);
    assert.ok(check(castFunction, ['object', 'string', 'string'], [undefined, 'double', 'ddd']));
    assert.match(check(castFunction, ['object', 'string'], [undefined, 'newType'])!, /newType/);
    assert.ok(check(castFunction, ['object', 'string'], [undefined, undefined]));
  });
});

describe('convert', () => {
  test('to the same type and to string (Java text)', () => {
    assert.equal(fn(convertFunction, ['string', 'string'], [undefined, 'string'])('WSO2'), 'WSO2');
    assert.equal(fn(convertFunction, ['float', 'string'], [undefined, 'string'])(2.0), '2.0');
    assert.equal(fn(convertFunction, ['float', 'string'], [undefined, 'string'])(111.11), '111.11');
    assert.equal(fn(convertFunction, ['double', 'string'], [undefined, 'string'])(75), '75.0');
    assert.equal(fn(convertFunction, ['double', 'string'], [undefined, 'string'])(null), null);
    assert.equal(fn(convertFunction, ['int', 'string'], [undefined, 'string'])(4), '4');
    assert.equal(fn(convertFunction, ['bool', 'string'], [undefined, 'string'])(true), 'true');
    assert.equal(fn(convertFunction, ['object', 'string'], [undefined, 'string'])(new Set(['a', 'b'])), '[a, b]');
    assert.equal(fn(convertFunction, ['object', 'string'], [undefined, 'string'])(['x', 1]), '[x, 1]');
    assert.equal(fn(convertFunction, ['float', 'float'], [undefined, 'float'])(2.0), 2.0);
    assert.equal(fn(convertFunction, ['long', 'long'], [undefined, 'long'])(5), 5);
    assert.equal(fn(convertFunction, ['bool', 'bool'], [undefined, 'bool'])(true), true);
  });

  test('to numbers: Java narrowing, parsing and bools', () => {
    const toInt = (t: AttributeType) => fn(convertFunction, [t, 'string'], [undefined, 'int']);
    assert.equal(toInt('double')(45.9), 45);
    assert.equal(toInt('double')(-45.9), -45);
    assert.equal(toInt('double')(1e12), 2147483647);
    assert.equal(toInt('double')(NaN), 0);
    assert.equal(toInt('long')(4294967297), 1);
    assert.equal(toInt('bool')(true), 1);
    assert.equal(toInt('string')('WSO2'), null);
    assert.equal(toInt('string')('-12'), -12);
    assert.equal(toInt('string')('3.5'), null);
    assert.equal(toInt('string')('99999999999'), null);
    const toLong = fn(convertFunction, ['string', 'string'], [undefined, 'long']);
    assert.equal(toLong('99999999999'), 99999999999);
    assert.equal(fn(convertFunction, ['bool', 'string'], [undefined, 'long'])(false), 0);
    assert.equal(fn(convertFunction, ['float', 'string'], [undefined, 'long'])(7.9), 7);
    const toDouble = (t: AttributeType) => fn(convertFunction, [t, 'string'], [undefined, 'double']);
    assert.equal(toDouble('float')(55.6), 55.599998474121094);
    assert.equal(toDouble('string')(' 1.5e2d '), 150);
    assert.equal(toDouble('string')('0x1.8p1'), 3);
    assert.equal(toDouble('string')('abc'), null);
    assert.equal(toDouble('bool')(true), 1.0);
    assert.equal(toDouble('int')(4), 4);
    const toFloat = fn(convertFunction, ['double', 'string'], [undefined, 'float']);
    assert.equal(toFloat(0.1), Math.fround(0.1));
    assert.equal(fn(convertFunction, ['string', 'string'], [undefined, 'float'])('2.5f'), 2.5);
  });

  test('to bool (Siddhi convertFunctionTest3)', () => {
    assert.equal(fn(convertFunction, ['string', 'string'], [undefined, 'bool'])('true'), true);
    assert.equal(fn(convertFunction, ['string', 'string'], [undefined, 'bool'])('TRUE'), true);
    assert.equal(fn(convertFunction, ['string', 'string'], [undefined, 'bool'])('yes'), false);
    assert.equal(fn(convertFunction, ['float', 'string'], [undefined, 'bool'])(1.0), true);
    assert.equal(fn(convertFunction, ['double', 'string'], [undefined, 'bool'])(1.0), true);
    assert.equal(fn(convertFunction, ['int', 'string'], [undefined, 'bool'])(1), true);
    assert.equal(fn(convertFunction, ['long', 'string'], [undefined, 'bool'])(2), false);
    assert.equal(fn(convertFunction, ['bool', 'string'], [undefined, 'bool'])(null), null);
  });

  test('return type follows the constant', () => {
    assert.equal(returnType(convertFunction, ['double', 'string'], [undefined, 'string']), 'string');
    assert.equal(returnType(convertFunction, ['double', 'string'], [undefined, 'Int']), 'int');
  });

  test('creation errors (convertFunctionTest4-6, ExceptionTest7, 8, 10) and object to non-string', () => {
    assert.equal(check(convertFunction, ['string', 'string'], [undefined, 'int']), undefined);
    assert.ok(check(convertFunction, ['string']));
    assert.ok(check(convertFunction, ['string', 'string', 'string'], [undefined, 'string', 'int']));
    assert.ok(check(convertFunction, ['string', 'string'], [undefined, undefined]));
    assert.match(check(convertFunction, ['string', 'string'], [undefined, '234'])!, /234/);
    assert.ok(check(convertFunction, ['string', 'int'], [undefined, 123]));
    assert.match(check(convertFunction, ['string', 'string'], [undefined, 'invalidType'])!, /invalidType/);
    assert.match(check(convertFunction, ['object', 'string'], [undefined, 'int'])!, /object/);
    assert.equal(check(convertFunction, ['object', 'string'], [undefined, 'string']), undefined);
  });
});

describe('coalesce', () => {
  test('first non-null (Siddhi functionTest1)', () => {
    const c2 = fn(coalesceFunction, ['float', 'float']);
    assert.equal(c2(55.6, 70.6), 55.6);
    assert.equal(c2(null, 34.6), 34.6);
    assert.equal(c2(null, null), null);
    assert.equal(fn(coalesceFunction, ['int'])(null), null);
    assert.equal(fn(coalesceFunction, ['int', 'int', 'int'])(null, null, 3), 3);
    assert.equal(fn(coalesceFunction, ['int', 'int', 'int', 'int'])(null, null, null, 4), 4);
    assert.equal(fn(coalesceFunction, ['int', 'int', 'int', 'int'])(null, null, null, null), null);
    assert.equal(returnType(coalesceFunction, ['float', 'float']), 'float');
  });

  test('creation errors: mixed types (functionTest2), no argument (functionTest4)', () => {
    assert.equal(check(coalesceFunction, ['float', 'float']), undefined);
    assert.match(check(coalesceFunction, ['double', 'float'])!, /same type/);
    assert.ok(check(coalesceFunction, []));
  });
});

describe('default', () => {
  test('the value, or the default when null', () => {
    const d = fn(defaultFunction, ['double', 'double'], [undefined, 0.0]);
    assert.equal(d(null, 0.0), 0.0);
    assert.equal(d(23.5, 0.0), 23.5);
    assert.equal(returnType(defaultFunction, ['double', 'double'], [undefined, 0.0]), 'double');
  });

  test('creation errors: default of another type or not constant (testFunctionQuery16), wrong count', () => {
    assert.equal(check(defaultFunction, ['double', 'double'], [undefined, 1.0]), undefined);
    assert.match(check(defaultFunction, ['double', 'int'], [undefined, 0])!, /same type/);
    assert.ok(check(defaultFunction, ['double', 'int'], [undefined, undefined]));
    assert.ok(check(defaultFunction, ['double', 'double', 'double'], [undefined, 1.0, 2.0]));
  });
});

describe('ifThenElse', () => {
  test('then on true; else on false and null', () => {
    const f = fn(ifThenElseFunction, ['bool', 'string', 'string']);
    assert.equal(f(true, 'High', 'Low'), 'High');
    assert.equal(f(false, 'High', 'Low'), 'Low');
    assert.equal(f(null, 'High', 'Low'), 'Low');
    assert.equal(returnType(ifThenElseFunction, ['bool', 'int', 'int']), 'int');
  });

  test('creation errors: branch types differ, condition not bool, two arguments', () => {
    assert.equal(check(ifThenElseFunction, ['bool', 'string', 'string']), undefined);
    assert.match(check(ifThenElseFunction, ['bool', 'string', 'int'])!, /same type/);
    assert.ok(check(ifThenElseFunction, ['int', 'string', 'string']));
    assert.ok(check(ifThenElseFunction, ['bool', 'string']));
  });
});

describe('instanceOf*', () => {
  test('by value and static type', () => {
    assert.equal(fn(instanceOfBooleanFunction, ['bool'])(false), true);
    assert.equal(fn(instanceOfBooleanFunction, ['bool'])('notAvailable'), false);
    assert.equal(fn(instanceOfIntegerFunction, ['int'])(601), true);
    assert.equal(fn(instanceOfIntegerFunction, ['int'])(60232434.657), false);
    assert.equal(fn(instanceOfDoubleFunction, ['int'])(60232434.657), true);
    assert.equal(fn(instanceOfIntegerFunction, ['long'])(601), false);
    assert.equal(fn(instanceOfLongFunction, ['long'])(19900813115534), true);
    assert.equal(fn(instanceOfLongFunction, ['object'])(19900813115534), true);
    assert.equal(fn(instanceOfIntegerFunction, ['object'])(5), true);
    assert.equal(fn(instanceOfStringFunction, ['string'])('temperature'), true);
    assert.equal(fn(instanceOfStringFunction, ['string'])(90.34344), false);
    assert.equal(fn(instanceOfDoubleFunction, ['double'])(90.34344), true);
    assert.equal(fn(instanceOfDoubleFunction, ['double'])('90.3434'), false);
    assert.equal(fn(instanceOfFloatFunction, ['float'])(2.3), true);
    assert.equal(fn(instanceOfFloatFunction, ['double'])(2.3), false);
    assert.equal(fn(instanceOfFloatFunction, ['float'])(null), false);
    assert.equal(returnType(instanceOfLongFunction, ['long']), 'bool');
  });

  test('creation errors: two arguments', () => {
    assert.equal(check(instanceOfLongFunction, ['long']), undefined);
    for (const f of [
      instanceOfLongFunction,
      instanceOfBooleanFunction,
      instanceOfIntegerFunction,
      instanceOfStringFunction,
      instanceOfFloatFunction,
    ]) {
      assert.ok(check(f, ['long', 'int']), f.spec.name);
    }
  });
});

describe('maximum and minimum', () => {
  test('over three values, by type', () => {
    assert.equal(fn(maximumFunction, ['double', 'double', 'double'])(36, 36.75, 35.75), 36.75);
    assert.equal(fn(maximumFunction, ['int', 'int', 'int'])(9, 39, 38), 39);
    assert.equal(fn(maximumFunction, ['float', 'float', 'float'])(38.12, 40, 37.75), 40);
    assert.equal(fn(maximumFunction, ['float', 'float', 'float'])(38.12, 1, 2), Math.fround(38.12));
    assert.equal(fn(minimumFunction, ['long', 'long', 'long'])(3812, 40, 3775), 40);
    assert.equal(fn(minimumFunction, ['int', 'int'])(78, 38), 38);
    assert.equal(fn(maximumFunction, ['int', 'int', 'int', 'int'])(1, 7, null, 3), 7);
    assert.equal(returnType(maximumFunction, ['long', 'long']), 'long');
  });

  test("Siddhi's starting points: Double.MIN_VALUE and MAX_VALUE; one argument passes through", () => {
    assert.equal(fn(maximumFunction, ['int', 'int'])(-1, -2), 0);
    assert.equal(fn(maximumFunction, ['double', 'double'])(-1, -2), Number.MIN_VALUE);
    assert.equal(fn(minimumFunction, ['int', 'int'])(null, null), 2147483647);
    assert.equal(fn(maximumFunction, ['int'])(-5), -5);
    assert.equal(fn(maximumFunction, ['int'])(null), null);
  });

  test('creation errors: mixed types, object arguments', () => {
    assert.equal(check(maximumFunction, ['double', 'double', 'double']), undefined);
    assert.ok(check(maximumFunction, ['int', 'double', 'double']));
    assert.ok(check(maximumFunction, ['object', 'double', 'double']));
    assert.ok(check(maximumFunction, ['double', 'double', 'object']));
    assert.ok(check(minimumFunction, ['int', 'double', 'double']));
    assert.ok(check(minimumFunction, ['double', 'double', 'object']));
    assert.ok(check(minimumFunction, []));
  });
});

describe('UUID, currentTimeMillis, eventTimestamp', () => {
  test('UUID: a fresh v4 UUID per call, no arguments', () => {
    const u = fn(uuidFunction, []);
    const a = u() as string;
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(u(), a);
    assert.equal(returnType(uuidFunction, []), 'string');
    assert.ok(check(uuidFunction, ['int']));
  });

  test('currentTimeMillis reads the app clock; takes no argument (testFunctionQuery8)', () => {
    assert.equal(fn(currentTimeMillisFunction, [])(), NOW);
    assert.equal(returnType(currentTimeMillisFunction, []), 'long');
    assert.equal(check(currentTimeMillisFunction, []), undefined);
    assert.ok(check(currentTimeMillisFunction, ['string']));
  });

  test('eventTimestamp returns the timestamp it is given', () => {
    assert.equal(fn(eventTimestampFunction, [])(1234), 1234);
    assert.equal(fn(eventTimestampFunction, ['object'])(99), 99);
    assert.equal(returnType(eventTimestampFunction, []), 'long');
    assert.equal(check(eventTimestampFunction, []), undefined);
    assert.equal(check(eventTimestampFunction, ['object']), undefined);
    assert.ok(check(eventTimestampFunction, ['object', 'object']));
  });
});

describe('createSet and sizeOfSet', () => {
  test('a one-element set and its size', () => {
    const s = fn(createSetFunction, ['string'])('IBM');
    assert.deepEqual(s, new Set(['IBM']));
    assert.notEqual(fn(createSetFunction, ['string'])('IBM'), fn(createSetFunction, ['string'])('IBM'));
    assert.equal(fn(sizeOfSetFunction, ['object'])(new Set([1, 2, 3])), 3);
    assert.equal(fn(sizeOfSetFunction, ['object'])(null), 0);
    assert.throws(() => fn(sizeOfSetFunction, ['object'])('x'), /sizeOfSet/);
    assert.equal(returnType(createSetFunction, ['int']), 'object');
    assert.equal(returnType(sizeOfSetFunction, ['object']), 'int');
  });

  test('creation errors: sizeOfSet of a string (testFunctionQuery17), createSet of an object', () => {
    assert.equal(check(createSetFunction, ['long']), undefined);
    assert.ok(check(createSetFunction, ['object']));
    assert.ok(check(sizeOfSetFunction, ['string']));
    assert.equal(check(sizeOfSetFunction, ['object']), undefined);
  });
});

describe('#pol2Cart', () => {
  test('appends x and y (Siddhi pol2CartFunctionTest3), z when given', () => {
    assert.deepEqual(
      coreStreamFunctions.map((f) => f.spec.name),
      ['log', 'pol2Cart'],
    );
    const emitted: unknown[][] = [];
    const f = pol2CartStreamFunction.create(ctx(['double', 'double']));
    f([22.6, 13.0], (a) => emitted.push([...a]));
    assert.equal(emitted.length, 1);
    assert.ok(Math.abs((emitted[0]![0] as number) - 12.001732822468751) < 1e-12);
    assert.ok(Math.abs((emitted[0]![1] as number) - 4.9958391945774485) < 1e-12);
    const g = pol2CartStreamFunction.create(ctx(['double', 'double', 'double']));
    g([0, 5, 3.4], (a) => emitted.push([...a]));
    assert.deepEqual(emitted[1], [5, 0, 3.4]);
    g([null, 5, 1.0], (a) => emitted.push([...a]));
    assert.deepEqual(emitted[2], [null, null, 1.0]);
    assert.deepEqual(
      pol2CartStreamFunction.spec.appendedAttributes!.map((a) => a.name),
      ['x', 'y', 'z'],
    );
  });

  test('creation errors: one argument, non-double arguments', () => {
    assert.equal(check(pol2CartStreamFunction, ['double', 'double']), undefined);
    assert.ok(check(pol2CartStreamFunction, ['double']));
    assert.ok(check(pol2CartStreamFunction, ['int', 'double']));
    assert.ok(check(pol2CartStreamFunction, ['double', 'double', 'double', 'double']));
  });
});

describe('#log', () => {
  function capture(
    argTypes: AttributeType[],
    constants: unknown[],
    args: unknown[],
    appName?: string,
  ): [StreamLogLevel, string][] {
    const lines: [StreamLogLevel, string][] = [];
    const previous = setStreamLogSink((level, message) => lines.push([level, message]));
    try {
      const c = { ...ctx(argTypes, constants), appName };
      const f = logStreamFunction.create(c);
      let emits = 0;
      f([...args, { timestamp: 10, data: ['IBM', 700.0, 100] }], (a) => {
        assert.deepEqual(a, []);
        emits++;
      });
      assert.equal(emits, 1);
    } finally {
      setStreamLogSink(previous);
    }
    return lines;
  }

  test("values print as Java prints them when the input stream's types are known: a double 700 as 700.0", () => {
    const lines: [StreamLogLevel, string][] = [];
    const previous = setStreamLogSink((level, message) => lines.push([level, message]));
    try {
      const f = logStreamFunction.create({
        ...ctx([], []),
        appName: 'App',
        inputTypes: ['string', 'double', 'long'],
      });
      f([{ timestamp: 10, data: ['IBM', 700.0, 100] }], () => undefined);
    } finally {
      setStreamLogSink(previous);
    }
    assert.deepEqual(lines, [['INFO', 'App: StreamEvent{ timestamp=10, data=[IBM, 700.0, 100]}']]);
  });

  test("in an app: the app's name prefixes the line, and the stream's doubles print with their .0", async () => {
    const lines: [StreamLogLevel, string][] = [];
    const previous = setStreamLogSink((level, message) => lines.push([level, message]));
    const m = new SiddhiManager({ clock: 'virtual', startTime: 5, logger: memoryLogger() });
    try {
      const r = m.createSiddhiAppRuntime(`@App:name('LogApp')
        define stream S (name string, amount double, count long);
        from S#log('event') select * insert into O;`);
      r.start();
      r.getInputHandler('S').send(['apache', 80, 2]);
    } finally {
      setStreamLogSink(previous);
      await m.shutdown();
    }
    assert.deepEqual(lines, [['INFO', 'LogApp: event, StreamEvent{ timestamp=5, data=[apache, 80.0, 2]}']]);
  });

  test('every call form', () => {
    assert.deepEqual(capture([], [], [], 'App'), [['INFO', 'App: StreamEvent{ timestamp=10, data=[IBM, 700, 100]}']]);
    assert.deepEqual(capture(['string'], ['Sample :'], ['Sample :']), [
      ['INFO', 'Sample :, StreamEvent{ timestamp=10, data=[IBM, 700, 100]}'],
    ]);
    assert.deepEqual(capture(['bool'], [false], [false]), [['INFO', 'Event Arrived']]);
    assert.deepEqual(capture(['string', 'bool'], ['msg', false], ['msg', false]), [['INFO', 'msg']]);
    assert.deepEqual(capture(['string', 'string'], ['debug', 'msg'], ['debug', 'msg']), [
      ['DEBUG', 'msg, StreamEvent{ timestamp=10, data=[IBM, 700, 100]}'],
    ]);
    assert.deepEqual(capture(['string', 'string', 'bool'], [undefined, 'msg', false], ['WARN', 'msg', false]), [
      ['WARN', 'msg'],
    ]);
    assert.deepEqual(capture(['string', 'string', 'bool'], ['OFF', 'msg', true], ['OFF', 'msg', true]), []);
  });

  test('creation errors (logStreamProcessorTest1-4) and a bad priority', () => {
    assert.equal(check(logStreamFunction, []), undefined);
    assert.equal(check(logStreamFunction, ['string', 'string', 'bool'], ['DEBUG', 'm', true]), undefined);
    assert.ok(check(logStreamFunction, ['int'], [12]));
    assert.ok(check(logStreamFunction, ['int', 'string'], [12, 'message']));
    assert.ok(check(logStreamFunction, ['string', 'bool', 'int', 'string'], ['message', true, 1, 'hai']));
    assert.ok(check(logStreamFunction, ['int', 'string', 'bool'], [12, 'event', true]));
    assert.match(check(logStreamFunction, ['string', 'string'], ['LOUD', 'm'])!, /LOUD/);
  });
});
