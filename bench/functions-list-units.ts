/**
 * A projection calling the list: and unitconversion: libraries per event (a list made, added to and read, its
 * size, and two unit conversions), in events per second (median of 5), beside plain JavaScript doing the same.
 * node --import tsx bench/functions-list-units.ts [--quick]
 */
import { runFunctionBench } from './function-bench.js';

const APP = `
define stream S (symbol string, kg double, cm int);
@info(name='q') from S
select list:get(list:add(list:create(symbol, kg), cm, 0), 2) as kg,
       list:size(list:create(symbol, kg, cm)) as n,
       unitconversion:kgTog(kg) as grams, unitconversion:cmToft(cm) as feet
insert into Out;`;

const events: unknown[][] = [];
for (let i = 0; i < 1000; i++) events.push([`IBM${i % 10}`, 75.6 + i, i]);

function baseline(n: number): void {
  let sink: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const e = events[i % 1000]!;
    const list: unknown[] = [e[0], e[1]];
    list.splice(0, 0, e[2]);
    const sized = [e[0], e[1], e[2]];
    sink = [list[2] ?? null, sized.length, (e[1] as number) * 1000, (e[2] as number) * 0.01 * (1 / 0.3048)];
  }
  if (sink.length !== 4) throw new Error('loop');
}

runFunctionBench({
  label: 'functions list:/unitconversion: (list create/add/get/size, kgTog, cmToft per event)',
  app: APP,
  events,
  expectedOutputs: (n) => n + n / 10,
  baseline,
});
