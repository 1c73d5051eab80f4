/**
 * When the next message on a channel may leave: a random gap between messages (a WhatsApp number that
 * sends at machine rhythm gets banned), a daily cap, quiet hours in the ISP's zone (no reminders at
 * night) and pause/resume. Pure functions over a small state the worker keeps per channel; time and
 * randomness are passed in, so tests drive them with a fake clock and a seeded RNG.
 */
import type { TimeZone } from '../../../src-shared/dates';
import type { ChannelKind } from './types';

export interface QuietHours {
  /** Local `HH:MM`, inclusive. */
  start: string;
  /** Local `HH:MM`, exclusive. May be earlier than start (21:00 → 07:00 spans midnight). */
  end: string;
}

export interface ThrottlePolicy {
  /** The gap after a message is drawn uniformly from [minGapMs, maxGapMs]. */
  minGapMs: number;
  maxGapMs: number;
  /** Messages per local day (null: no cap). */
  dailyCap: number | null;
  quietHours: QuietHours | null;
  timeZone: TimeZone;
  paused: boolean;
}

export interface ThrottleState {
  /** Epoch ms before which nothing may leave (last attempt + the gap drawn then). */
  notBefore: number;
  /** Local date the counter belongs to. */
  day: string | null;
  sentToday: number;
}

export const INITIAL_THROTTLE_STATE: ThrottleState = { notBefore: 0, day: null, sentToday: 0 };

export type WaitReason = 'paused' | 'rate' | 'quiet_hours' | 'daily_cap';

export type ThrottleDecision =
  | { action: 'send' }
  /** `until` null: paused, wait for resume(). */
  | { action: 'wait'; until: number | null; reason: WaitReason };

const NIGHT: QuietHours = { start: '21:00', end: '07:00' };

/** Sensible defaults per channel; the ISP changes them in Settings. */
export function defaultPolicy(kind: ChannelKind, timeZone: TimeZone): ThrottlePolicy {
  switch (kind) {
    case 'whatsapp':
      return { minGapMs: 5_000, maxGapMs: 15_000, dailyCap: 500, quietHours: NIGHT, timeZone, paused: false };
    case 'sms':
      return { minGapMs: 3_000, maxGapMs: 8_000, dailyCap: 300, quietHours: NIGHT, timeZone, paused: false };
    case 'email':
      // Gmail-hosted mailboxes stop at 500 messages a day.
      return { minGapMs: 1_000, maxGapMs: 3_000, dailyCap: 450, quietHours: NIGHT, timeZone, paused: false };
    case 'push':
      return { minGapMs: 200, maxGapMs: 1_000, dailyCap: null, quietHours: NIGHT, timeZone, paused: false };
  }
}

// Indonesia has kept fixed offsets since 1964 (no daylight saving), so local time is UTC + offset.
const OFFSET_MS: Record<TimeZone, number> = {
  'Asia/Jakarta': 7 * 3_600_000,
  'Asia/Makassar': 8 * 3_600_000,
  'Asia/Jayapura': 9 * 3_600_000,
};
const DAY_MS = 86_400_000;

function localMs(t: number, tz: TimeZone) {
  return t + OFFSET_MS[tz];
}

/** The local date `YYYY-MM-DD` of an instant. */
export function localDay(t: number, tz: TimeZone): string {
  return new Date(localMs(t, tz)).toISOString().slice(0, 10);
}

/** The instant of the next local midnight after t. */
function nextMidnight(t: number, tz: TimeZone): number {
  const l = localMs(t, tz);
  return l - (l % DAY_MS) + DAY_MS - OFFSET_MS[tz];
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** If t falls in quiet hours, the instant they end; otherwise null. */
export function quietUntil(t: number, q: QuietHours | null, tz: TimeZone): number | null {
  if (!q) return null;
  const start = minutes(q.start);
  const end = minutes(q.end);
  if (start === end) return null;
  const l = localMs(t, tz);
  const dayStart = l - (l % DAY_MS);
  const m = Math.floor((l - dayStart) / 60_000);
  const endToday = dayStart + end * 60_000 - OFFSET_MS[tz];
  if (start < end) return m >= start && m < end ? endToday : null;
  if (m >= start) return endToday + DAY_MS;
  if (m < end) return endToday;
  return null;
}

export function decide(policy: ThrottlePolicy, state: ThrottleState, now: number): ThrottleDecision {
  if (policy.paused) return { action: 'wait', until: null, reason: 'paused' };
  const tz = policy.timeZone;
  let t = Math.max(now, state.notBefore);
  let reason: WaitReason | null = t > now ? 'rate' : null;
  // Each rule can only move t forward; a few rounds settle cap → midnight → quiet hours.
  for (let round = 0; round < 4; round++) {
    const count = localDay(t, tz) === state.day ? state.sentToday : 0;
    if (policy.dailyCap !== null && count >= policy.dailyCap) {
      t = nextMidnight(t, tz);
      reason ??= 'daily_cap';
      continue;
    }
    const q = quietUntil(t, policy.quietHours, tz);
    if (q !== null) {
      t = q;
      reason ??= 'quiet_hours';
      continue;
    }
    break;
  }
  return t <= now || reason === null ? { action: 'send' } : { action: 'wait', until: t, reason };
}

/** Records one attempt that reached (or may have reached) the provider, and draws the next gap. */
export function recordAttempt(
  policy: ThrottlePolicy,
  state: ThrottleState,
  now: number,
  rng: () => number,
): ThrottleState {
  const day = localDay(now, policy.timeZone);
  const span = Math.max(0, policy.maxGapMs - policy.minGapMs);
  const gap = policy.minGapMs + Math.floor(Math.min(rng(), 0.999999) * (span + 1));
  return { notBefore: now + gap, day, sentToday: (state.day === day ? state.sentToday : 0) + 1 };
}

export function pause(policy: ThrottlePolicy): ThrottlePolicy {
  return { ...policy, paused: true };
}

export function resume(policy: ThrottlePolicy): ThrottlePolicy {
  return { ...policy, paused: false };
}

export type PolicyIssue = 'gap_negative' | 'gap_min_above_max' | 'cap_not_positive' | 'quiet_hours_format';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Problems of a policy typed in Settings (empty = valid). */
export function validatePolicy(p: ThrottlePolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  if (p.minGapMs < 0 || p.maxGapMs < 0) issues.push('gap_negative');
  if (p.minGapMs > p.maxGapMs) issues.push('gap_min_above_max');
  if (p.dailyCap !== null && (!Number.isInteger(p.dailyCap) || p.dailyCap < 1)) issues.push('cap_not_positive');
  if (p.quietHours && (!HHMM.test(p.quietHours.start) || !HHMM.test(p.quietHours.end)))
    issues.push('quiet_hours_format');
  return issues;
}
