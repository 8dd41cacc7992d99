/** Quartz-style cron expressions (with seconds, `?`, `L`, `W`, `#`) evaluated in UTC on the app clock. */
import { Cron } from 'croner';

export type CronSchedule = Cron;

export function parseCron(expression: string): CronSchedule {
  return new Cron(expression, {
    timezone: 'UTC',
    paused: true,
    legacyMode: true,
    sloppyRanges: true,
    alternativeWeekdays: true,
  });
}

/** The first time strictly after `from` (epoch ms) that the expression matches. */
export function nextCronTime(cron: CronSchedule, from: number): number {
  const next = cron.nextRun(new Date(from));
  if (!next) throw new Error('the cron expression never fires again');
  return next.getTime();
}
