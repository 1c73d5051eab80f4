import { isRealDate } from '../../../src-shared/dates';
import type { Cell } from './grid';
import { cellText } from './text';

/**
 * `dmy`: 05/11/2026, 5-11-26, 05.11.2026, also `05/11` without a year (KlikBCA), each optionally followed
 * by a time (`08:39:01`, BNI's `08.39.01`). `mdy`: the same, month first. `ymd`: 2026-11-05[ 10:00:00]
 * (BRI). `d_month_y`: 16 March 2026 09:34:53, 5 Nov 2026, 05-Nop-26 (Mandiri Kopra; Indonesian or
 * English month names). Two-digit years are 20xx. An .xlsx date cell or Excel day number is taken as is.
 */
export type DateFormat = 'dmy' | 'mdy' | 'ymd' | 'd_month_y';

export type DateRefusal = 'date_unreadable' | 'date_invalid' | 'date_without_year' | 'date_outside_period';
export type DateResult = { ok: true; date: string; time?: string } | { ok: false; code: DateRefusal };

export interface Period {
  from: string;
  to: string;
}

// prettier-ignore
const MONTHS: Record<string, number> = {
  jan: 1, januari: 1, january: 1,
  feb: 2, pebruari: 2, februari: 2, february: 2,
  mar: 3, maret: 3, march: 3,
  apr: 4, april: 4,
  mei: 5, may: 5,
  jun: 6, juni: 6, june: 6,
  jul: 7, juli: 7, july: 7,
  agu: 8, agt: 8, aug: 8, agustus: 8, august: 8,
  sep: 9, sept: 9, september: 9,
  okt: 10, oct: 10, oktober: 10, october: 10,
  nov: 11, nop: 11, november: 11, nopember: 11,
  des: 12, dec: 12, desember: 12, december: 12,
};

const TIME = String.raw`(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?)?`;
const SEP = '[/.-]';
const PATTERNS: Record<DateFormat, RegExp> = {
  dmy: new RegExp(`^(\\d{1,2})${SEP}(\\d{1,2})(?:${SEP}(\\d{4}|\\d{2}))?${TIME}$`),
  mdy: new RegExp(`^(\\d{1,2})${SEP}(\\d{1,2})(?:${SEP}(\\d{4}|\\d{2}))?${TIME}$`),
  ymd: new RegExp(`^(\\d{4})${SEP}(\\d{1,2})${SEP}(\\d{1,2})${TIME}$`),
  d_month_y: new RegExp(`^(\\d{1,2})[ -]([A-Za-z]{3,9})\\.?[ ,-]+(\\d{4}|\\d{2})${TIME}$`),
};

const pad = (n: number) => String(n).padStart(2, '0');
const refuse = (code: DateRefusal): DateResult => ({ ok: false, code });

export function parseStatementDate(cell: Cell, format: DateFormat, period?: Period): DateResult {
  if (cell instanceof Date) return fromInstantParts(cell);
  if (typeof cell === 'number') return fromExcelSerial(cell);
  const text = cellText(cell);
  const m = PATTERNS[format].exec(text);
  if (!m) return refuse('date_unreadable');
  let day: number, month: number, year: number | undefined;
  if (format === 'ymd') [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if (format === 'd_month_y') {
    const mo = MONTHS[m[2]!.toLowerCase()];
    if (!mo) return refuse('date_unreadable');
    [day, month, year] = [Number(m[1]), mo, Number(m[3])];
  } else {
    const [a, b] = [Number(m[1]), Number(m[2])];
    [day, month] = format === 'dmy' ? [a, b] : [b, a];
    year = m[3] === undefined ? undefined : Number(m[3]);
  }
  if (year !== undefined && year < 100) year += 2000;
  const time = timeOf(m[4], m[5], m[6]);
  if (time === null) return refuse('date_invalid');
  const date = year === undefined ? yearFromPeriod(day, month, period) : isoDate(year, month, day);
  if (typeof date !== 'string') return date;
  return time === undefined ? { ok: true, date } : { ok: true, date, time };
}

function isoDate(year: number, month: number, day: number): string | DateResult {
  const s = `${year}-${pad(month)}-${pad(day)}`;
  return isRealDate(s) ? s : refuse('date_invalid');
}

/** `HH:MM[:SS]`, undefined when absent, null when not a time of day. */
function timeOf(h?: string, mi?: string, s?: string): string | undefined | null {
  if (h === undefined) return undefined;
  const [hh, mm, ss] = [Number(h), Number(mi), Number(s ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return null;
  return `${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}

/**
 * A day and month printed without a year (KlikBCA) take the year that puts them inside the statement
 * period; a period across New Year decides per line. Without a period, or with a period of more than a
 * year that leaves two candidates, the line is refused rather than guessed.
 */
function yearFromPeriod(day: number, month: number, period?: Period): string | DateResult {
  if (!period) return refuse('date_without_year');
  const first = Number(period.from.slice(0, 4));
  const last = Number(period.to.slice(0, 4));
  const real: string[] = [];
  for (let y = first; y <= last; y++) {
    const s = `${y}-${pad(month)}-${pad(day)}`;
    if (isRealDate(s)) real.push(s);
  }
  const inside = real.filter((s) => s >= period.from && s <= period.to);
  if (inside.length === 1) return inside[0]!;
  if (inside.length > 1) return refuse('date_without_year');
  // 31/02 is no date in any year; 15/03 in a January statement is a date, just not this statement's.
  const anyYear = [2024, 2025].some((y) => isRealDate(`${y}-${pad(month)}-${pad(day)}`));
  return refuse(real.length || anyYear ? 'date_outside_period' : 'date_invalid');
}

/** exceljs hands date cells over as the sheet's wall-clock time expressed in UTC. */
function fromInstantParts(d: Date): DateResult {
  if (Number.isNaN(d.getTime())) return refuse('date_unreadable');
  const date = d.toISOString().slice(0, 10);
  const t = d.toISOString().slice(11, 19);
  return t === '00:00:00' ? { ok: true, date } : { ok: true, date, time: t };
}

/** An Excel day number (days since 1899-12-30; the fraction is the time of day). */
function fromExcelSerial(n: number): DateResult {
  if (!Number.isFinite(n) || n < 20_000 || n > 80_000) return refuse('date_unreadable');
  const ms = Math.round(n * 86_400) * 1000;
  return fromInstantParts(new Date(Date.UTC(1899, 11, 30) + ms));
}

/** Parses `dd/mm/yyyy` as printed in statement headers (BCA "Periode : 01/11/2026 - 30/11/2026"). */
export function periodFromText(text: string): Period | undefined {
  const m = /(\d{1,2})\/(\d{1,2})\/(\d{4})\s*(?:-|s\.?d\.?|sampai|to)\s*(\d{1,2})\/(\d{1,2})\/(\d{4})/i.exec(text);
  if (!m) return undefined;
  const from = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  const to = isoDate(Number(m[6]), Number(m[5]), Number(m[4]));
  return typeof from === 'string' && typeof to === 'string' && from <= to ? { from, to } : undefined;
}
