/**
 * Parse a generated ~500-line SiddhiQL app 50 times (after 30 warm-up runs) and print the median time, then the same for parse + validate.
 * `--dist` measures the tsc-compiled parser and checker (`npm run build` first) instead of `src/` through tsx;
 * `--print` prints the app.
 */
import type * as ParserModule from '../src/lang/parser/index.js';
import type * as CheckModule from '../src/lang/check/index.js';
import type * as BuiltinsModule from '../src/engine/builtins.js';

const root = process.argv.includes('--dist') ? '../dist' : '../src';
const { parseSiddhiApp } = (await import(`${root}/lang/parser/index.js`)) as typeof ParserModule;
const { checkApp } = (await import(`${root}/lang/check/index.js`)) as typeof CheckModule;
const { builtinRegistry } = (await import(`${root}/engine/builtins.js`)) as typeof BuiltinsModule;

function generateApp(): string {
  const lines: string[] = ["@app:name('Bench')", "@app:statistics(reporter = 'console')"];
  for (let i = 0; i < 40; i++) {
    lines.push(
      `@source(type = 'http', receiver.url = 'http://0.0.0.0:80/s${i}', @map(type = 'json'))`,
      `define stream S${i} (symbol string, price double, volume long, ts long);`,
    );
  }
  lines.push("@PrimaryKey('symbol')", 'define table T (symbol string, price double);');
  for (let i = 0; i < 40; i++) {
    const n = (i + 1) % 40;
    lines.push(
      `@info(name = 'filter${i}')`,
      `from S${i}[price > ${i}.5 and symbol != 'X']#window.time(${i + 1} sec)`,
      `select symbol, avg(price) as avgPrice, sum(volume) as total`,
      `group by symbol having total > 10 order by avgPrice desc limit 5`,
      `output last every 2 sec`,
      `insert into Out${i};`,
      `@info(name = 'pattern${i}')`,
      `from every e1=S${i}[price > 20] -> e2=S${n}[price > e1.price] within 5 min`,
      `select e1.symbol as s1, e2.price - e1.price as diff`,
      `insert into Rise${i};`,
    );
  }
  lines.push('partition with (symbol of S0)', 'begin');
  for (let i = 0; i < 10; i++) {
    lines.push(`from S0#window.length(${i + 2}) select symbol, max(price) as mx insert into #P${i};`);
  }
  lines.push('end;');
  return lines.join('\n');
}

const app = generateApp();
if (process.argv.includes('--print')) {
  console.log(app);
  process.exit(0);
}
const lineCount = app.split('\n').length;
const check = parseSiddhiApp(app);
if (check.diagnostics.length > 0) throw new Error(`bench app does not parse: ${check.diagnostics[0]?.message}`);
const RUNS = 50;
for (let i = 0; i < 30; i++) parseSiddhiApp(app); // warm up (the JIT optimises the parser's hot paths)
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  parseSiddhiApp(app);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = (values: number[]): number => (values[RUNS / 2 - 1]! + values[RUNS / 2]!) / 2;
console.log(
  `${root === '../dist' ? 'dist' : 'src'}: parse ${lineCount}-line app: ${median(times).toFixed(2)} ms (median of ${RUNS})`,
);

// Parse and validate, as the editor does on every keystroke.
const catalog = builtinRegistry();
const both: number[] = [];
for (let i = 0; i < 10; i++) checkApp(check.app!, catalog); // warm up
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const r = parseSiddhiApp(app);
  if (r.app) checkApp(r.app, catalog);
  both.push(performance.now() - t0);
}
both.sort((a, b) => a - b);
console.log(
  `${root === '../dist' ? 'dist' : 'src'}: parse and validate ${lineCount}-line app: ${median(both).toFixed(2)} ms (median of ${RUNS})`,
);
