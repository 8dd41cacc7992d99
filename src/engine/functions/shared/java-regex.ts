/**
 * Java regular expressions on JavaScript's engine: translates the Java syntax JS lacks (possessive
 * quantifiers, atomic groups, `\Q..\E`, POSIX `\p{Alpha}` classes, `\A \Z \z \h \R`, leading inline flags)
 * and reproduces `Matcher.matches` (whole string), `String.split` (trailing empty strings dropped),
 * `replaceAll` / `replaceFirst` with Java's `$1` / `${name}` / `\$` replacement syntax.
 */

const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'A-Za-z',
  Digit: '0-9',
  Alnum: 'A-Za-z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '\\x21-\\x7E',
  Print: '\\x20-\\x7E',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  javaLowerCase: 'a-z',
  javaUpperCase: 'A-Z',
  javaWhitespace: ' \\t\\n\\x0B\\f\\r\\x1C-\\x1F',
  javaDigit: '0-9',
  javaLetter: 'A-Za-z',
  javaLetterOrDigit: 'A-Za-z0-9',
};

const SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''));

function escapeLiteral(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

interface Translated {
  readonly source: string;
  readonly flags: string;
}

function unicodeName(name: string): string {
  if (name.startsWith('Is')) return name.slice(2);
  if (name.startsWith('In')) return `Script=${name.slice(2)}`;
  return name;
}

/** Translates a Java pattern to a JS pattern source and flags. Throws SyntaxError when JS rejects it. */
export function translateJavaRegex(pattern: string): Translated {
  let flags = '';
  let i = 0;
  const lead = /^\(\?([imsux]+)\)/.exec(pattern);
  if (lead !== null) {
    for (const f of lead[1] as string) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
    i = lead[0].length;
  }
  const needU =
    /\\[pP]\{(?!(?:Lower|Upper|ASCII|Alpha|Digit|Alnum|Punct|Graph|Print|Blank|Cntrl|XDigit|Space|java\w+)\})/.test(
      pattern,
    );
  let out = '';
  let inClass = false;
  let prevQuantifier = false;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new SyntaxError(`Unexpected internal error near index ${i}: ${pattern}`);
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const lit = pattern.slice(i + 2, end < 0 ? pattern.length : end);
        for (const c of lit) out += escapeLiteral(c);
        i = end < 0 ? pattern.length : end + 2;
        prevQuantifier = false;
        continue;
      }
      if (next === 'p' || next === 'P') {
        const close = pattern.indexOf('}', i);
        let name: string;
        let len: number;
        if (pattern[i + 2] === '{' && close > 0) {
          name = pattern.slice(i + 3, close);
          len = close + 1 - i;
        } else {
          name = pattern[i + 2] ?? '';
          len = 3;
        }
        const posix = POSIX[name];
        if (posix !== undefined) {
          if (next === 'p') out += inClass ? posix : `[${posix}]`;
          else if (!inClass) out += `[^${posix}]`;
          else throw new SyntaxError(`\\P{${name}} inside a character class is not supported`);
        } else {
          out += `\\${next}{${unicodeName(name)}}`;
        }
        i += len;
        prevQuantifier = false;
        continue;
      }
      let rep: string;
      switch (next) {
        case 'A':
          rep = '^';
          break;
        case 'z':
          rep = '$';
          break;
        case 'Z':
          rep = '(?=\\n?$)';
          break;
        case 'h':
          rep = inClass
            ? ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000'
            : '[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]';
          break;
        case 'R':
          rep = '(?:\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])';
          break;
        case 'G':
          rep = '';
          break;
        default:
          if (/[A-Za-z0-9]/.test(next)) rep = `\\${next}`;
          else if (!needU || SYNTAX.has(next)) rep = `\\${next}`;
          else rep = next;
      }
      out += rep;
      i += 2;
      prevQuantifier = false;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      if (ch === '[' && needU) out += '\\[';
      else out += ch;
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      prevQuantifier = false;
      continue;
    }
    if (ch === '+' && prevQuantifier) {
      i++;
      prevQuantifier = false;
      continue;
    }
    if (ch === '(' && pattern.startsWith('(?>', i)) {
      out += '(?:';
      i += 3;
      prevQuantifier = false;
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '?') {
      out += ch;
      i++;
      if (pattern[i] === '?') {
        out += '?';
        i++;
        prevQuantifier = false;
      } else prevQuantifier = true;
      continue;
    }
    if (ch === '{') {
      const q = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
      if (q !== null) {
        out += q[0];
        i += q[0].length;
        if (pattern[i] === '?') {
          out += '?';
          i++;
          prevQuantifier = false;
        } else prevQuantifier = true;
        continue;
      }
      throw new SyntaxError(`Illegal repetition near index ${i}: ${pattern}`);
    }
    if (ch === '}' && needU) {
      out += '\\}';
      i++;
      prevQuantifier = false;
      continue;
    }
    out += ch;
    i++;
    prevQuantifier = false;
  }
  if (needU) flags += 'u';
  new RegExp(out, flags);
  return { source: out, flags };
}

