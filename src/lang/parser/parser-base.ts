/**
 * The base of the SiddhiQL grammar's layers (a Chevrotain embedded-actions parser): per-parse state, problems the
 * grammar accepts but Siddhi rejects, spans, and small helpers. The layers, each extending the one before:
 * expression-rules (expressions, references, time values), input-rules (streams and handlers, joins, patterns,
 * sequences), query-rules (selection, outputs, queries, on-demand queries), siddhi-parser (app, annotations,
 * definitions, partitions). A rule may call rules of its own layer and the layers below.
 */
import type { AtLeastOneSepMethodOpts, IToken } from 'chevrotain';
import { EmbeddedActionsParser, tokenMatcher } from './chevrotain.js';
import type { Annotation, Span } from '../ast.js';
import { siddhiErrorMessages } from './messages.js';
import { spanOf } from './span.js';
import { emptyFeatures, type ChainFeatures } from './state-input.js';
import * as T from './tokens.js';

/** A problem the grammar accepts but Siddhi's parser rejects (`limit price`, `select a + b` without `as`, ...). */
export interface ParseProblem {
  readonly span: Span;
  readonly message: string;
}

export function withOptional<O extends object, K extends string, V>(obj: O, key: K, value: V | undefined): O {
  if (value !== undefined) (obj as Record<string, unknown>)[key] = value;
  return obj;
}

/**
 * `{ SEP: ',', DEF }` for `AT_LEAST_ONE_SEP`. Building the options here, from a function passed in, keeps per-call
 * function objects out of object literals: esbuild's `keepNames` (tsx) would rename each one on every call.
 * Performance note for the whole parser: rules run on every keystroke in the editor, so alternatives for `OR` are
 * built once (fields ending in `Alts`) and read rule-level values through `this.LA(...)` rather than capturing them.
 */
export function commaSeparated<R>(DEF: () => R): AtLeastOneSepMethodOpts<R> {
  return { SEP: T.Comma, DEF };
}

/** State and helpers every layer of the grammar shares. Layers extend each other; `SiddhiParser` is the last. */
export abstract class ParserBase extends EmbeddedActionsParser {
  /** Problems found while building the AST (reported with the syntax errors). */
  problems: ParseProblem[] = [];
  /** Streams and event references of the query being read (Siddhi's `activeStreams`, for `e1 is null`). */
  protected activeStreams = new Set<string>();
  protected features: ChainFeatures = emptyFeatures();

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 4, errorMessageProvider: siddhiErrorMessages });
  }

  /** Reset per-parse state (call before setting `input`). */
  resetState(): void {
    this.problems = [];
    this.activeStreams = new Set();
    this.features = emptyFeatures();
  }

  protected problem(span: Span, message: string): void {
    this.problems.push({ span, message });
  }

  protected span(start: IToken): Span {
    return spanOf(start, this.LA(0));
  }

  protected isNext(tokenType: typeof T.Name, k = 1): boolean {
    return tokenMatcher(this.LA(k), tokenType);
  }

  protected own(annotations: readonly Annotation[]): Annotation[] {
    return annotations.filter((a) => a && !/^app:/i.test(a.name));
  }
}
