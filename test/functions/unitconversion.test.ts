import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unitConversionFunctions } from '../../src/engine/functions/unitconversion/index.js';
import { CONVERSIONS } from '../../src/engine/functions/unitconversion/conversions.js';
import { ExtensionRuntimeError } from '../../src/engine/functions/shared/errors.js';
import { builtinRegistry } from '../../src/engine/builtins.js';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { check, finder, fn } from './call-site.js';

const get = finder(unitConversionFunctions);
const conv = (name: string, type: 'int' | 'long' | 'float' | 'double' = 'double') => fn(get(name), [type]);

/**
 * What siddhi-execution-unitconversion's own tests assert for each function: the result for 1 and for
 * 2147483647 (Integer.MAX_VALUE), as Java prints the doubles.
 */
const JAVA_ASSERTED: Record<string, readonly [number, number]> = {
  cmToft: [0.03280839895013123, 7.045550022965878e7],
  cmToin: [0.3937007874015748, 8.454660027559055e8],
  cmTokm: [0.00001, 21474.836470000002],
  cmTom: [0.01, 2.147483647e7],
  cmToum: [10000.0, 2.147483647e13],
  cmTomi: [6.21371192237334e-6, 13343.844740465678],
  cmTomm: [10.0, 2.147483647e10],
  cmTonm: [10000000.0, 2.147483647e16],
  cmToyd: [0.010936132983377079, 2.3485166743219595e7],
  kmTocm: [100000.0, 2.147483647e14],
  kmToft: [3280.839895013123, 7.045550022965879e12],
  kmToin: [39370.07874015748, 8.454660027559055e13],
  kmTom: [1000.0, 2.147483647e12],
  kmToum: [1000000000.0, 2.147483647e18],
  kmTomi: [0.621371192237334, 1.334384474046568e9],
  kmTomm: [1000000.0, 2.147483647e15],
  kmTonm: [1000000000000.0, 2.147483647e21],
  kmToyd: [1093.6132983377079, 2.34851667432196e12],
  MmTokm: [1000.0, 2.147483647e12],
  mTocm: [100.0, 2.147483647e11],
  mToft: [3.280839895013123, 7.0455500229658785e9],
  mTomm: [1000.0, 2.147483647e12],
  mToyd: [1.0936132983377078, 2.34851667432196e9],
  miTokm: [1.609344, 3.456039922397568e9],
  gTokg: [0.001, 2147483.647],
  gToug: [1000000.0, 2.147483647e15],
  gTomg: [1000.0, 2.147483647e12],
  kgTog: [1000.0, 2.147483647e12],
  kgToLT: [0.000984207, 2113568.437762929],
  kgTooz: [35.27396583786957, 7.575026480166154e10],
  kgTolb: [2.2046224760379585, 4.734390715100165e9],
  kgTost: [0.157473, 3.38170692344031e8],
  kgTot: [0.001, 2147483.647],
  kgToST: [0.00110231, 2367192.69892457],
  tTog: [1000000.0, 2.147483647e15],
  tTokg: [1000.0, 2.147483647e12],
  dToh: [24.0, 5.1539607528e10],
  hTom: [60.0, 1.2884901882e11],
  hTos: [3600.0, 7.7309411292e12],
  mTos: [60.0, 1.2884901882e11],
  sTous: [1000000.0, 2.147483647e15],
  sToms: [1000.0, 2.147483647e12],
  sTons: [1000000000.0, 2.147483647e18],
  yTod: [365.2525, 7.843737707758676e11],
  m3Tol: [1000.0, 2.147483647e12],
  lTom3: [0.001, 2147483.647],
  lToml: [1000.0, 2.147483647e12],
  mlTol: [0.001, 2147483.647],
};

