import type { Db } from '../db/database.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { scopeOf } from '../auth/scope.js';
import { todayInChina } from '../clock.js';
import { channelsFromEnv, type InfoLog } from '../modules/notifications/adapters.js';
import { createNotifier, type Notifier } from '../modules/notifications/notifier.js';
import { runOverdueJob } from './overdue-job.js';
import { lastSucceeded } from './overdue.repository.js';

/**
 * The in-process scheduler: the overdue job once a day at OVERDUE_JOB_AT (HH:MM, China time, default
 * 00:30), and at start-up when today's run is missing and that time has passed (the server was down).
 * JOBS_SCHEDULER=0 switches it off (e.g. on all but one of several servers, or to run the job from
 * cron with `npm run cli -- jobs:run overdue`). Several servers may all schedule it: the job's advisory
 * lock lets one run, and a server that finds today's run done does not start another.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;

export function parseRunAt(v: string | undefined): { h: number; m: number } {
  const s = (v ?? '').trim() || '00:30';
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (!m) throw new Error(`OVERDUE_JOB_AT must be HH:MM (China time, 24-hour), got "${s}"`);
  return { h: Number(m[1]), m: Number(m[2]) };
}

/** The instant h:m China time (UTC+8, no daylight saving) on the China calendar day of `now`. */
function todayAt(now: Date, at: { h: number; m: number }): number {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  return Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate(), at.h, at.m) - CHINA_OFFSET_MS;
}

/** The next instant after `now` at which China time reads h:m. */
export function nextRunAt(now: Date, at: { h: number; m: number }): Date {
  const t = todayAt(now, at);
  return new Date(t > now.getTime() ? t : t + 86_400_000);
}

/** Whether h:m China time has come on `now`'s China day. */
export function passedToday(now: Date, at: { h: number; m: number }): boolean {
  return now.getTime() >= todayAt(now, at);
}

export interface Scheduler {
  stop(): void;
  /** The instant of the next scheduled run. */
  readonly next: Date | null;
}

export function startScheduler(db: Db, log: InfoLog & { error(obj: object, msg: string): void }, env: NodeJS.ProcessEnv = process.env, notifier?: Notifier): Scheduler {
  if (env.JOBS_SCHEDULER === '0') {
    log.info({}, 'job scheduler off (JOBS_SCHEDULER=0)');
    return { stop() {}, next: null };
  }
  const at = parseRunAt(env.OVERDUE_JOB_AT);
  const n = notifier ?? createNotifier(channelsFromEnv(env, log));
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const state = { next: null as Date | null };

  const run = async (why: string) => {
    const today = todayInChina();
    if (await lastSucceeded(db, 'overdue', today)) return;
    const r = await runOverdueJob(db, { today, scope: scopeOf(null), trigger: 'schedule', actor: SYSTEM_ACTOR, notifier: n });
    if (r.status === 'failed') log.error({ run: r.id, error: r.error }, `overdue job (${why}) failed`);
    else log.info({ run: r.id, status: r.status, counts: r.counts }, `overdue job (${why}) ${r.status}`);
  };
  const arm = () => {
    if (stopped) return;
    state.next = nextRunAt(new Date(), at);
    timer = setTimeout(() => {
      void run('daily')
        .catch((err: Error) => log.error({ err: err.message }, 'overdue job could not run'))
        .finally(arm);
    }, state.next.getTime() - Date.now());
    timer.unref();
  };
  // Catch up when the server starts after today's time without today's run.
  if (passedToday(new Date(), at)) {
    const t = setTimeout(() => void run('catch-up at start').catch((err: Error) => log.error({ err: err.message }, 'overdue job could not run')), 5_000);
    t.unref();
  }
  arm();
  log.info({ next: state.next?.toISOString() }, `overdue job scheduled daily at ${String(at.h).padStart(2, '0')}:${String(at.m).padStart(2, '0')} China time`);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    get next() {
      return state.next;
    },
  };
}
