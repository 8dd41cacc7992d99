/**
 * The conversions of Siddhi's siddhi-execution-unitconversion, as data. Siddhi gets each one from the units
 * library unit-ri 0.8 (`from.getConverterTo(to)`), which builds a chain of converters: a metric prefix or a
 * whole-number factor is a rational converter (it multiplies by dividend / divisor, computed as a double, and
 * two of them merge into one), another factor a multiply converter (`unit.multiply(0.3048)` for the foot;
 * `unit.divide(x)` multiplies by 1 / x, and going the other way by 1 / (1 / x)). A chain mixing both kinds is
 * applied step by step. `steps` are the doubles of that chain in the order unit-ri applies them, so that
 * `value * steps[0] * steps[1] ...` gives Siddhi's result to the last bit.
 */

export type Quantity = 'length' | 'mass' | 'time' | 'volume';

export interface Conversion {
  /** The function name (`unitconversion:cmToft`). */
  readonly name: string;
  readonly quantity: Quantity;
  /** Siddhi's class, under io.siddhi.extension.execution.unitconversion.<quantity>. */
  readonly javaClass: string;
  readonly from: string;
  readonly to: string;
  /** The factors applied one after the other. */
  readonly steps: readonly number[];
}

const FOOT = 0.3048;
const INCH = 2.54e-2;
const YARD = 9.144e-1;
/** unit-ri's mile: a kilometre (rational 1000) multiplied by 1.609344. */
const MILE_IN_KM = 1.609344;

function length(name: string, javaClass: string, from: string, to: string, steps: readonly number[]): Conversion {
  return { name, quantity: 'length', javaClass, from, to, steps };
}
function mass(name: string, javaClass: string, from: string, to: string, steps: readonly number[]): Conversion {
  return { name, quantity: 'mass', javaClass, from, to, steps };
}
function time(name: string, javaClass: string, from: string, to: string, steps: readonly number[]): Conversion {
  return { name, quantity: 'time', javaClass, from, to, steps };
}
function volume(name: string, javaClass: string, from: string, to: string, steps: readonly number[]): Conversion {
  return { name, quantity: 'volume', javaClass, from, to, steps };
}

export const CONVERSIONS: readonly Conversion[] = [
  length('cmToft', 'CentimetreToFoot', 'centimetres', 'feet', [1 / 100, 1 / FOOT]),
  length('cmToin', 'CentimetreToInch', 'centimetres', 'inches', [1 / 100, 1 / INCH]),
  length('cmTokm', 'CentimetreToKilometre', 'centimetres', 'kilometres', [1 / 100000]),
  length('cmTom', 'CentimetreToMetre', 'centimetres', 'metres', [1 / 100]),
  length('cmToum', 'CentimetreToMicrometre', 'centimetres', 'micrometres', [10000]),
  length('cmTomi', 'CentimetreToMile', 'centimetres', 'miles', [1 / 100, 1 / 1000, 1 / MILE_IN_KM]),
  length('cmTomm', 'CentimetreToMillimetre', 'centimetres', 'millimetres', [10]),
  length('cmTonm', 'CentimetreToNanometre', 'centimetres', 'nanometres', [10000000]),
  length('cmToyd', 'CentimetreToYard', 'centimetres', 'yards', [1 / 100, 1 / YARD]),
  length('kmTocm', 'KilometreToCentimetre', 'kilometres', 'centimetres', [100000]),
  length('kmToft', 'KilometreToFoot', 'kilometres', 'feet', [1000, 1 / FOOT]),
  length('kmToin', 'KilometreToInch', 'kilometres', 'inches', [1000, 1 / INCH]),
  length('kmTom', 'KilometreToMetre', 'kilometres', 'metres', [1000]),
  length('kmToum', 'KilometreToMicrometre', 'kilometres', 'micrometres', [1e9]),
  length('kmTomi', 'KilometreToMile', 'kilometres', 'miles', [1000, 1 / 1000, 1 / MILE_IN_KM]),
  length('kmTomm', 'KilometreToMillimetre', 'kilometres', 'millimetres', [1e6]),
  length('kmTonm', 'KilometreToNanometre', 'kilometres', 'nanometres', [1e12]),
  length('kmToyd', 'KilometreToYard', 'kilometres', 'yards', [1000, 1 / YARD]),
  length('MmTokm', 'MegametreToKilometre', 'megametres', 'kilometres', [1000]),
  length('mTocm', 'MetreToCentimetre', 'metres', 'centimetres', [100]),
  length('mToft', 'MetreToFoot', 'metres', 'feet', [1 / FOOT]),
  length('mTomm', 'MetreToMillimetre', 'metres', 'millimetres', [1000]),
  length('mToyd', 'MetreToYard', 'metres', 'yards', [1 / YARD]),
  length('miTokm', 'MileToKilometre', 'miles', 'kilometres', [MILE_IN_KM, 1000, 1 / 1000]),
  mass('gTokg', 'GramToKilogram', 'grams', 'kilograms', [1 / 1000]),
  mass('gToug', 'GramToMicrogram', 'grams', 'micrograms', [1e6]),
  mass('gTomg', 'GramToMilligram', 'grams', 'milligrams', [1000]),
  mass('kgTog', 'KilogramToGram', 'kilograms', 'grams', [1000]),
  mass('kgToLT', 'KilogramToImperialTon', 'kilograms', 'imperial (long) tons', [1 / (1 / 0.000984207)]),
  mass('kgTooz', 'KilogramToOunce', 'kilograms', 'ounces', [1 / 2.834952e-2]),
  mass('kgTolb', 'KilogramToPound', 'kilograms', 'pounds', [1 / 4.535924e-1]),
  mass('kgTost', 'KilogramToStone', 'kilograms', 'stones', [1 / (1 / 0.157473)]),
  mass('kgTot', 'KilogramToTonne', 'kilograms', 'tonnes', [1 / 1000]),
  mass('kgToST', 'KilogramToUSTon', 'kilograms', 'US (short) tons', [1 / (1 / 0.00110231)]),
  mass('tTog', 'TonneToGram', 'tonnes', 'grams', [1e6]),
  mass('tTokg', 'TonneToKilogram', 'tonnes', 'kilograms', [1000]),
  time('dToh', 'DayToHour', 'days', 'hours', [24]),
  time('hTom', 'HourToMinute', 'hours', 'minutes', [60]),
  time('hTos', 'HourToSecond', 'hours', 'seconds', [3600]),
  time('mTos', 'MinuteToSecond', 'minutes', 'seconds', [60]),
  time('sTous', 'SecondToMicrosecond', 'seconds', 'microseconds', [1e6]),
  time('sToms', 'SecondToMillisecond', 'seconds', 'milliseconds', [1000]),
  time('sTons', 'SecondToNanosecond', 'seconds', 'nanoseconds', [1e9]),
  /** unit-ri's year is 365.2525 days of 86400 seconds: to seconds, then back to days. */
  time('yTod', 'YearToDay', 'years', 'days', [365.2525, 86400, 1 / 86400]),
  volume('m3Tol', 'CubicmetreToLitre', 'cubic metres', 'litres', [1000]),
  volume('lTom3', 'LitreToCubicmetre', 'litres', 'cubic metres', [1 / 1000]),
  volume('lToml', 'LitreToMillilitre', 'litres', 'millilitres', [1000]),
  volume('mlTol', 'MillilitreToLitre', 'millilitres', 'litres', [1 / 1000]),
];

/** Applies a conversion's steps to a value, in order. */
export function convert(steps: readonly number[], value: number): number {
  let v = value;
  for (const f of steps) v *= f;
  return v;
}
