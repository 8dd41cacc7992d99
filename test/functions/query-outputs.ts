/** Runs an app of function calls end to end, for the library tests that check them inside queries. */
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';

/** Four events of `S (symbol string, price double, volume long)`, a symbol repeated. */
export const STOCK_EVENTS: readonly unknown[][] = [
  ['IBM', 75.5, 100],
  ['WSO2', 57.25, 200],
  ['IBM', 80.0, 300],
  ['ORCL', 12.0, 400],
];

/**
 * Runs `app` on a virtual clock, sends `events` to its stream `S` one by one, shuts it down, and gives the
 * data of the current events each of the named queries output, in order.
 */
export function queryOutputs(
  app: string,
  queries: readonly string[],
  events: readonly unknown[][],
): Record<string, unknown[][]> {
  const r = new SiddhiManager({ clock: 'virtual', logger: memoryLogger() }).createSiddhiAppRuntime(app);
  const got: Record<string, unknown[][]> = {};
  for (const q of queries) {
    const out: unknown[][] = (got[q] = []);
    r.addQueryCallback(q, (_ts, ins) => {
      for (const e of ins ?? []) out.push(e.data);
    });
  }
  r.start();
  const s = r.getInputHandler('S');
  for (const e of events) s.send(e);
  void r.shutdown();
  return got;
}
