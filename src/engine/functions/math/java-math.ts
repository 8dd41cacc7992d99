/** Java `Math` operations whose JavaScript counterparts differ: rounding, signum, exponent, hex text of doubles. */

const LONG_MAX = 2 ** 63;
const LONG_MIN = -(2 ** 63);

/** Java `Math.round(double)`: half up, NaN to 0, clamped to the long range. */
export function javaRoundDouble(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x >= LONG_MAX) return LONG_MAX;
  if (x <= LONG_MIN) return LONG_MIN;
  return Math.round(x) + 0;
}

/** Java `Math.round(float)`: half up, NaN to 0, clamped to the int range. */
export function javaRoundFloat(x: number): number {
  const f = Math.fround(x);
  if (Number.isNaN(f)) return 0;
  if (f >= 2147483647) return 2147483647;
  if (f <= -2147483648) return -2147483648;
  return Math.round(f) + 0;
}

/** Java `Math.getExponent(double)`: the unbiased binary exponent (-1023 for zero and subnormals, 1024 for NaN/Infinity). */
export function javaGetExponent(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const biased = (view.getUint16(0) >> 4) & 0x7ff;
  return biased - 1023;
}

/** Java `Double.toHexString`: `0x1.f495e353f7ceep10`. */
export function javaDoubleToHexString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0x0.0p0`;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const mantissa = bits & ((1n << 52n) - 1n);
  let digits = mantissa.toString(16).padStart(13, '0').replace(/0+$/, '');
  if (digits === '') digits = '0';
  return biased === 0 ? `${sign}0x0.${digits}p-1022` : `${sign}0x1.${digits}p${biased - 1023}`;
}

/** Java `Float.toHexString`, from the 32-bit value. */
export function javaFloatToHexString(x: number): string {
  const f = Math.fround(x);
  if (f !== 0 && Number.isFinite(f) && Math.abs(f) < 1.1754943508222875e-38) {
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, f);
    const bits = view.getUint32(0);
    const mantissa = (bits & 0x7fffff) << 1;
    const digits = mantissa.toString(16).padStart(6, '0').replace(/0+$/, '') || '0';
    return `${f < 0 ? '-' : ''}0x0.${digits}p-126`;
  }
  return javaDoubleToHexString(f);
}

/** Unsigned two's-complement text of an int (32 bits) or long (64 bits) in a radix, as `Integer.toBinaryString` etc. */
export function javaUnsignedText(value: number, radix: 2 | 8 | 16, bits: 32 | 64): string {
  if (bits === 32) return (value >>> 0).toString(radix);
  return BigInt.asUintN(64, BigInt(Math.trunc(value))).toString(radix);
}
