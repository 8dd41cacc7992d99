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

const view = new DataView(new ArrayBuffer(8));
const hi = (x: number): number => {
  view.setFloat64(0, x);
  return view.getInt32(0);
};
const lo = (x: number): number => {
  view.setFloat64(0, x);
  return view.getInt32(4);
};
const withHi = (x: number, h: number): number => {
  view.setFloat64(0, x);
  view.setInt32(0, h);
  return view.getFloat64(0);
};
const withLo = (x: number, l: number): number => {
  view.setFloat64(0, x);
  view.setInt32(4, l);
  return view.getFloat64(0);
};

/** Java `Math.cbrt` (fdlibm's algorithm, bit for bit; V8's differs in the last place). */
export function javaCbrt(value: number): number {
  let x = value;
  let hx = hi(x);
  const sign = hx & 0x80000000;
  hx ^= sign;
  if (hx >= 0x7ff00000) return x + x;
  if ((hx | lo(x)) === 0) return x;
  x = withHi(x, hx);
  let t = 0;
  if (hx < 0x00100000) {
    t = withHi(0, 0x43500000) * x;
    t = withHi(t, Math.trunc(hi(t) / 3) + 696219795);
  } else t = withHi(0, Math.trunc(hx / 3) + 715094163);
  let r = (t * t) / x;
  let s = 5.42857142857142815906e-1 + r * t;
  t *= 3.57142857142857150787e-1 + 1.6071428571428572063 / (s + 1.41428571428571436819 + -7.0530612244897961105e-1 / s);
  t = withLo(t, 0);
  t = withHi(t, hi(t) + 1);
  s = t * t;
  r = x / s;
  const w = t + t;
  r = (r - t) / (w + r);
  t = t + t * r;
  return withHi(t, hi(t) | sign);
}
