import { addMonths, businessDate } from '../../../src-shared/dates';

/** The current month `YYYY-MM` in the ISP's zone. */
export const currentPeriod = (tz: string) => businessDate(new Date(), tz).slice(0, 7);

/** Months around now for period pickers, newest first. */
export function periodOptions(tz: string, back = 24, ahead = 2): string[] {
  const now = currentPeriod(tz);
  const out: string[] = [];
  for (let i = ahead; i >= -back; i--) out.push(addMonths(now, i));
  return out;
}

/** `November 2026` for `2026-11`. */
export function periodLabel(p: string, lng: string): string {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'id-ID', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}
