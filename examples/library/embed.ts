/**
 * Embedding Tributary as a library: tune V8 first, then run an app and read its output.
 * Run it: node --import tsx examples/library/embed.ts
 * (In your own project, import from 'tributary'.)
 */
import { SiddhiManager, tuneV8 } from '../../src/index.js';

// Before any event is sent: V8 reads its inlining budgets when it optimizes a function.
tuneV8();

const manager = new SiddhiManager();
const runtime = manager.createSiddhiAppRuntime(`
  define stream Readings (sensor string, value double);
  @info(name = 'Totals')
  from Readings#window.lengthBatch(3)
  select sensor, sum(value) as total, count() as n
  insert into Totals;
`);
runtime.addStreamCallback('Totals', (events) => {
  for (const e of events) console.log(JSON.stringify(e.data));
});
runtime.start();

const input = runtime.getInputHandler('Readings');
const reading: unknown[] = [];
for (let i = 1; i <= 7; i++) {
  // One array reused for every event: send keeps none of it.
  reading[0] = `s${i % 2}`;
  reading[1] = i * 1.5;
  input.send(reading);
}
await runtime.shutdown();
