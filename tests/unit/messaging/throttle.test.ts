import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeZone } from '../../../src-shared/dates';
import { rng as seeded } from '../../helpers/seeded-random';
import {
  decide,
  defaultPolicy,
  INITIAL_THROTTLE_STATE,
  localDay,
  pause,
  quietUntil,
  recordAttempt,
  resume,
  validatePolicy,
  type ThrottlePolicy,
  type ThrottleState,
} from '../../../src-main/integrations/messaging/throttle';

const OFFSET: Record<TimeZone, string> = {
  'Asia/Jakarta': '+07:00',
  'Asia/Makassar': '+08:00',
  'Asia/Jayapura': '+09:00',
};
/** An instant given as local wall-clock time in a zone. */
const at = (local: string, tz: TimeZone = 'Asia/Jakarta') => Date.parse(`${local}${OFFSET[tz]}`);
const wa = (tz: TimeZone = 'Asia/Jakarta'): ThrottlePolicy => defaultPolicy('whatsapp', tz);

describe('quiet hours in the ISP zone', () => {
  it.each(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as TimeZone[])('21:00–07:00 local in %s', (tz) => {
    const p = wa(tz);
    expect(decide(p, INITIAL_THROTTLE_STATE, at('2026-07-10T20:59:59', tz))).toEqual({ action: 'send' });
    expect(decide(p, INITIAL_THROTTLE_STATE, at('2026-07-10T21:00:00', tz))).toEqual({
      action: 'wait',
      until: at('2026-07-11T07:00:00', tz),
      reason: 'quiet_hours',
    });
    // Just after local midnight: still the same night, ends the same morning.
    expect(decide(p, INITIAL_THROTTLE_STATE, at('2026-07-11T00:00:00', tz))).toMatchObject({
      until: at('2026-07-11T07:00:00', tz),
    });
    expect(decide(p, INITIAL_THROTTLE_STATE, at('2026-07-11T06:59:59', tz))).toMatchObject({ action: 'wait' });
    expect(decide(p, INITIAL_THROTTLE_STATE, at('2026-07-11T07:00:00', tz))).toEqual({ action: 'send' });
  });

  it('the same UTC instant is quiet in Jayapura and not yet in Jakarta', () => {
    const t = Date.parse('2026-07-10T12:30:00Z'); // 19:30 WIB, 21:30 WIT
    expect(decide(wa('Asia/Jakarta'), INITIAL_THROTTLE_STATE, t)).toEqual({ action: 'send' });
    expect(decide(wa('Asia/Jayapura'), INITIAL_THROTTLE_STATE, t)).toMatchObject({ reason: 'quiet_hours' });
  });

  it('a daytime window (12:00–13:00) and no window when start equals end', () => {
    const q = { start: '12:00', end: '13:00' };
    expect(quietUntil(at('2026-07-10T12:30:00'), q, 'Asia/Jakarta')).toBe(at('2026-07-10T13:00:00'));
    expect(quietUntil(at('2026-07-10T13:00:00'), q, 'Asia/Jakarta')).toBeNull();
    expect(quietUntil(at('2026-07-10T11:59:00'), q, 'Asia/Jakarta')).toBeNull();
    expect(quietUntil(at('2026-07-10T03:00:00'), { start: '07:00', end: '07:00' }, 'Asia/Jakarta')).toBeNull();
  });
});

describe('rate with jitter', () => {
  it('waits a random 5–15 s between messages', () => {
    const p = wa();
    let s: ThrottleState = INITIAL_THROTTLE_STATE;
    const rng = seeded(7);
    let now = at('2026-07-10T09:00:00');
    const gaps: number[] = [];
    for (let i = 0; i < 200; i++) {
      expect(decide(p, s, now)).toEqual({ action: 'send' });
      s = recordAttempt(p, s, now, rng);
      const d = decide(p, s, now);
      expect(d).toMatchObject({ action: 'wait', reason: 'rate' });
      const until = (d as { until: number }).until;
      gaps.push(until - now);
      now = until;
    }
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(15_000);
    expect(new Set(gaps).size).toBeGreaterThan(100); // not a fixed rhythm
  });

  it('property: the drawn gap always lies in [min, max] whatever the RNG returns', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, r) => {
          const p = { ...wa(), minGapMs: Math.min(a, b), maxGapMs: Math.max(a, b) };
          const now = at('2026-07-10T09:00:00');
          const s = recordAttempt(p, INITIAL_THROTTLE_STATE, now, () => r);
          expect(s.notBefore - now).toBeGreaterThanOrEqual(p.minGapMs);
          expect(s.notBefore - now).toBeLessThanOrEqual(p.maxGapMs);
        },
      ),
    );
  });
});