describe('unitconversion: functions', () => {
  test('the 48 functions of siddhi-execution-unitconversion, each with one number parameter and a double result', () => {
    assert.equal(unitConversionFunctions.length, 48);
    assert.deepEqual(unitConversionFunctions.map((f) => f.spec.name).sort(), Object.keys(JAVA_ASSERTED).sort());
    for (const f of unitConversionFunctions) {
      assert.deepEqual(f.spec.returns?.type, ['double'], f.spec.name);
      for (const t of ['int', 'long', 'float', 'double'] as const) assert.equal(check(f, [t]), undefined);
      assert.notEqual(check(f, ['string']), undefined, f.spec.name);
      assert.notEqual(check(f, []), undefined, f.spec.name);
      assert.notEqual(check(f, ['int', 'int']), undefined, f.spec.name);
    }
  });

  test("every function gives, to the last bit, what the extension's Java tests assert for 1 and 2147483647", () => {
    for (const [name, [one, max]] of Object.entries(JAVA_ASSERTED)) {
      assert.equal(conv(name, 'double')(1.0), one, `${name}(1.0)`);
      assert.equal(conv(name, 'int')(2147483647), max, `${name}(2147483647)`);
      assert.equal(conv(name, 'int')(0), 0, `${name}(0)`);
    }
  });

  test('factors apply one after the other as unit-ri chains them, not merged into one', () => {
    // A centimetre to a kilometre is one rational step: times (1 / 100000), not divided by 100000.
    assert.equal(conv('cmTokm', 'int')(2147483647), 2147483647 * 0.00001);
    assert.notEqual(conv('cmTokm', 'int')(2147483647), 2147483647 / 100000);
    // Centimetres to feet: times 0.01, then times (1 / 0.3048) = 3.280839895013123.
    assert.equal(conv('cmToft')(100), 100 * 0.01 * 3.280839895013123);
    assert.equal(conv('cmToft')(100), 3.280839895013123);
    // A kilometre to a mile goes through metres and back: times 1000, times 0.001, then times 1 / 1.609344.
    assert.equal(conv('kmTomi')(3), 3 * 1000 * 0.001 * (1 / 1.609344));
    // A mile to a kilometre: times 1.609344 (the mile), times 1000 (to metres), times 0.001 (to kilometres).
    assert.equal(conv('miTokm')(3), 3 * 1.609344 * 1000 * 0.001);
    // A year is 365.2525 days: to seconds and back to days.
    assert.equal(conv('yTod', 'int')(4), 4 * 365.2525 * 86400 * (1 / 86400));
    // kgToLT divides by 1 / 0.000984207 (the ton is defined as a kilogram divided by 0.000984207).
    assert.equal(conv('kgToLT')(2), 2 * (1 / (1 / 0.000984207)));
  });

  test('hand-computed results across the four families', () => {
    assert.equal(conv('kgTog', 'int')(5), 5000);
    assert.equal(conv('gTokg', 'long')(2500), 2.5);
    assert.equal(conv('tTokg')(1.5), 1500);
    assert.equal(conv('kgTot')(1500), 1.5);
    assert.equal(conv('mTocm')(1.25), 125);
    assert.equal(conv('cmTom')(250), 2.5);
    assert.equal(conv('kmTom', 'long')(42), 42000);
    assert.equal(conv('MmTokm')(0.5), 500);
    assert.equal(conv('dToh', 'int')(3), 72);
    assert.equal(conv('hTom')(0.5), 30);
    assert.equal(conv('hTos', 'int')(2), 7200);
    assert.equal(conv('mTos', 'long')(10), 600);
    assert.equal(conv('sToms')(1.5), 1500);
    assert.equal(conv('sTons', 'int')(2), 2e9);
    assert.equal(conv('m3Tol')(0.25), 250);
    assert.equal(conv('lToml', 'int')(2), 2000);
    assert.equal(conv('mlTol', 'int')(500), 0.5);
    assert.equal(conv('lTom3', 'int')(500), 0.5);
    assert.equal(conv('kgTolb')(-1), -2.2046224760379585);
    // A float is widened to its double value first, as Java's Float.doubleValue() does.
    assert.equal(conv('kgTog', 'float')(Math.fround(0.1)), 100.00000149011612);
  });

  test('null is a runtime error naming the extension class', () => {
    try {
      conv('kgTog', 'int')(null);
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(e instanceof ExtensionRuntimeError);
      assert.equal(
        e.faultText(),
        "io.siddhi.core.exception.SiddhiAppRuntimeException: Input to the UnitConversion function cannot be null. Exception on class 'io.siddhi.extension.execution.unitconversion.mass.KilogramToGram'",
      );
    }
    assert.throws(
      () => conv('yTod')(undefined),
      (e) => e instanceof ExtensionRuntimeError && e.extensionClass.endsWith('.time.YearToDay'),
    );
  });

  test('kgToST (US tons) and kgTost (stones) differ only in case and are two functions', () => {
    const registry = builtinRegistry();
    assert.equal(
      registry.lookup('function', 'unitconversion', 'kgToST')?.returns?.description,
      'The value in US (short) tons.',
    );
    assert.equal(registry.lookup('function', 'unitconversion', 'kgTost')?.returns?.description, 'The value in stones.');
    assert.equal(registry.lookup('function', 'unitconversion', 'KGTOG')?.name, 'kgTog');
    assert.equal(new Set(CONVERSIONS.map((c) => c.name)).size, CONVERSIONS.length);
  });
});

describe('unitconversion: in an app', () => {
  test("WSO2 SI's UnitConversionExtentionSample (kgTog) and conversions of every number type", () => {
    const app = `
      @App:name("UnitConversionExtentionSample")
      define stream UnitConversionForKilogramToGramStream (inValue int);
      define stream Measures (grams long, km float, hours double);
      @info(name = 'sample')
      from UnitConversionForKilogramToGramStream
      select unitconversion:kgTog(inValue) as UnitConversionValue
      insert into OutMediationStream;
      @info(name = 'measures')
      from Measures
      select unitconversion:gTokg(grams) as kg, unitconversion:kmTomi(km) as miles,
             unitconversion:hTos(hours) as seconds, unitconversion:kgToST(grams) as usTons,
             unitconversion:kgTost(grams) as stones
      insert into Converted;`;
    const logger = memoryLogger();
    const r = new SiddhiManager({ clock: 'virtual', logger }).createSiddhiAppRuntime(app);
    const got: Record<string, unknown[][]> = { sample: [], measures: [] };
    for (const q of Object.keys(got)) {
      r.addQueryCallback(q, (_ts, ins) => {
        for (const e of ins ?? []) got[q]!.push(e.data);
      });
    }
    r.start();
    const kg = r.getInputHandler('UnitConversionForKilogramToGramStream');
    kg.send([1]);
    kg.send([2147483647]);
    kg.send([null]);
    kg.send([0]);
    r.getInputHandler('Measures').send([1000, 1, 1.5]);
    r.shutdown();
    assert.deepEqual(got.sample, [[1000], [2.147483647e12], [0]]);
    assert.ok(
      logger.lines.some(
        (l) => l.level === 'error' && /Input to the UnitConversion function cannot be null/.test(l.msg),
      ),
    );
    assert.deepEqual(got.measures, [[1, 0.621371192237334, 5400, 1.10231, 157.473]]);
  });
});
