/**
 * The SiddhiQL parser: text to the AST of `../ast.ts`, with every syntax error as a `Diagnostic`.
 * It never throws for bad input. One lexer and one parser instance serve every call.
 */
import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import { EOF } from './chevrotain.js';
import type { Expression, OnDemandQuery, SiddhiApp } from '../ast.js';
import { diagnosticAt, type Diagnostic } from '../errors.js';
import { SiddhiParser } from './siddhi-parser.js';
import { positionAt, spanOf } from './span.js';
import { siddhiLexer } from './tokens.js';

let instance: SiddhiParser | undefined;

function parser(): SiddhiParser {
  instance ??= new SiddhiParser();
  return instance;
}

function lexingDiagnostic(text: string, e: ILexingError): Diagnostic {
  const offset = e.offset;
  const bad = text.slice(offset, offset + Math.max(1, e.length));
  const start = positionAt(text, offset);
  const rest = text.slice(offset).split(/\r?\n/)[0] ?? '';
  const message =
    bad.startsWith("'") || bad.startsWith('"')
      ? `unterminated string ${rest.length > 30 ? rest.slice(0, 30) + '...' : rest} (strings end on the same line, and '...' strings cannot contain quotes)`
      : `unexpected character '${bad}'`;
  return {
    line: e.line ?? start.line,
    column: e.column ?? start.column,
    offset,
    endOffset: offset + Math.max(1, e.length),
    message,
    severity: 'error',
  };
}

function tokenDiagnostic(text: string, token: IToken, message: string): Diagnostic {
  if (token.tokenType === EOF || !Number.isFinite(token.startOffset)) {
    const end = positionAt(text, text.length);
    return {
      line: end.line,
      column: end.column,
      offset: text.length,
      endOffset: text.length,
      message,
      severity: 'error',
    };
  }
  return diagnosticAt(spanOf(token, token), message);
}

function recognitionDiagnostic(text: string, e: IRecognitionException): Diagnostic {
  return tokenDiagnostic(text, e.token, e.message);
}

type Entry = 'app' | 'onDemandQuery' | 'expression';

function run<R>(text: string, entry: Entry): { result: R | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lexed = siddhiLexer.tokenize(text);
  for (const e of lexed.errors) diagnostics.push(lexingDiagnostic(text, e));
  const p = parser();
  p.resetState();
  p.input = lexed.tokens;
  let result: unknown;
  try {
    result = entry === 'app' ? p.app() : entry === 'onDemandQuery' ? p.onDemandQuery() : p.expression();
  } catch (err) {
    // Embedded actions can meet half-built nodes after error recovery; the syntax errors explain the problem.
    if (p.errors.length === 0 && diagnostics.length === 0) {
      diagnostics.push({
        line: 1,
        column: 1,
        offset: 0,
        endOffset: 0,
        message: `internal parser error: ${err instanceof Error ? err.message : String(err)}`,
        severity: 'error',
      });
    }
    result = undefined;
  }
  for (const e of p.errors) diagnostics.push(recognitionDiagnostic(text, e));
  for (const pr of p.problems) diagnostics.push(diagnosticAt(pr.span, pr.message));
  diagnostics.sort((a, b) => a.offset - b.offset);
  const failed = diagnostics.some((d) => d.severity === 'error');
  return { result: failed ? undefined : (result as R), diagnostics };
}

/** Parse a whole SiddhiQL app. `app` is undefined when there are syntax errors. */
export function parseSiddhiApp(text: string): { app: SiddhiApp | undefined; diagnostics: Diagnostic[] } {
  const { result, diagnostics } = run<SiddhiApp>(text, 'app');
  return { app: result, diagnostics };
}

/** Parse an on-demand (store) query: `from T on cond select ...`, `delete T on ...`, `select ... insert into T`, ... */
export function parseOnDemandQuery(text: string): { query: OnDemandQuery | undefined; diagnostics: Diagnostic[] } {
  const { result, diagnostics } = run<OnDemandQuery>(text, 'onDemandQuery');
  return { query: result, diagnostics };
}

/** Parse one expression, e.g. `price * 2 > 100 and symbol == 'IBM'`. */
export function parseExpression(text: string): { expression: Expression | undefined; diagnostics: Diagnostic[] } {
  const { result, diagnostics } = run<Expression>(text, 'expression');
  return { expression: result, diagnostics };
}
