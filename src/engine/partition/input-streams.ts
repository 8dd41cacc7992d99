/** The single input streams a query reads: its stream, both sides of a join, every stream of a pattern. */
import type { InputStream, SingleInputStream, StateElement } from '../../lang/ast.js';

function ofState(el: StateElement, out: SingleInputStream[]): void {
  switch (el.kind) {
    case 'streamState':
    case 'absentState':
      out.push(el.stream);
      return;
    case 'countState':
      out.push(el.element.stream);
      return;
    case 'logicalState':
      out.push(el.left.stream, el.right.stream);
      return;
    case 'nextState':
      ofState(el.first, out);
      ofState(el.next, out);
      return;
    case 'everyState':
    case 'groupState':
      ofState(el.element, out);
      return;
  }
}

export function inputStreams(input: InputStream): SingleInputStream[] {
  if (input.kind === 'single') return [input];
  if (input.kind === 'join') return [input.left, input.right];
  if (input.kind === 'anonymous') return inputStreams(input.query.input);
  const out: SingleInputStream[] = [];
  ofState(input.state, out);
  return out;
}
