/**
 * Cuts whole elements of one name out of XML text that arrives in pieces (`enable.streaming.xml.content`
 * of the xml source mapper: a file read line by line, a document split over messages). Each piece is
 * trimmed and its line breaks removed, as Siddhi does, then appended to what is buffered; every complete
 * `<name .../>` or `<name ...>...</name>` in the buffer is returned, and what follows the last one is kept
 * for the next piece. Text outside such elements (the root, other elements) is skipped.
 */
export class XmlElementChunker {
  private buffer = '';
  private readonly open: string;
  private readonly close: string;

  constructor(name: string) {
    this.open = `<${name}`;
    this.close = `</${name}>`;
  }

  /** Appends a piece of the stream; returns the texts of the elements it completed, in order. */
  push(piece: string): string[] {
    this.buffer += piece.trim().replace(/\n/g, '');
    const out: string[] = [];
    for (;;) {
      const start = this.startOfElement();
      if (start < 0) {
        this.keepPartialTag();
        return out;
      }
      this.buffer = this.buffer.slice(start);
      const end = this.endOfElement();
      if (end < 0) return out;
      out.push(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end);
    }
  }

  /** Where the next start tag of the element begins (`<name` then white space, `>` or `/`), or -1. */
  private startOfElement(): number {
    for (let i = this.buffer.indexOf(this.open); i >= 0; i = this.buffer.indexOf(this.open, i + 1)) {
      const next = this.buffer[i + this.open.length];
      if (next === undefined) return -1; // the tag name may go on in the next piece
      if (next === '>' || next === '/' || /\s/.test(next)) return i;
    }
    return -1;
  }

  /** Where the element that starts the buffer ends (just past `/>` or its end tag), or -1 if not yet. */
  private endOfElement(): number {
    const tagEnd = this.buffer.indexOf('>');
    if (tagEnd < 0) return -1;
    if (this.buffer[tagEnd - 1] === '/') return tagEnd + 1;
    const close = this.buffer.indexOf(this.close, tagEnd);
    return close < 0 ? -1 : close + this.close.length;
  }

  /** With no start tag in the buffer, keeps only a trailing `<...` that may become one. */
  private keepPartialTag(): void {
    const lt = this.buffer.lastIndexOf('<');
    const partial = lt >= 0 && !this.buffer.includes('>', lt) ? this.buffer.slice(lt) : '';
    this.buffer = this.open.startsWith(partial) || partial.startsWith(this.open) ? partial : '';
  }
}
