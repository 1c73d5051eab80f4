/**
 * The daily reminder pass: on each business day (ISP zone) the H-n, due-today and overdue reminders
 * of the invoices concerned are queued, once per day (job_runs), in one transaction per day. Days the
 * PC was off are caught up (at most a week back); the worker then cancels what is no longer relevant
 * (an H-3 for a bill already due, a reminder for a bill paid since).
 */
import { addDays, businessDate } from '../../../src-shared/dates';
import { claimReminderDay, lastReminderDay, queueForInvoicesDue } from '../../data/messaging/outbox.repository';
import type { AppContext } from '../context';
import { getSettings } from '../settings';
import { kindSettings, routing } from './config';

export const MAX_CATCH_UP_DAYS = 7;

/** Which invoices a reminder kind concerns on business day `day`: those due on the returned date. */
export function dueDateFor(
  kind: 'reminder_early' | 'reminder_final' | 'due_today' | 'overdue',
  day: string,
  days: number,
) {
  switch (kind) {
    case 'reminder_early':
    case 'reminder_final':
      return addDays(day, days);
    case 'due_today':
      return day;
    case 'overdue':
      return addDays(day, -days);
  }
}

/** Queues the reminders of every business day not yet done up to today. Returns how many per day. */
export function scheduleMessages(app: AppContext): { day: string; queued: number }[] {
  const db = app.sqlite;
  const r = routing(db);
  if (!r) return [];
  const now = app.clock.now();
  const today = businessDate(now, getSettings(app).timeZone);
  const last = lastReminderDay(db);
  let from = last ? addDays(last, 1) : today;
  const earliest = addDays(today, -(MAX_CATCH_UP_DAYS - 1));
  if (from < earliest) from = earliest;
  const kinds = kindSettings(db);
  const out: { day: string; queued: number }[] = [];
  for (let day = from; day <= today; day = addDays(day, 1)) {
    const queued = db
      .transaction(() => {
        // The claim commits with the rows: a crash leaves the day either wholly done or still to do.
        if (!claimReminderDay(db, day, now.toISOString())) return null;
        let n = 0;
        for (const kind of ['reminder_early', 'reminder_final', 'due_today', 'overdue'] as const) {
          const k = kinds[kind];
          if (!k.enabled) continue;
          n += queueForInvoicesDue(db, {
            ...r,
            kind,
            dueDate: dueDateFor(kind, day, k.days ?? 0),
            now: now.toISOString(),
          });
        }
        return n;
      })
      .immediate();
    if (queued !== null) out.push({ day, queued });
  }
  return out;
}
