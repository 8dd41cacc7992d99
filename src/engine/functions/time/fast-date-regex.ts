/**
 * The regular expression commons-lang 3.3.2 `FastDateParser` builds from a pattern (Locale US), which Java puts in
 * its error message: `Unparseable date: "<text>" does not match <regex>`. Also the order in which that expression
 * tries the names of each text field (Java's HashMap order of `Calendar.getDisplayNames`).
 */
import { zoneNames } from './zone-names.js';

/** Names and values of the text fields, in the order FastDateParser's expression lists them (Java 17, Locale US). */
export const FAST_TEXT_FIELDS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  G: [
    ['Before Christ', 0],
    ['Anno Domini', 1],
    ['AD', 1],
    ['BC', 0],
    ['A', 1],
    ['B', 0],
  ],
  M: (
    'September:8 December:11 February:1 November:10 January:0 October:9 August:7 April:3 March:2 July:6 June:5 ' +
    'Apr:3 Aug:7 Dec:11 Feb:1 Jan:0 Jul:6 Jun:5 Mar:2 May:4 Nov:10 Oct:9 Sep:8'
  )
    .split(' ')
    .map((e) => [e.split(':')[0] as string, Number(e.split(':')[1])] as const),
  E: 'Wednesday:4 Saturday:7 Thursday:5 Tuesday:3 Friday:6 Monday:2 Sunday:1 Fri:6 Mon:2 Sat:7 Sun:1 Thu:5 Tue:3 Wed:4'
    .split(' ')
    .map((e) => [e.split(':')[0] as string, Number(e.split(':')[1])] as const),
  a: [
    ['AM', 0],
    ['PM', 1],
    ['a', 0],
    ['p', 1],
  ],
};

/** FastDateParser's escapeRegex: `\Q...\E`, unquoting '' when asked, keeping a `\E` in the text literal. */
function escape(value: string, unquote: boolean): string {
  let out = '\\Q';
  for (let i = 0; i < value.length; i++) {
    let c = value[i] as string;
    if (c === "'" && unquote) {
      if (++i === value.length) return out;
      c = value[i] as string;
    } else if (c === '\\') {
      if (++i === value.length) {
        out += c;
        break;
      }
      out += c;
      c = value[i] as string;
      if (c === 'E') {
        out += 'E\\\\E\\';
        c = 'Q';
      }
    }
    out += c;
  }
  return `${out}\\E`;
}

const FIELD = /D+|E+|F+|G+|H+|K+|M+|S+|W+|Z+|a+|d+|h+|k+|m+|s+|w+|y+|z+|''|'[^']+(?:''[^']*)*'|[^'A-Za-z]+/y;
const cache = new Map<string, string>();

function alternatives(names: readonly string[]): string {
  return `(${names.map((n) => escape(n, false)).join('|')})`;
}

/** The expression FastDateParser matches `pattern` with. */
export function fastDateRegex(pattern: string): string {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  const fields: string[] = [];
  FIELD.lastIndex = 0;
  for (let m = FIELD.exec(pattern); m !== null && m[0] !== ''; m = FIELD.exec(pattern)) fields.push(m[0]);
  const isNumber = (f: string | undefined): boolean => {
    if (f === undefined) return false;
    const c = f[0] === "'" ? f[1] : f[0];
    if ('DFHKSWdhkmswy'.includes(f[0] as string)) return true;
    if (f[0] === 'M') return f.length < 3;
    return !/[A-Za-z]/.test(f[0] as string) && /[0-9]/.test(c ?? '');
  };
  let regex = '';
  fields.forEach((f, i) => {
    const c = f[0] as string;
    if (c === "'" || !/[A-Za-z]/.test(c)) regex += escape(c === "'" && f.length > 2 ? f.slice(1, -1) : f, true);
    else if (c === 'z' || c === 'Z') {
      regex += `(GMT[+\\-]\\d{0,1}\\d{2}|[+\\-]\\d{2}:?\\d{2}|${zoneNames()
        .map(([n]) => escape(n, false))
        .join('|')})`;
    } else if (c === 'G' || c === 'E' || c === 'a' || (c === 'M' && f.length >= 3)) {
      regex += alternatives((FAST_TEXT_FIELDS[c] ?? []).map(([n]) => n));
    } else regex += isNumber(fields[i + 1]) ? `(\\p{Nd}{${f.length}}+)` : '(\\p{Nd}++)';
  });
  if (cache.size < 1000) cache.set(pattern, regex);
  return regex;
}
