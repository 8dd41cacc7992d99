/** Time amounts written as text in annotations (`'100 millisecond'`, `'2 sec'`, `'1 min 30 sec'`), or plain milliseconds. */
import { parseExpression } from '../../lang/parser/index.js';

/** Milliseconds of a time text, or an error message saying what is wrong. */
export function parseTimeText(text: string): number | string {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  return parseTimeConstant(t);
}

/**
 * Milliseconds of a time constant that must name its unit (`'2 sec'`, not `'2'`), as SiddhiQL time values are
 * written; or an error message saying what is wrong. `@app:playback` reads its times this way.
 */
export function parseTimeConstant(text: string): number | string {
  const t = text.trim();
  const r = parseExpression(t);
  const e = r.expression;
  if (e && e.kind === 'constant' && e.isTime && typeof e.value === 'number') return e.value;
  return `'${text}' is not a time: write a number and a unit, such as '100 millisecond' or '2 sec'`;
}
