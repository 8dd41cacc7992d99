/**
 * Java's `Math.sin` and `Math.cos` as HotSpot computes them on x86-64: its intrinsics (Intel's libm since
 * JDK 9, the x87 instructions before) round the exact value correctly but for the rarest inputs, where V8's
 * fdlibm is off by one in the last place for about 3% of arguments. This computes the sine or cosine
 * in double-double arithmetic (about 106 bits) and rounds it once, for |x| < 2^20·π/2 (any location in
 * radians); larger or non-finite arguments use V8's own functions.
 *
 * `math:sin`, `math:cos` and the geo: extensions need it to give Siddhi's numbers: `geo:distance` of
 * (8.116553, 77.523679) and (9.850047, 98.597177) is 2322119.848252557 in Siddhi, and 2322119.8482525577
 * with V8's Math.cos; `math:sin(0.48)` is 0.4617791755414829 in Java, 0.46177917554148284 with V8's.
 */

/**
 * π/2 in four parts (fdlibm's): the first three have 33 significant bits, so that k times each is exact
 * for |k| < 2^20; the four sum to π/2 within 2^-150.
 */
const PIO2_1 = 1.5707963267341256;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_3 = 2.0222662487111665e-21;
const PIO2_3T = 8.4784276603689e-32;
const TWO_OVER_PI = 0.6366197723675814;
const MAX_QUADRANTS = 1 << 20;

/**
 * 1/n! as two doubles: SIN[i] is (-1)^i / (2i+1)!, COS[i] is (-1)^i / (2i)!, enough terms for |t| ≤ π/4
 * within 2^-110.
 */
const SIN: readonly (readonly [number, number])[] = [
  [1, 0],
  [-0.16666666666666666, -9.25185853854297e-18],
  [0.008333333333333333, 1.1564823173178714e-19],
  [-0.0001984126984126984, -1.7209558293420705e-22],
  [2.7557319223985893e-6, -1.858393274046472e-22],
  [-2.505210838544172e-8, 1.448814070935912e-24],
  [1.6059043836821613e-10, 1.2585294588752098e-26],
  [-7.647163731819816e-13, -7.03872877733453e-30],
  [2.8114572543455206e-15, 1.6508842730861433e-31],
  [-8.22063524662433e-18, -2.2141894119604265e-34],
  [1.9572941063391263e-20, -1.3643503830087908e-36],
  [-3.868170170630684e-23, 8.843177655482344e-40],
  [6.446950284384474e-26, -1.9330404233703465e-42],
  [-9.183689863795546e-29, -1.4303150396787322e-45],
];
const COS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-0.5, 0],
  [0.041666666666666664, 2.3129646346357427e-18],
  [-0.001388888888888889, 5.300543954373577e-20],
  [2.48015873015873e-5, 2.1511947866775882e-23],
  [-2.755731922398589e-7, -2.3767714622250297e-23],
  [2.08767569878681e-9, -1.20734505911326e-25],
  [-1.1470745597729725e-11, -2.0655512752830745e-28],
  [4.779477332387385e-14, 4.399205485834081e-31],
  [-1.5619206968586225e-16, -1.1910679660273754e-32],
  [4.110317623312165e-19, 1.4412973378659527e-36],
  [-8.896791392450574e-22, 7.911402614872376e-38],
  [1.6117375710961184e-24, -3.6846573564509766e-41],
  [-2.4795962632247976e-27, 1.2953730964765229e-43],
  [3.279889237069838e-30, 1.5117542744029879e-46],
];

const SIN_HI = Float64Array.from(SIN, (c) => c[0]);
const SIN_LO = Float64Array.from(SIN, (c) => c[1]);
const COS_HI = Float64Array.from(COS, (c) => c[0]);
const COS_LO = Float64Array.from(COS, (c) => c[1]);

const SPLITTER = 134217729; // 2^27 + 1

// The low part of the last double-double result (the functions return the high part).
let lo = 0;

/** a × b exactly, as hi (returned) + lo. */
function twoProd(a: number, b: number): number {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  lo = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}