describe('daily cap', () => {
  it('stops at the cap and resumes at 07:00 the next local day (midnight is still quiet)', () => {
    const p = { ...wa(), dailyCap: 3, minGapMs: 0, maxGapMs: 0 };
    let s = INITIAL_THROTTLE_STATE;
    const now = at('2026-07-10T10:00:00');
    for (let i = 0; i < 3; i++) s = recordAttempt(p, s, now, () => 0);
    expect(s).toMatchObject({ day: '2026-07-10', sentToday: 3 });
    expect(decide(p, s, now)).toEqual({ action: 'wait', until: at('2026-07-11T07:00:00'), reason: 'daily_cap' });
    // Without quiet hours it resumes at local midnight, not UTC midnight.
    expect(decide({ ...p, quietHours: null }, s, now)).toEqual({
      action: 'wait',
      until: at('2026-07-11T00:00:00'),
      reason: 'daily_cap',
    });
    // The counter belongs to the local day: at 00:00:01 WIB (17:00 UTC the day before) it is a new day.
    const after = at('2026-07-11T00:00:01');
    expect(localDay(after, 'Asia/Jakarta')).toBe('2026-07-11');
    expect(decide({ ...p, quietHours: null }, s, after)).toEqual({ action: 'send' });
    expect(recordAttempt(p, s, after, () => 0)).toMatchObject({ day: '2026-07-11', sentToday: 1 });
  });

  it('counts per local day in WITA across 23:59:59 → 00:00:00', () => {
    const p = { ...defaultPolicy('sms', 'Asia/Makassar'), dailyCap: 1, quietHours: null, minGapMs: 0, maxGapMs: 0 };
    const s = recordAttempt(p, INITIAL_THROTTLE_STATE, at('2026-07-10T23:59:59', 'Asia/Makassar'), () => 0);
    expect(decide(p, s, at('2026-07-10T23:59:59', 'Asia/Makassar'))).toMatchObject({ reason: 'daily_cap' });
    expect(decide(p, s, at('2026-07-11T00:00:00', 'Asia/Makassar'))).toEqual({ action: 'send' });
  });
});

describe('pause and resume', () => {
  it('a paused channel waits with no end until resumed', () => {
    const p = pause(wa());
    expect(decide(p, INITIAL_THROTTLE_STATE, at('2026-07-10T10:00:00'))).toEqual({
      action: 'wait',
      until: null,
      reason: 'paused',
    });
    expect(decide(resume(p), INITIAL_THROTTLE_STATE, at('2026-07-10T10:00:00'))).toEqual({ action: 'send' });
  });

  it('validates a policy typed in Settings', () => {
    expect(validatePolicy(wa())).toEqual([]);
    expect(
      validatePolicy({
        ...wa(),
        minGapMs: 20_000,
        maxGapMs: 10_000,
        dailyCap: 0,
        quietHours: { start: '25:00', end: '7' },
      }),
    ).toEqual(['gap_min_above_max', 'cap_not_positive', 'quiet_hours_format']);
  });
});

describe('property: a send decision never falls in quiet hours or over the cap', () => {
  it('holds for any instant, zone and counter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }),
        fc.constantFrom<TimeZone>('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'),
        fc.integer({ min: 0, max: 5 }),
        (now, tz, sent) => {
          const p = { ...wa(tz), dailyCap: 3 };
          const s = { notBefore: 0, day: localDay(now, tz), sentToday: sent };
          const d = decide(p, s, now);
          if (d.action === 'send') {
            expect(quietUntil(now, p.quietHours, tz)).toBeNull();
            expect(sent).toBeLessThan(3);
          } else {
            // The instant it names is itself allowed.
            expect(d.until).not.toBeNull();
            expect(quietUntil(d.until!, p.quietHours, tz)).toBeNull();
            expect(decide(p, s, d.until!)).toEqual({ action: 'send' });
          }
        },
      ),
    );
  });
});
