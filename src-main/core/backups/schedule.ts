import { addDays, businessDate } from '../../../src-shared/dates';
import type { AppContext, RunningApp as App } from '../context';
import { getSettings } from '../settings';
import { backupStatus, isBackupRunning, runDailyBackup } from './service';
import { realTimers, type IntervalTimers } from '../../timers';

/** The UTC instant of a wall-clock date and time in a zone (Indonesian zones have no DST). */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const guess = new Date(`${date}T${hhmm}:00.000Z`);
  const local = new Date(
    new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .format(guess)
      .replace(' ', 'T') + '.000Z',
  );
  return new Date(guess.getTime() - (local.getTime() - guess.getTime()));
}

/** The most recent scheduled backup instant at or before `now` (today's slot, else yesterday's). */
export function lastSlot(now: Date, backupTime: string, timeZone: string): Date {
  const today = businessDate(now, timeZone);
  const slot = zonedInstant(today, backupTime, timeZone);
  return slot.getTime() <= now.getTime() ? slot : zonedInstant(addDays(today, -1), backupTime, timeZone);
}

export function nextSlot(now: Date, backupTime: string, timeZone: string): Date {
  return zonedInstant(addDays(businessDate(lastSlot(now, backupTime, timeZone), timeZone), 1), backupTime, timeZone);
}

/**
 * Due when no daily backup was made since the last scheduled slot. Checked at start (catch-up after
 * the PC was off at backup time) and then every minute.
 */
export function dailyBackupDue(app: AppContext): boolean {
  const s = getSettings(app);
  const now = app.clock.now();
  const last = backupStatus(app).lastDaily;
  return !last || new Date(last.at).getTime() < lastSlot(now, s.backupTime, s.timeZone).getTime();
}

/** Runs the daily backup when due; failures are logged and retried on the next tick. */
export async function tickDailyBackup(app: AppContext): Promise<'ran' | 'not-due' | 'busy' | 'failed'> {
  if (isBackupRunning(app)) return 'busy';
  if (!dailyBackupDue(app)) return 'not-due';
  try {
    await runDailyBackup(app);
    return 'ran';
  } catch (err) {
    app.logger.error('daily backup failed', { error: (err as Error).message });
    return 'failed';
  }
}

/** After a failed daily backup (disk full, folder gone), wait this long before trying again. */
export const RETRY_AFTER_FAILURE_MS = 15 * 60_000;

/** BackgroundStarter: catch-up check at start, then one check a minute. */
export function startBackupScheduler(app: App, timers: IntervalTimers = realTimers, everyMs = 60_000): () => void {
  let stopped = false;
  let pausedUntil = 0;
  const tick = () => {
    if (stopped || app.ctx.clock.now().getTime() < pausedUntil) return;
    void tickDailyBackup(app.ctx).then((r) => {
      if (r === 'failed') pausedUntil = app.ctx.clock.now().getTime() + RETRY_AFTER_FAILURE_MS;
    });
  };
  tick();
  const handle = timers.setInterval(tick, everyMs);
  return () => {
    stopped = true;
    timers.clearInterval(handle);
  };
}
