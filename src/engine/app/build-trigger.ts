/** `define trigger T at 'start' | every <time> | '<cron>'`: a stream T(triggered_time long) fed by the clock. */
import type { TriggerDefinition } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';
import { CURRENT } from '../event/stream-event.js';
import type { TimerHandle } from '../time/scheduler.js';
import type { AppContext } from './app-context.js';
import { nextCronTime, parseCron } from '../time/cron.js';

export function buildTrigger(ctx: AppContext, def: TriggerDefinition): void {
  const junction = ctx.junctionFor(def.id, [{ name: 'triggered_time', type: 'long' }]);
  const fire = (t: number): void => junction.send([{ timestamp: t, data: [t], type: CURRENT }]);
  let handle: TimerHandle | undefined;
  const at = def.at;
  let next: (from: number) => number;
  if (at.kind === 'start') {
    ctx.lifecycle.push({ start: () => fire(ctx.scheduler.now()) });
    return;
  } else if (at.kind === 'every') {
    if (at.millis <= 0) throw new CompileError(`trigger '${def.id}': the period must be positive`, def.span);
    next = (from) => from + at.millis;
  } else {
    let cron: ReturnType<typeof parseCron>;
    try {
      cron = parseCron(at.expression);
    } catch (e) {
      throw new CompileError(
        `trigger '${def.id}': invalid cron expression '${at.expression}': ${(e as Error).message}`,
        def.span,
      );
    }
    next = (from) => nextCronTime(cron, from);
  }
  const schedule = (from: number): void => {
    handle = ctx.scheduler.schedule(next(from), (t) => {
      fire(t);
      schedule(t);
    });
  };
  ctx.lifecycle.push({
    start: () => schedule(ctx.scheduler.now()),
    stop: () => {
      if (handle) ctx.scheduler.cancel(handle);
    },
  });
}
