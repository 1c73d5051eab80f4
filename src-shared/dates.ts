import { z } from 'zod';

/** The ISP's time zones. Business dates are calendar dates in one of these. */
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type TimeZone = (typeof TIME_ZONES)[number];
export const DEFAULT_TIME_ZONE: TimeZone = 'Asia/Jakarta';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date `YYYY-MM-DD` that really exists (rejects 2026-02-30). */
export const isoDate = z
  .string({ error: 'Must be a date' })
  .regex(ISO_DATE, 'Must be a date in the form YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'Not a real calendar date');

export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Must be a month in the form YYYY-MM');

export function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(tz: string) {
  let f = dateFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    dateFormatters.set(tz, f);
  }
  return f;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const SINCE_1980_MS = Date.UTC(1980, 0, 1);
const lastDates = new Map<string, { quarter: number; date: string }>();

/** The business date (YYYY-MM-DD) of an instant in the ISP's zone: 23:30 WIB on the 31st is the 31st. */
export function businessDate(instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
  // Since 1980 every zone's offset (and DST change) is a whole quarter hour, so one quarter hour of UTC is
  // one local date: the last answer per zone is reused within it (formatToParts dominated a portal read).
  const quarter = Math.floor(instant.getTime() / QUARTER_HOUR_MS);
  const last = lastDates.get(tz);
  if (last && last.quarter === quarter) return last.date;
  const p = Object.fromEntries(
    partsFormatter(tz)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  const date = `${p.year}-${p.month}-${p.day}`;
  if (instant.getTime() >= SINCE_1980_MS) lastDates.set(tz, { quarter, date });
  return date;
}

/** Local wall-clock time `HH:mm` of an instant in the ISP's zone. */
export function businessTime(instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
  const p = Object.fromEntries(
    partsFormatter(tz)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return `${p.hour}:${p.minute}`;
}

const ZONE_ABBR: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** How people write the ISP's zone after a clock time: WIB, WITA, WIT (the zone name for any other). */
export function zoneAbbr(tz: string): string {
  return ZONE_ABBR[tz] ?? tz;
}

/** `2026-12-06 14:05 WIB`: when a report or statement was made, as the ISP's clocks read. */
export function businessStamp(instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
  return `${businessDate(instant, tz)} ${businessTime(instant, tz)} ${zoneAbbr(tz)}`;
}

/** Adds days to a calendar date (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10);
}

/** Adds months to a `YYYY-MM` period. */
export function addMonths(p: string, months: number): string {
  const [y, m] = p.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + months;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** Whole days from a to b (b - a) between two calendar dates. */
export function daysBetween(a: string, b: string): number {
  const toUtc = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}
