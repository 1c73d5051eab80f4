import { addDays, businessDate } from '../../../src-shared/dates';
import type { AppContext } from '../context';
import { getSettings } from '../settings';

export type GroupBy = 'day' | 'month' | 'year';

/** Length of the `YYYY-MM-DD` prefix that names a bucket. */
export const KEY_LENGTH: Record<GroupBy, number> = { day: 10, month: 7, year: 4 };

/** Indonesia has no daylight saving: each zone is a fixed offset (used to date UTC instants in SQL). */
export const TZ_OFFSET_HOURS: Record<string, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };

export function today(app: AppContext): string {
  return businessDate(app.clock.now(), getSettings(app).timeZone);
}

/** SQLite modifier turning a UTC ISO instant into the ISP's local time, e.g. `+7 hours`. */
export function sqlOffset(app: AppContext): string {
  return `+${TZ_OFFSET_HOURS[getSettings(app).timeZone] ?? 7} hours`;
}

/** Every bucket key from `from` to `to` inclusive, so charts get a continuous axis. */
export function bucketKeys(from: string, to: string, groupBy: GroupBy): string[] {
  const keys: string[] = [];
  if (groupBy === 'day') {
    for (let d = from; d <= to; d = addDays(d, 1)) keys.push(d);
    return keys;
  }
  if (groupBy === 'year') {
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) keys.push(String(y));
    return keys;
  }
  let [y, m] = from.split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (;;) {
    const k = `${y}-${String(m).padStart(2, '0')}`;
    if (k > end) break;
    keys.push(k);
    if (m === 12) {
      y += 1;
      m = 1;
    } else {
      m += 1;
    }
  }
  return keys;
}

/** First and last day of a `YYYY-MM` month. */
export function monthBounds(period: string): { first: string; last: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(last).padStart(2, '0')}` };
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
