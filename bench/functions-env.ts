/**
 * A projection calling the env: library per event (env:getUserAgentProperty for the browser, the OS and
 * the device, and env:getOriginIPFromXForwarded), in events per second (median of 5), beside plain
 * JavaScript calling the same parser and address function directly.
 *
 * Two lines: traffic whose user agents repeat (200 distinct texts: the parser's cache answers), and
 * traffic whose every user agent is new (each is matched against uap-core's rules, as uap-java does for
 * every call in Siddhi).
 * node --import tsx bench/functions-env.ts [--quick]
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { originIp } from '../src/engine/functions/env/origin-ip.js';
import { defaultUserAgentParser } from '../src/engine/functions/env/ua-parser.js';
import { runFunctionBench } from './function-bench.js';

const APP = `
define stream S (userAgent string, forwardedFor string);
@info(name='q') from S
select env:getUserAgentProperty(userAgent, 'browser') as browser, env:getUserAgentProperty(userAgent, 'os') as os,
       env:getUserAgentProperty(userAgent, 'device') as device, env:getOriginIPFromXForwarded(forwardedFor) as ip
insert into Out;`;

/** A user agent of one of five families, made distinct by `tag`. */
function userAgent(i: number, tag: string): string {
  switch (i % 5) {
    case 0:
      return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.${tag}.0 Safari/537.36`;
    case 1:
      return `Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.${tag} Mobile/15E148 Safari/604.1`;
    case 2:
      return `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.${tag}`;
    case 3:
      return `Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.${tag}.0 Mobile Safari/537.36`;
    default:
      return `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.${tag}.91`;
  }
}

const forwarded = (i: number): string => `10.0.${i % 250}.7, 192.168.1.${i % 250}, 203.0.113.${i % 250}`;

const repeated: unknown[][] = [];
for (let i = 0; i < 200; i++) repeated.push([userAgent(i, String(i)), forwarded(i)]);

function work(ua: string, header: string): unknown[] {
  const parser = defaultUserAgentParser();
  return [parser.family('browser', ua), parser.family('os', ua), parser.family('device', ua), originIp(header)];
}

runFunctionBench({
  label: 'functions env: (user agent browser/os/device + X-Forwarded-For origin, 200 distinct user agents)',
  app: APP,
  events: repeated,
  expectedOutputs: (n) => n + n / 10,
  baseline: (n) => {
    let sink: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const e = repeated[i % 200]!;
      sink = work(e[0] as string, e[1] as string);
    }
    if (sink.length !== 4) throw new Error('loop');
  },
});

/** Events/s of `n` events whose user agents are all new (tagged `run`), through the engine or directly. */
function newAgentsRate(n: number, run: string, engine: boolean): number {
  const events = Array.from({ length: n }, (_, i) => [userAgent(i, `${run}${i}`), forwarded(i)]);
  if (!engine) {
    const t0 = performance.now();
    let sink: unknown[] = [];
    for (const e of events) sink = work(e[0] as string, e[1] as string);
    if (sink.length !== 4) throw new Error('loop');
    return n / ((performance.now() - t0) / 1000);
  }
  const r = new SiddhiManager({ logger: memoryLogger() }).createSiddhiAppRuntime(APP);
  let outputs = 0;
  r.addQueryCallback('q', (_t, ins) => (outputs += ins ? ins.length : 0));
  r.start();
  const h = r.getInputHandler('S');
  const t0 = performance.now();
  for (const e of events) h.send(e);
  const rate = n / ((performance.now() - t0) / 1000);
  if (outputs !== n) throw new Error(`expected ${n} outputs, got ${outputs}`);
  void r.shutdown();
  return rate;
}

{
  const n = process.argv.includes('--quick') ? 2_000 : 10_000;
  // Compiles every rule once, so that the timed runs measure matching only.
  defaultUserAgentParser().compileAll();
  newAgentsRate(n / 10, 'warm', true);
  const engine: number[] = [];
  const loop: number[] = [];
  for (let r = 0; r < 5; r++) {
    engine.push(newAgentsRate(n, `e${r}x`, true));
    loop.push(newAgentsRate(n, `l${r}x`, false));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[2]!;
  const f = (x: number): string => Math.round(x).toLocaleString('en-US');
  const e = median(engine);
  const l = median(loop);
  console.log(
    `functions env: (the same, every user agent new: ${f(n)} a run): ${f(e)} events/s (median of 5, ${f(Math.min(...engine))}..${f(Math.max(...engine))}) | plain JS ${f(l)} events/s, ratio ${(e / l).toFixed(2)}`,
  );
}
