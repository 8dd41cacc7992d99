/** The `@app:name` of an app's text, or a creation error pointing at the app when it has none. */
import { SiddhiAppCreationError } from '../../lang/errors.js';
import { parseSiddhiApp } from '../../lang/parser/index.js';
import { substituteVariables } from '../../lang/variables.js';

/** Returns the name, or undefined when the text does not parse (creating the app then reports why). */
export function appNameOf(text: string): string | undefined {
  // `@app:name('${APP}')` is named by the environment, as the app's creation will read it; a variable
  // without a value is the error creation would report (not a bad name '${APP}').
  const sub = substituteVariables(text, (name) => process.env[name]);
  if (sub.diagnostics.length > 0) throw new SiddhiAppCreationError(sub.diagnostics);
  const parsed = parseSiddhiApp(sub.text);
  if (!parsed.app) return undefined;
  const a = parsed.app.annotations.find((x) => x.name.toLowerCase() === 'app:name');
  const name = a?.elements[0]?.value;
  if (name === undefined || name.trim() === '') {
    throw new SiddhiAppCreationError([
      {
        line: 1,
        column: 1,
        offset: 0,
        endOffset: 0,
        message: "the app has no name; the server needs one: add @app:name('MyApp') at the top",
        severity: 'error',
      },
    ]);
  }
  if (!/^[\w.-]+$/.test(name)) {
    throw new SiddhiAppCreationError([
      {
        line: a!.span.start.line,
        column: a!.span.start.column,
        offset: a!.span.start.offset,
        endOffset: a!.span.end.offset,
        message: `app name '${name}' may hold only letters, digits, '_', '-' and '.' (it names the app's file and URL)`,
        severity: 'error',
      },
    ]);
  }
  return name;
}
