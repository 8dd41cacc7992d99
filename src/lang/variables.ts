/**
 * `${NAME}` variables in app text, as Siddhi's `SiddhiCompiler.updateVariables`: before the app is
 * parsed, each `${NAME}` (NAME of letters, digits and '_') anywhere in the text is replaced by the value
 * the lookup gives (Siddhi: a system property, then an environment variable). A name without a value
 * is an error at its position. Diagnostics found later in the substituted text are mapped back to the
 * text as written, so their line and column point where the user typed them.
 */
import type { Diagnostic } from './errors.js';
import { positionAt } from './parser/span.js';

const VARIABLE = /\$\{(\w+)\}/g;

export interface SubstitutedText {
  /** The text with every variable replaced (the input itself when it has none). */
  readonly text: string;
  /** One error per `${NAME}` the lookup has no value for. */
  readonly diagnostics: readonly Diagnostic[];
  /** A diagnostic of the substituted text, positioned in the text as written. */
  readonly toWritten: (d: Diagnostic) => Diagnostic;
}

interface Replacement {
  /** Where the variable starts, in the written text and in the substituted text. */
  readonly from: number;
  readonly to: number;
  /** Lengths of `${NAME}` and of its value. */
  readonly written: number;
  readonly value: number;
}

export function substituteVariables(text: string, lookup: (name: string) => string | undefined): SubstitutedText {
  if (!text.includes('${')) return { text, diagnostics: [], toWritten: (d) => d };
  const diagnostics: Diagnostic[] = [];
  const replacements: Replacement[] = [];
  let shift = 0;
  const out = text.replace(VARIABLE, (whole: string, name: string, offset: number) => {
    const value = lookup(name);
    if (value === undefined) {
      diagnostics.push({
        ...positionAt(text, offset),
        endOffset: offset + whole.length,
        message: `no value for '${whole}': set the environment variable ${name} (or pass it in the SiddhiManager's variables)`,
        severity: 'error',
      });
      return whole;
    }
    replacements.push({ from: offset, to: offset + shift, written: whole.length, value: value.length });
    shift += value.length - whole.length;
    return value;
  });
  const back = (offset: number): number => {
    let delta = 0;
    for (const r of replacements) {
      if (offset < r.to) break;
      if (offset < r.to + r.value) return r.from;
      delta = r.to + r.value - (r.from + r.written);
    }
    return offset - delta;
  };
  const toWritten = (d: Diagnostic): Diagnostic => {
    if (replacements.length === 0) return d;
    const offset = back(d.offset);
    return { ...d, ...positionAt(text, offset), endOffset: Math.max(offset, back(d.endOffset)) };
  };
  return { text: out, diagnostics, toWritten };
}
