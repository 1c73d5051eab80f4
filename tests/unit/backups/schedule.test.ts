import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../../src-shared/dates';
import { selectForPruning, isoWeek } from '../../../src-main/core/backups/retention';
import { lastSlot, startBackupScheduler, tickDailyBackup, zonedInstant } from '../../../src-main/core/backups/schedule';
import { FakeClock, tempDir, testApp, type TestApp } from '../../helpers/app';

const apps: TestApp[] = [];
async function fresh(clock: FakeClock) {
  const t = await testApp({ clock });
  apps.push(t);
  return t;
}
/** A fresh sign-in after the fake clock jumped past the session timeout. */
async function token(t: TestApp) {
  return (await t.ok('auth.login', { username: 'admin', password: 'Rahasia-Kantor-1' })).token;
}
afterEach(() => {
  for (const t of apps.splice(0)) t.close();
});

/**
 * The expected survivors, stated differently from the implementation: group by day/week/month and
 * take the newest item of the most recent groups.
 */
function expectedKeep(dates: string[], keep: { daily: number; weekly: number; monthly: number }): Set<string> {
  const newestFirst = [...dates].sort().reverse();
  const out = new Set<string>([newestFirst[0]!]);
  const take = (key: (d: string) => string, n: number) => {
    const groups = new Map<string, string>();
    for (const d of newestFirst) if (!groups.has(key(d))) groups.set(key(d), d);
    [...groups.values()].slice(0, n).forEach((d) => out.add(d));
  };
  take((d) => d, keep.daily);
  take(isoWeek, keep.weekly);
  take((d) => d.slice(0, 7), keep.monthly);
  return out;
}

describe('retention (keep daily / weekly / monthly)', () => {
  it('keeps the newest backup of the last 7 days, 4 weeks and 12 months of 400 daily backups', () => {
    const days = Array.from({ length: 400 }, (_, i) => addDays('2026-11-24', -i));
    // 02:00 WIB each day = 19:00 UTC the day before.
    const items = days.map((d) => ({ d, createdAt: zonedInstant(d, '02:00', 'Asia/Jakarta') }));
    const pruned = selectForPruning(items, { keepDaily: 7, keepWeekly: 4, keepMonthly: 12 }, 'Asia/Jakarta');
    const kept = new Set(items.filter((i) => !pruned.includes(i)).map((i) => i.d));
    expect(kept).toEqual(expectedKeep(days, { daily: 7, weekly: 4, monthly: 12 }));
    // 7 days + older Sundays of 3 more weeks (this week is among the 7) + month ends not already kept.
    expect(kept.size).toBeLessThanOrEqual(23);
    expect(kept.has('2026-11-24')).toBe(true);
    expect(kept.has('2026-10-31')).toBe(true);
    expect(kept.has('2025-12-31')).toBe(true);
    expect(kept.has('2025-11-30')).toBe(false); // 13th month back
  });

  it('groups by the ISP calendar, not UTC: 01:00 WIB on the 1st belongs to the 1st', () => {
    const a = { createdAt: new Date('2026-10-31T18:00:00.000Z') }; // 01:00 WIB on 1 Nov
    const b = { createdAt: new Date('2026-10-31T10:00:00.000Z') }; // 17:00 WIB on 31 Oct
    const pruned = selectForPruning([a, b], { keepDaily: 1, keepWeekly: 0, keepMonthly: 2 }, 'Asia/Jakarta');
    expect(pruned).toEqual([]); // two different months in WIB
    expect(selectForPruning([a, b], { keepDaily: 1, keepWeekly: 0, keepMonthly: 2 }, 'UTC')).toEqual([b]);
  });
});

