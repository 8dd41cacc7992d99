/** Parse a generated ~500-line SiddhiQL app 20 times and print the median time. */
import { parseSiddhiApp } from '../src/lang/parser/index.js';

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
const lineCount = app.split('\n').length;
const check = parseSiddhiApp(app);
if (check.diagnostics.length > 0) throw new Error(`bench app does not parse: ${check.diagnostics[0]?.message}`);
for (let i = 0; i < 10; i++) parseSiddhiApp(app); // warm up
const times: number[] = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  parseSiddhiApp(app);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = (times[9]! + times[10]!) / 2;
console.log(`parse ${lineCount}-line app: ${median.toFixed(2)} ms (median of 20)`);