const cache = new Map<string, Translated>();

function translated(pattern: string): Translated {
  let t = cache.get(pattern);
  if (t === undefined) {
    t = translateJavaRegex(pattern);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, t);
  }
  return t;
}

/** A global (searching) RegExp for a Java pattern. */
export function javaRegex(pattern: string): RegExp {
  const t = translated(pattern);
  return new RegExp(t.source, `${t.flags}g`);
}

/** A RegExp that matches only the whole input, as Java's `Matcher.matches()`. */
export function javaWholeRegex(pattern: string): RegExp {
  const t = translated(pattern);
  return new RegExp(`^(?:${t.source})$`, t.flags);
}

/** Java's `Matcher.find()` loop: every match, moving one char on after an empty one. */
function* findAll(input: string, re: RegExp): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  while (re.lastIndex <= input.length) {
    const m = re.exec(input);
    if (m === null) return;
    yield m;
    if (m[0].length === 0) re.lastIndex = m.index + 1;
  }
}

/** Java's `String.split(regex)`: no leading empty string for a zero-width match at 0, trailing empties dropped. */
export function javaSplit(input: string, pattern: string): string[] {
  const re = javaRegex(pattern);
  const parts: string[] = [];
  let index = 0;
  for (const m of findAll(input, re)) {
    const end = m.index + m[0].length;
    if (index === 0 && m.index === 0 && end === 0) continue;
    parts.push(input.slice(index, m.index));
    index = end;
  }
  if (index === 0) return [input];
  parts.push(input.slice(index));
  let n = parts.length;
  while (n > 0 && parts[n - 1] === '') n--;
  return parts.slice(0, n);
}

/** Expands a Java replacement string (`$1`, `${name}`, `\$`) for one match. */
function expandReplacement(replacement: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i] as string;
    if (ch === '\\') {
      i++;
      if (i >= replacement.length) throw new Error('character to be escaped is missing');
      out += replacement[i];
    } else if (ch === '$') {
      i++;
      if (i >= replacement.length) throw new Error('Illegal group reference: group index is missing');
      if (replacement[i] === '{') {
        const close = replacement.indexOf('}', i);
        if (close < 0) throw new Error("named capturing group is missing trailing '}'");
        const name = replacement.slice(i + 1, close);
        const value = m.groups?.[name];
        if (m.groups === undefined || !(name in m.groups)) throw new Error(`No group with name {${name}}`);
        out += value ?? '';
        i = close;
      } else {
        const first = replacement[i] as string;
        if (!/[0-9]/.test(first)) throw new Error('Illegal group reference');
        let group = Number(first);
        if (group >= m.length) throw new Error(`No group ${group}`);
        while (i + 1 < replacement.length && /[0-9]/.test(replacement[i + 1] as string)) {
          const next = group * 10 + Number(replacement[i + 1]);
          if (next >= m.length) break;
          group = next;
          i++;
        }
        out += m[group] ?? '';
      }
    } else out += ch;
  }
  return out;
}

function replace(input: string, pattern: string, replacement: string, all: boolean): string {
  const re = javaRegex(pattern);
  let out = '';
  let index = 0;
  for (const m of findAll(input, re)) {
    out += input.slice(index, m.index) + expandReplacement(replacement, m);
    index = m.index + m[0].length;
    if (!all) break;
  }
  return out + input.slice(index);
}

/** Java's `String.replaceAll(regex, replacement)`. */
export function javaReplaceAll(input: string, pattern: string, replacement: string): string {
  return replace(input, pattern, replacement, true);
}

/** Java's `String.replaceFirst(regex, replacement)`. */
export function javaReplaceFirst(input: string, pattern: string, replacement: string): string {
  return replace(input, pattern, replacement, false);
}

/** A sticky RegExp matching at `lastIndex` only, as Java's `Matcher.lookingAt()` from index 0. */
export function javaPrefixRegex(pattern: string): RegExp {
  const t = translated(pattern);
  return new RegExp(t.source, `${t.flags}y`);
}

/**
 * A sticky RegExp that matches only the entire input from `lastIndex` 0, as Java's `Matcher.matches()`.
 * The end is a lookahead for "no character left", which, unlike `$`, a `(?m)` flag cannot move.
 */
export function javaEntireRegex(pattern: string): RegExp {
  const t = translated(pattern);
  return new RegExp(`(?:${t.source})(?![\\s\\S])`, `${t.flags}y`);
}

/** Java's `Matcher.find(from)`: the first match at or after `from` (anchors and lookbehinds still see the whole input). */
export function javaFindFrom(re: RegExp, input: string, from: number): RegExpExecArray | null {
  if (from < 0 || from > input.length) throw new RangeError('Illegal start index');
  re.lastIndex = from;
  return re.exec(input);
}

/** Runs a sticky RegExp from the start of the input (`lookingAt` or `matches`). */
export function javaTestFromStart(re: RegExp, input: string): boolean {
  re.lastIndex = 0;
  return re.test(input);
}
