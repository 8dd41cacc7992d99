/** Test helpers for the parser tests: parse and drop spans so ASTs compare by shape. */
import assert from 'node:assert/strict';
import type { Expression, OnDemandQuery, Query, SiddhiApp } from '../../src/lang/ast.js';
import { parseExpression, parseOnDemandQuery, parseSiddhiApp } from '../../src/lang/parser/index.js';

/** A deep copy without `span` keys and without undefined properties. */
export function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'span' || v === undefined) continue;
      out[k] = strip(v);
    }
    return out;
  }
  return value;
}

export function app(text: string): SiddhiApp {
  const r = parseSiddhiApp(text);
  assert.deepEqual(r.diagnostics, [], `unexpected diagnostics for: ${text}`);
  assert.ok(r.app);
  return r.app;
}

/** The first query of an app made of `text` alone. */
export function query(text: string): Query {
  const el = app(text).elements[0];
  assert.ok(el && el.kind === 'query');
  return el;
}

export function expr(text: string): unknown {
  const r = parseExpression(text);
  assert.deepEqual(r.diagnostics, [], `unexpected diagnostics for: ${text}`);
  return strip(r.expression as Expression);
}

export function onDemand(text: string): unknown {
  const r = parseOnDemandQuery(text);
  assert.deepEqual(r.diagnostics, [], `unexpected diagnostics for: ${text}`);
  return strip(r.query as OnDemandQuery);
}

/** Messages (with line:column) of a text that must fail. */
export function errors(text: string): string[] {
  const r = parseSiddhiApp(text);
  assert.equal(r.app, undefined);
  return r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
}

export const v = (name: string, streamId?: string): unknown =>
  streamId ? { kind: 'variable', name, streamId } : { kind: 'variable', name };
export const int = (value: number): unknown => ({ kind: 'constant', type: 'int', value });
export const str = (value: string): unknown => ({ kind: 'constant', type: 'string', value });
export const bin = (op: string, left: unknown, right: unknown): unknown => ({ kind: 'binary', op, left, right });
export const single = (streamId: string, handlers: unknown[] = [], extra: Record<string, unknown> = {}): unknown => ({
  kind: 'single',
  streamId,
  isInnerStream: false,
  isFaultStream: false,
  handlers,
  ...extra,
});
export const insert = (target: string, extra: Record<string, unknown> = {}): unknown => ({
  kind: 'insert',
  target,
  isInnerStream: false,
  isFaultStream: false,
  ...extra,
});
export const selectAll = { selectAll: true, attributes: [], groupBy: [], orderBy: [] };
