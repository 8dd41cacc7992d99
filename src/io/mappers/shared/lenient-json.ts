/**
 * Checks text against the lenient JSON that Siddhi's `validate.json='true'` accepts (siddhi-map-json reads
 * the message with Gson in lenient mode and drops it only when that read fails). Besides strict JSON this
 * accepts: unquoted names and values (`{a: undefined}`), single-quoted strings, `=` or `=>` between a name
 * and its value, `;` between members or elements, empty array elements (`[1,,2]`), `//`, `#` and
 * `/* *\/` comments, and the `)]}'` prefix. It rejects what Gson rejects: unbalanced brackets, a missing
 * name or value, a trailing `,` in an object, and anything after the one top-level value.
 */

/** Characters that end an unquoted name or value (Gson's non-literal characters). */
const NOT_LITERAL = new Set(['/', '\\', ';', '#', '=', '{', '}', '[', ']', ':', ',', ' ', '\t', '\f', '\r', '\n']);

class LenientJsonError extends Error {}

class LenientJsonReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** The reason the text is not lenient JSON, or undefined when it is. */
  check(): string | undefined {
    try {
      if (this.text.startsWith(")]}'\n")) this.pos = 5;
      if (this.peekNonWhitespace() === undefined) return undefined; // Gson reads an empty document as null
      this.value();
      if (this.peekNonWhitespace() !== undefined) this.fail('the document was not fully consumed');
      return undefined;
    } catch (e) {
      if (e instanceof LenientJsonError) return e.message;
      throw e;
    }
  }

  private fail(what: string): never {
    throw new LenientJsonError(`${what} at character ${this.pos}`);
  }

  /** Skips white space and comments; returns the next character without consuming it. */
  private peekNonWhitespace(): string | undefined {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos] as string;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.pos++;
      } else if (c === '#' || (c === '/' && t[this.pos + 1] === '/')) {
        const end = t.indexOf('\n', this.pos);
        this.pos = end < 0 ? t.length : end + 1;
      } else if (c === '/' && t[this.pos + 1] === '*') {
        const end = t.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated comment');
        this.pos = end + 2;
      } else {
        return c;
      }
    }
    return undefined;
  }

  private next(): string | undefined {
    const c = this.peekNonWhitespace();
    if (c !== undefined) this.pos++;
    return c;
  }

  private value(): void {
    const c = this.peekNonWhitespace();
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"' || c === "'") this.quoted();
    else if (c !== undefined && !NOT_LITERAL.has(c)) this.literal();
    else this.fail('expected a value');
  }

  private object(): void {
    this.pos++; // '{'
    if (this.peekNonWhitespace() === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      const c = this.peekNonWhitespace();
      if (c === '"' || c === "'") this.quoted();
      else if (c !== undefined && !NOT_LITERAL.has(c)) this.literal();
      else this.fail('expected a name');
      const sep = this.next();
      if (sep === '=') {
        if (this.text[this.pos] === '>') this.pos++;
      } else if (sep !== ':') {
        this.fail("expected ':'");
      }
      this.value();
      const end = this.next();
      if (end === '}') return;
      if (end !== ',' && end !== ';') this.fail('unterminated object');
    }
  }

  private array(): void {
    this.pos++; // '['
    if (this.peekNonWhitespace() === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      const c = this.peekNonWhitespace();
      // An empty element (`[,1]`, `[1,,2]`, `[1,]`) reads as null.
      if (c !== ',' && c !== ';' && c !== ']') this.value();
      const end = this.next();
      if (end === ']') return;
      if (end !== ',' && end !== ';') this.fail('unterminated array');
      if (this.peekNonWhitespace() === ']') {
        this.pos++;
        return;
      }
    }
  }

  private quoted(): void {
    const t = this.text;
    const quote = t[this.pos];
    this.pos++;
    while (this.pos < t.length) {
      const c = t[this.pos++];
      if (c === quote) return;
      if (c === '\\') {
        if (this.pos >= t.length) break;
        if (t[this.pos++] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.pos, this.pos + 4))) this.fail('malformed unicode escape');
          this.pos += 4;
        }
      }
    }
    this.fail('unterminated string');
  }

  private literal(): void {
    const t = this.text;
    while (this.pos < t.length && !NOT_LITERAL.has(t[this.pos] as string)) this.pos++;
  }
}

/** Why `text` is not JSON as Gson reads it leniently, or undefined when it is. */
export function lenientJsonProblem(text: string): string | undefined {
  return new LenientJsonReader(text).check();
}
