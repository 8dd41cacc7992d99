import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bin, int, query, single, strip, v } from './parser-helpers.js';

const DEFS = 'define stream S (p int); define stream T (p int); define stream U (p int); ';
const input = (from: string): unknown => strip(query(`${DEFS}from ${from} select * insert into O`).input);
const ref = (eventRef: string, streamId: string, handlers: unknown[] = []): unknown => ({
  kind: 'streamState',
  eventRef,
  stream: single(streamId, handlers),
});
const next = (first: unknown, nxt: unknown): unknown => ({ kind: 'nextState', first, next: nxt });

describe('parser: patterns', () => {
  test('every, followed-by and event references, nested to the right', () => {
    assert.deepEqual(input('every e1=S[p > 1] -> e2=T -> e3=U within 5 sec'), {
      kind: 'pattern',
      state: next(
        { kind: 'everyState', element: ref('e1', 'S', [{ kind: 'filter', condition: bin('>', v('p'), int(1)) }]) },
        next(ref('e2', 'T'), ref('e3', 'U')),
      ),
      withinMillis: 5000,
    });
  });

  test('a single event reference is a pattern; a bare stream is not', () => {
    assert.deepEqual(input('e1=S'), { kind: 'pattern', state: ref('e1', 'S') });
    assert.deepEqual(input('S'), single('S'));
  });

  test('every over a parenthesised group; a trailing within belongs to the pattern', () => {
    assert.deepEqual(input('every (e1=S -> e2=T) within 2 sec'), {
      kind: 'pattern',
      state: { kind: 'everyState', element: next(ref('e1', 'S'), ref('e2', 'T')) },
      withinMillis: 2000,
    });
    assert.deepEqual(input('(e1=S -> e2=T) within 1 sec -> e3=U'), {
      kind: 'pattern',
      state: next(
        { kind: 'groupState', element: next(ref('e1', 'S'), ref('e2', 'T')), withinMillis: 1000 },
        ref('e3', 'U'),
      ),
    });
  });

  test('logical and / or, absent streams with and without for', () => {
    assert.deepEqual(input('e1=S and e2=T -> e3=U'), {
      kind: 'pattern',
      state: next({ kind: 'logicalState', op: 'and', left: ref('e1', 'S'), right: ref('e2', 'T') }, ref('e3', 'U')),
    });
    assert.deepEqual(input('e1=S or e2=T'), {
      kind: 'pattern',
      state: { kind: 'logicalState', op: 'or', left: ref('e1', 'S'), right: ref('e2', 'T') },
    });
    assert.deepEqual(input('not S[p > 1] for 1 sec -> e2=T'), {
      kind: 'pattern',
      state: next(
        {
          kind: 'absentState',
          stream: single('S', [{ kind: 'filter', condition: bin('>', v('p'), int(1)) }]),
          forMillis: 1000,
        },
        ref('e2', 'T'),
      ),
    });
    assert.deepEqual(input('not S and e2=T'), {
      kind: 'pattern',
      state: {
        kind: 'logicalState',
        op: 'and',
        left: { kind: 'absentState', stream: single('S') },
        right: ref('e2', 'T'),
      },
    });
    assert.deepEqual(input('e1=S -> every not T for 900 milliseconds'), {
      kind: 'pattern',
      state: next(ref('e1', 'S'), {
        kind: 'everyState',
        element: { kind: 'absentState', stream: single('T'), forMillis: 900 },
      }),
    });
  });

  test('counting: <n>, <n:m>, <n:>, <:m>', () => {
    const count = (text: string): unknown => {
      const i = input(`e1=S${text} -> e2=T`) as { state: { first: { min: number; max: number } } };
      return [i.state.first.min, i.state.first.max];
    };
    assert.deepEqual(count('<2>'), [2, 2]);
    assert.deepEqual(count('<2:5>'), [2, 5]);
    assert.deepEqual(count('<2:>'), [2, -1]);
    assert.deepEqual(count('<:5>'), [0, 5]);
    assert.deepEqual(input('e1=S<1:3>'), {
      kind: 'pattern',
      state: { kind: 'countState', element: ref('e1', 'S'), min: 1, max: 3 },
    });
  });

  test('e1 is null names the event reference; other names stay attributes', () => {
    const q = query(`${DEFS}from e1=S -> not T and e2=U[e1 is null or p is null] select * insert into O`);
    const state = strip(q.input) as { state: { next: { right: { stream: { handlers: { condition: unknown }[] } } } } };
    assert.deepEqual(
      state.state.next.right.stream.handlers[0]!.condition,
      bin('or', { kind: 'isNullStream', streamId: 'e1' }, { kind: 'isNull', operand: v('p') }),
    );
    const idx = query(`${DEFS}from e1=S<2> -> e2=T select e1[1] is null as x insert into O`);
    assert.deepEqual(strip(idx.selector.attributes[0]!.expression), {
      kind: 'isNullStream',
      streamId: 'e1',
      streamIndex: { kind: 'at', index: 1 },
    });
  });

  test("an indexed name before 'is null' is an event reference, even in its own state's condition", () => {
    const q = query(`${DEFS}from every e1=S, e2=T[e2[last-1] is null]+ select e1.p as p insert into O`);
    const state = strip(q.input) as {
      state: { next: { element: { stream: { handlers: { condition: unknown }[] } } } };
    };
    assert.deepEqual(state.state.next.element.stream.handlers[0]!.condition, {
      kind: 'isNullStream',
      streamId: 'e2',
      streamIndex: { kind: 'last', minus: 1 },
    });
  });
});

describe('parser: sequences', () => {
  test('comma-separated steps with quantifiers', () => {
    assert.deepEqual(input('every e1=S, e2=T+, e3=U*, e4=S?'), {
      kind: 'sequence',
      state: next(
        { kind: 'everyState', element: ref('e1', 'S') },
        next(
          { kind: 'countState', element: ref('e2', 'T'), min: 1, max: -1 },
          next(
            { kind: 'countState', element: ref('e3', 'U'), min: 0, max: -1 },
            {
              kind: 'countState',
              element: ref('e4', 'S'),
              min: 0,
              max: 1,
            },
          ),
        ),
      ),
    });
  });

  test('within and absent steps in sequences', () => {
    assert.deepEqual(input('e1=S, not T for 1 sec within 5 sec'), {
      kind: 'sequence',
      state: next(ref('e1', 'S'), { kind: 'absentState', stream: single('T'), forMillis: 1000 }),
      withinMillis: 5000,
    });
  });
});