describe('daily backup schedule (fake clock)', () => {
  it('computes the slot in the ISP time zone', () => {
    expect(zonedInstant('2026-11-24', '02:00', 'Asia/Jakarta').toISOString()).toBe('2026-11-23T19:00:00.000Z');
    expect(zonedInstant('2026-11-24', '02:00', 'Asia/Makassar').toISOString()).toBe('2026-11-23T18:00:00.000Z');
    expect(zonedInstant('2026-11-24', '02:00', 'Asia/Jayapura').toISOString()).toBe('2026-11-23T17:00:00.000Z');
    // 01:59 WIB: the last slot is yesterday's.
    expect(lastSlot(new Date('2026-11-24T18:59:00.000Z'), '02:00', 'Asia/Jakarta').toISOString()).toBe(
      '2026-11-23T19:00:00.000Z',
    );
    expect(lastSlot(new Date('2026-11-24T19:00:00.000Z'), '02:00', 'Asia/Jakarta').toISOString()).toBe(
      '2026-11-24T19:00:00.000Z',
    );
  });

  it('runs once per day at the configured time, and catches up once after the PC was off', async () => {
    const clock = new FakeClock(Date.parse('2026-11-24T03:00:00.000Z')); // 10:00 WIB
    const t = await fresh(clock);
    expect(await tickDailyBackup(t.app.ctx)).toBe('ran'); // nothing yet: catch-up
    expect(await tickDailyBackup(t.app.ctx)).toBe('not-due');
    clock.set('2026-11-24T18:59:00.000Z'); // 01:59 WIB next day
    expect(await tickDailyBackup(t.app.ctx)).toBe('not-due');
    clock.set('2026-11-24T19:00:00.000Z'); // 02:00 WIB
    expect(await tickDailyBackup(t.app.ctx)).toBe('ran');
    await t.ok('settings.update', { backupTime: '23:30' }, await token(t));
    clock.set('2026-11-25T16:29:00.000Z'); // 23:29 WIB
    expect(await tickDailyBackup(t.app.ctx)).toBe('not-due');
    clock.set('2026-11-25T16:30:00.000Z');
    expect(await tickDailyBackup(t.app.ctx)).toBe('ran');

    // Off for three days; at start the scheduler catches up with exactly one backup.
    clock.set('2026-11-29T01:00:00.000Z');
    const ticks: (() => void)[] = [];
    const done = new Promise<void>((resolve) => {
      const unsub = t.app.ctx.events.subscribe((e) => {
        if (e.name === 'backup.done') {
          unsub();
          resolve();
        }
      });
    });
    const stop = startBackupScheduler(t.app, { setInterval: (fn) => ticks.push(fn), clearInterval: () => undefined });
    await done;
    expect(ticks).toHaveLength(1);
    expect(await tickDailyBackup(t.app.ctx)).toBe('not-due');
    stop();
    const daily = (await t.ok('backups.list', {}, await token(t))).items.filter((i) => i.kind === 'daily');
    // Four runs; 02:00 and 23:30 on the 25th are the same day, so retention keeps only the newer one.
    expect(daily.map((d) => d.createdAt)).toEqual([
      '2026-11-29T01:00:00.000Z',
      '2026-11-25T16:30:00.000Z',
      '2026-11-24T03:00:00.000Z',
    ]);
    expect(daily.every((d) => d.verified)).toBe(true);
  });

  it('prunes old daily backups with the retention settings, leaving manual backups alone', async () => {
    const clock = new FakeClock(Date.parse('2026-09-18T20:00:00.000Z')); // 26 days across a month end
    const t = await fresh(clock);
    await t.ok('settings.update', { backupKeepDaily: 3, backupKeepWeekly: 2, backupKeepMonthly: 2 });
    const manual = await t.ok('backups.create', {});
    const dates: string[] = [];
    for (let i = 0; i < 26; i++) {
      expect(await tickDailyBackup(t.app.ctx)).toBe('ran');
      dates.push(businessDate(clock.now(), 'Asia/Jakarta'));
      clock.advance(86_400_000);
    }
    const list = (await t.ok('backups.list', {}, await token(t))).items;
    const daily = list
      .filter((i) => i.kind === 'daily')
      .map((i) => businessDate(new Date(i.createdAt), 'Asia/Jakarta'));
    expect(new Set(daily)).toEqual(expectedKeep(dates, { daily: 3, weekly: 2, monthly: 2 }));
    expect(list.some((i) => i.file === manual.file)).toBe(true);
  }, 60_000);

  it('a missing backup folder is reported, and the daily backup still goes to the default folder', async () => {
    const clock = new FakeClock(Date.parse('2026-11-24T03:00:00.000Z'));
    const t = await fresh(clock);
    const usb = tempDir('usb-');
    await t.ok('settings.update', { backupFolder: usb });
    expect(await tickDailyBackup(t.app.ctx)).toBe('ran');
    let list = await t.ok('backups.list', {});
    expect(
      list.items
        .filter((i) => i.kind === 'daily')
        .map((i) => i.location)
        .sort(),
    ).toEqual(['custom', 'default']);
    expect(list.status.lastError).toBeNull();
    fs.rmSync(usb, { recursive: true }); // the stick was pulled out
    clock.advance(86_400_000);
    expect(await tickDailyBackup(t.app.ctx)).toBe('ran');
    list = await t.ok('backups.list', {}, await token(t));
    expect(list.items.filter((i) => i.kind === 'daily' && i.location === 'default')).toHaveLength(2);
    expect(list.status.lastError?.message).toMatch(/not copied to/);
    expect(list.status.lastDaily?.at).toBe(clock.now().toISOString());
    expect(fs.readdirSync(path.join(t.dataDir, 'backups')).some((f) => f.endsWith('.partial'))).toBe(false);
  });
});
