import { businessDate } from '../../../src-shared/dates';

export interface RetentionRule {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

/** ISO-8601 week key (`2026-W48`) of a calendar date: weeks start on Monday. */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  const dow = dt.getUTCDay() || 7;
  dt.setUTCDate(dt.getUTCDate() + 4 - dow); // Thursday of this week decides the year
  const year = dt.getUTCFullYear();
  const week = Math.ceil(((dt.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Grandfather-father-son retention, as restic's `forget --keep-daily/weekly/monthly`: walking from
 * newest to oldest, keep the newest backup of each of the last `keepDaily` days that have a backup,
 * of each of the last `keepWeekly` weeks and of the last `keepMonthly` months. Days, weeks and months
 * are the ISP's calendar (time zone), not UTC. The newest backup is always kept.
 * Returns the items to delete.
 */
export function selectForPruning<T extends { createdAt: Date }>(
  items: T[],
  rule: RetentionRule,
  timeZone: string,
): T[] {
  const sorted = [...items].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const buckets = [
    { limit: rule.keepDaily, key: (d: string) => d, last: '', kept: 0 },
    { limit: rule.keepWeekly, key: isoWeek, last: '', kept: 0 },
    { limit: rule.keepMonthly, key: (d: string) => d.slice(0, 7), last: '', kept: 0 },
  ];
  const prune: T[] = [];
  sorted.forEach((item, i) => {
    const day = businessDate(item.createdAt, timeZone);
    let keep = i === 0;
    for (const b of buckets) {
      const k = b.key(day);
      if (b.kept < b.limit && k !== b.last) {
        b.last = k;
        b.kept++;
        keep = true;
      }
    }
    if (!keep) prune.push(item);
  });
  return prune;
}