/** (ah + al) × (bh + bl). */
function ddMul(ah: number, al: number, bh: number, bl: number): number {
  const p = twoProd(ah, bh);
  const e = lo + (ah * bl + al * bh);
  const s = p + e;
  lo = e - (s - p);
  return s;
}

/** (ah + al) + (bh + bl), exact in its first step even when the two cancel. */
function ddAdd(ah: number, al: number, bh: number, bl: number): number {
  let s = ah + bh;
  let v = s - ah;
  let e = ah - (s - v) + (bh - v);
  const t = al + bl;
  v = t - al;
  const f = al - (t - v) + (bl - v);
  e += t;
  let h = s + e;
  e = e - (h - s);
  e += f;
  s = h + e;
  lo = e - (s - h);
  h = s;
  return h;
}

/**
 * Σ c[i] × u^i by Horner's rule, u = uh + ul: the terms from `fromDouble` on in doubles (they are small),
 * the first ones in double-double.
 */
function series(hi: Float64Array, low: Float64Array, uh: number, ul: number, fromDouble: number): number {
  let h = 0;
  for (let i = hi.length - 1; i >= fromDouble; i--) h = h * uh + hi[i]!;
  let l = 0;
  for (let i = fromDouble - 1; i >= 0; i--) {
    // (h + l) × u + c[i]: the terms shrink fast, so the sum needs no care for cancellation.
    const p = twoProd(h, uh);
    const e = lo + (h * ul + l * uh);
    const c = hi[i]!;
    const s = p + c;
    const v = s - p;
    const f = p - (s - v) + (c - v) + e + low[i]!;
    h = s + f;
    l = f - (h - s);
  }
  lo = l;
  return h;
}

/** The first terms of the series in double-double: then the result is within 2^-73 of the exact value. */
const FAST_TERMS = 4;
/** A margin of error beyond that bound, relative to the result, for the rounding test. */
const FAST_ERROR = 2 ** -70;

/**
 * sin or cos of x in double-double (hi returned, lo set), with the series' first `ddTerms` terms in
 * double-double.
 */
function trig(x: number, cosine: boolean, ddTerms: number): number {
  const k = Math.round(x * TWO_OVER_PI);
  // t = x - k·π/2, in double-double.
  let th = x;
  let tl = 0;
  if (k !== 0) {
    // x - k·PIO2_1 is exact; then the products, exact too, are taken off in double-double.
    const r = x - k * PIO2_1;
    const w = k * PIO2_2;
    th = r - w;
    const v = th - r;
    tl = r - (th - v) - (w + v);
    th = ddAdd(th, tl, -k * PIO2_3, -k * PIO2_3T);
    tl = lo;
  }
  const quadrant = (((k % 4) + 4) % 4) + (cosine ? 1 : 0);
  const uh = ddMul(th, tl, th, tl);
  const ul = lo;
  let h: number;
  if (quadrant % 2 === 0) {
    // sin t = t · Σ (-1)^i t^2i / (2i+1)!
    const sh = series(SIN_HI, SIN_LO, uh, ul, ddTerms);
    h = ddMul(sh, lo, th, tl);
  } else {
    h = series(COS_HI, COS_LO, uh, ul, ddTerms);
  }
  if (quadrant === 2 || quadrant === 3) {
    lo = -lo;
    return -h;
  }
  return h;
}

/**
 * The correctly rounded sin or cos: the fast evaluation when every value within its error rounds the
 * same way (all but about one argument in 2^16), else the evaluation of every term in double-double.
 */
function rounded(x: number, cosine: boolean): number {
  const h = trig(x, cosine, FAST_TERMS);
  const e = Math.abs(h) * FAST_ERROR;
  if (h + (lo - e) === h && h + (lo + e) === h) return h;
  return trig(x, cosine, SIN_HI.length);
}

/** Java's `Math.sin(x)` on HotSpot x86-64. */
export function javaSin(x: number): number {
  if (x === 0 || !(Math.abs(x) < MAX_QUADRANTS)) return Math.sin(x);
  return rounded(x, false);
}

/** Java's `Math.cos(x)` on HotSpot x86-64. */
export function javaCos(x: number): number {
  if (!(Math.abs(x) < MAX_QUADRANTS)) return Math.cos(x);
  return rounded(x, true);
}
