import { describe, expect, it } from 'vitest';
import { businessDate } from '../../../src-shared/dates';

/*
 * businessDate reuses its last answer per zone within one quarter hour of UTC (a portal read asked for it
 * several times): the answer must always be the date a fresh Intl conversion gives, right up to midnight.
 */
const fresh = (instant: Date, tz: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];

describe('businessDate', () => {
  it('turns over at local midnight in each zone, whichever side was asked first', () => {
    // 17:00Z is midnight WIB; 18:15Z is midnight in Kathmandu (+05:45).
    for (const [tz, midnight] of [
      ['Asia/Jakarta', '2026-11-30T17:00:00.000Z'],
      ['Asia/Makassar', '2026-11-30T16:00:00.000Z'],
      ['Asia/Jayapura', '2026-11-30T15:00:00.000Z'],
      ['Asia/Kathmandu', '2026-11-30T18:15:00.000Z'],
    ] as const) {
      const at = Date.parse(midnight);
      expect(businessDate(new Date(at - 1), tz)).toBe('2026-11-30');
      expect(businessDate(new Date(at), tz)).toBe('2026-12-01');
      expect(businessDate(new Date(at - 1), tz)).toBe('2026-11-30');
      expect(businessDate(new Date(at + 14 * 60_000), tz)).toBe('2026-12-01');
    }
  });

  it('agrees with a fresh conversion for instants in any order across zones', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647);
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 5_000; i++) {
      // Mostly near each other (the cache's case), sometimes far apart, in every zone in turn.
      const at = new Date(base + (next() % (2 * 86_400_000)) + (i % 50 === 0 ? next() * 1000 : 0));
      const tz = ZONES[i % ZONES.length]!;
      expect(businessDate(at, tz), `${at.toISOString()} ${tz}`).toBe(fresh(at, tz));
    }
  });

  it('still refuses an invalid date', () => {
    expect(() => businessDate(new Date(Number.NaN), 'Asia/Jakarta')).toThrow();
  });
});
