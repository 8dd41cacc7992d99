import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { SiddhiAppCreationError } from '../../src/lang/errors.js';
import { substituteVariables } from '../../src/lang/variables.js';

const manager = (variables?: Record<string, string>): SiddhiManager =>
  new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger(), ...(variables ? { variables } : {}) });

function creationError(f: () => unknown): SiddhiAppCreationError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof SiddhiAppCreationError, String(e));
    return e;
  }
  assert.fail('expected a creation error');
}

describe('${NAME} variables in app text', () => {
  test('are replaced from the manager variables, then the environment, everywhere in the text', () => {
    process.env['TRIBUTARY_TEST_LIMIT'] = '10';
    try {
      const r = manager({ IN: 'Orders', LABEL: 'big' }).createSiddhiAppRuntime(
        "define stream ${IN} (id string, qty int);\n@info(name='q') from ${IN}[qty > ${TRIBUTARY_TEST_LIMIT}] select id, '${LABEL}' as label insert into Out;",
      );
      const out: unknown[][] = [];
      r.addStreamCallback('Out', (events) => out.push(...events.map((e) => e.data)));
      r.start();
      const h = r.getInputHandler('Orders');
      h.send(['a', 5]);
      h.send(['b', 11]);
      assert.deepEqual(out, [['b', 'big']]);
      // The runtime keeps the text as written (what the server shows and saves).
      assert.match(r.text, /^define stream \$\{IN\} /);
    } finally {
      delete process.env['TRIBUTARY_TEST_LIMIT'];
    }
  });

  test('a manager variable wins over an environment variable of the same name', () => {
    process.env['TRIBUTARY_TEST_NAME'] = 'FromEnv';
    try {
      const r = manager({ TRIBUTARY_TEST_NAME: 'Given' }).createSiddhiAppRuntime(
        'define stream ${TRIBUTARY_TEST_NAME} (a int);',
      );
      assert.deepEqual(r.getStreamNames(), ['Given']);
    } finally {
      delete process.env['TRIBUTARY_TEST_NAME'];
    }
  });

  test('a variable without a value is an error at its position, reported without a parse error after it', () => {
    const e = creationError(() =>
      manager().createSiddhiAppRuntime(
        'define stream S (a int);\nfrom S[a > ${TRIBUTARY_NO_SUCH_VAR}] select a insert into O;',
      ),
    );
    assert.deepEqual(
      e.diagnostics.map((d) => [d.line, d.column, d.offset, d.endOffset, d.message]),
      [
        [
          2,
          12,
          36,
          60,
          "no value for '${TRIBUTARY_NO_SUCH_VAR}': set the environment variable TRIBUTARY_NO_SUCH_VAR (or pass it in the SiddhiManager's variables)",
        ],
      ],
    );
    // Positions of missing variables are those as written, also after a variable that has a value.
    assert.deepEqual(
      manager({ IN: 'In' })
        .checkSiddhiApp('define stream ${IN} (a int); from ${IN}[a > ${TRIBUTARY_NO_SUCH_VAR}] select a insert into O;')
        .map((x) => [x.line, x.column]),
      [[1, 45]],
    );
  });

  test('errors after a substituted value point into the text as written, not the substituted one', () => {
    const text = 'define stream ${IN} (a int);\nfrom ${IN}[b > 1] select a insert into O;';
    const e = creationError(() => manager({ IN: 'AVeryLongStreamName' }).createSiddhiAppRuntime(text));
    const d = e.diagnostics[0]!;
    assert.equal(text.slice(d.offset, d.endOffset), 'b');
    assert.deepEqual([d.line, d.column], [2, 12]);
    assert.match(d.message, /unknown attribute 'b' in 'AVeryLongStreamName'/);
    assert.deepEqual(
      manager({ IN: 'X' })
        .checkSiddhiApp(text)
        .map((x) => [x.line, x.column]),
      [[2, 12]],
    );
  });

  test('only ${word} is a variable: ${a.b}, $x and a text without any are left as they are', () => {
    const none = substituteVariables('-- see ${carbon.home}/x and $HOME\ndefine stream S (a int);', () => 'X');
    assert.equal(none.text, '-- see ${carbon.home}/x and $HOME\ndefine stream S (a int);');
    assert.deepEqual(none.diagnostics, []);
    const twice = substituteVariables('${A}-${A}-${B}', (n) => ({ A: 'aa', B: '' })[n]);
    assert.equal(twice.text, 'aa-aa-');
    // Offsets inside a value map to the variable's start; offsets after it shift back.
    const d = { line: 1, column: 1, offset: 3, endOffset: 5, message: 'm', severity: 'error' as const };
    assert.deepEqual(twice.toWritten(d), { ...d, line: 1, column: 6, offset: 5, endOffset: 9 });
  });
});
