import { businessDate, businessTime, zoneAbbr } from '../../../src-shared/dates';
import type { DocLanguage } from './types';

/** `24/11/2026` from a calendar date `2026-11-24`. */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** `24/11/2026 10:05 WIB`: an instant shown in the ISP's zone, whatever the PC's clock zone is. */
export function formatDateTime(iso: string, tz: string): string {
  const at = new Date(iso);
  return `${formatDate(businessDate(at, tz))} ${businessTime(at, tz)} ${zoneAbbr(tz)}`;
}

/** `November 2026` / `Nov 2026` from `2026-11`. */
export function formatPeriod(period: string, lang: DocLanguage): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}
