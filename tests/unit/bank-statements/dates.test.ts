import { describe, expect, it } from 'vitest';
import { parseStatementDate } from '../../../src-main/integrations/bank-statements';

const read = (...args: Parameters<typeof parseStatementDate>) => {
  const r = parseStatementDate(...args);
  return r.ok ? [r.date, r.time ?? null] : r.code;
};

describe('parseStatementDate', () => {
  it('reads the date styles of the exports', () => {
    expect(read("'05/11/2026", 'dmy')).toEqual(['2026-11-05', null]);
    expect(read('5-11-26', 'dmy')).toEqual(['2026-11-05', null]);
    expect(read('22/07/26 08.39.01', 'dmy')).toEqual(['2026-07-22', '08:39:01']); // BNI
    expect(read('11/05/2026', 'mdy')).toEqual(['2026-11-05', null]);
    expect(read('2026-11-05 12:41:41', 'ymd')).toEqual(['2026-11-05', '12:41:41']); // BRI
    expect(read('2026-11-05T07:05:00.000', 'ymd')).toEqual(['2026-11-05', '07:05:00']);
    expect(read('16 March 2026 09:34:53', 'd_month_y')).toEqual(['2026-03-16', '09:34:53']); // Kopra
    expect(read('31 Maret 2026', 'd_month_y')).toEqual(['2026-03-31', null]);
    expect(read('05-Nop-26', 'd_month_y')).toEqual(['2026-11-05', null]);
    expect(read(new Date(Date.UTC(2026, 10, 5, 8, 10, 33)), 'dmy')).toEqual(['2026-11-05', '08:10:33']);
    expect(read(46331, 'dmy')).toEqual(['2026-11-05', null]); // Excel day number
    expect(read(46331.5, 'dmy')).toEqual(['2026-11-05', '12:00:00']);
  });

  it('takes the year of a day/month from the statement period, per line across New Year', () => {
    const period = { from: '2025-12-26', to: '2026-01-04' };
    expect(read("'31/12", 'dmy', period)).toEqual(['2025-12-31', null]);
    expect(read("'02/01", 'dmy', period)).toEqual(['2026-01-02', null]);
    expect(read('29/02', 'dmy', { from: '2028-02-01', to: '2028-02-29' })).toEqual(['2028-02-29', null]);
  });

  it('refuses what is not a date, not a real date, or has no year it could be given', () => {
    expect(read('31/02/2026', 'dmy')).toBe('date_invalid');
    expect(read('29/02/2026', 'dmy')).toBe('date_invalid');
    expect(read('05/13/2026', 'dmy')).toBe('date_invalid');
    expect(read('05/11/2026 25:00', 'dmy')).toBe('date_invalid');
    expect(read('2026-11-05', 'dmy')).toBe('date_unreadable');
    expect(read('05/11/2026', 'ymd')).toBe('date_unreadable');
    expect(read('5 Brumaire 2026', 'd_month_y')).toBe('date_unreadable');
    expect(read('PEND', 'dmy')).toBe('date_unreadable');
    expect(read('', 'dmy')).toBe('date_unreadable');
    expect(read(null, 'dmy')).toBe('date_unreadable');
    expect(read(12, 'dmy')).toBe('date_unreadable');
    expect(read('05/11', 'dmy')).toBe('date_without_year');
    expect(read('15/03', 'dmy', { from: '2026-11-01', to: '2026-11-30' })).toBe('date_outside_period');
    expect(read('29/02', 'dmy', { from: '2026-02-01', to: '2026-02-28' })).toBe('date_outside_period');
    expect(read('30/02', 'dmy', { from: '2026-02-01', to: '2026-02-28' })).toBe('date_invalid');
    // A period longer than a year leaves two candidates: refused, not guessed.
    expect(read('05/11', 'dmy', { from: '2025-01-01', to: '2026-12-31' })).toBe('date_without_year');
  });
});
