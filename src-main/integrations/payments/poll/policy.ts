import type { PaymentStatus } from '../types';

/**
 * When to ask a gateway about a pending transaction. Pure functions over stored timestamps, so the
 * schedule resumes by itself after the PC was off: an overdue check is simply due now.
 *
 * Default rhythm (design note, "Poll first"): every 2 minutes for the first 30 minutes after creation
 * (most customers pay right away), every 10 minutes up to 6 hours, then every 30 minutes until expiry;
 * one check shortly after expiry (a payment can land at the deadline) and a last one at expiry + grace;
 * then stop. A failed check backs off exponentially on its own, without touching the others.
 */
export interface PollPolicy {
  /** First check this long after creation. */
  firstCheckMs: number;
  /** Interval by age since creation: the first step whose `untilAgeMs` is above the age applies. */
  steps: ReadonlyArray<{ untilAgeMs: number; everyMs: number }>;
  /** A check this long after the expiry. */
  afterExpiryMs: number;
  /** The last check, this long after the expiry; nothing after it. */
  graceMs: number;
  /** Backoff after failed checks: min(maxMs, baseMs·2^(errors-1)). */
  errorBaseMs: number;
  errorMaxMs: number;
  /** After expiry, a check that keeps failing is retried until this long past expiry, then given up. */
  giveUpAfterMs: number;
  /** ± share of an interval, fixed per reference, so transactions created together drift apart. */
  jitter: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

export const DEFAULT_POLL_POLICY: PollPolicy = {
  firstCheckMs: 1 * MIN,
  steps: [
    { untilAgeMs: 30 * MIN, everyMs: 2 * MIN },
    { untilAgeMs: 6 * HOUR, everyMs: 10 * MIN },
    { untilAgeMs: Number.POSITIVE_INFINITY, everyMs: 30 * MIN },
  ],
  afterExpiryMs: 2 * MIN,
  graceMs: 30 * MIN,
  errorBaseMs: 1 * MIN,
  errorMaxMs: 30 * MIN,
  giveUpAfterMs: 7 * 24 * HOUR,
  jitter: 0.1,
};

/** What the worker stores per pending transaction (a row of the later gateway-transaction table). */
export interface PollState {
  merchantRef: string;
  createdAt: number;
  expiresAt: number;
  status: PaymentStatus;
  /** When the provider was last asked, successfully or not. */
  lastCheckedAt?: number;
  /** Failed checks in a row (0 after a success). */
  consecutiveErrors?: number;
}

/** A stable number in [-1, 1) from the reference (FNV-1a), so the jitter survives restarts. */
function spread(ref: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ref.length; i++) h = Math.imul(h ^ ref.charCodeAt(i), 0x01000193) >>> 0;
  return (h / 0x100000000) * 2 - 1;
}

const errorDelay = (errors: number, p: PollPolicy) => Math.min(p.errorMaxMs, p.errorBaseMs * 2 ** (errors - 1));

function intervalFor(s: PollState, p: PollPolicy, at: number): number {
  const age = at - s.createdAt;
  const step = p.steps.find((st) => age < st.untilAgeMs) ?? p.steps[p.steps.length - 1]!;
  let every = step.everyMs * (1 + p.jitter * spread(s.merchantRef));
  const errors = s.consecutiveErrors ?? 0;
  if (errors > 0) every = Math.max(every, errorDelay(errors, p));
  return Math.round(every);
}

/**
 * When to check next, or null when polling is over: settled, or checked successfully at or after
 * expiry + grace (a last check that failed is retried with backoff up to `giveUpAfterMs`).
 */
export function nextCheckAt(s: PollState, p: PollPolicy = DEFAULT_POLL_POLICY): number | null {
  if (s.status !== 'pending') return null;
  const afterExpiry = s.expiresAt + p.afterExpiryMs;
  const last = s.expiresAt + p.graceMs;
  if (s.lastCheckedAt === undefined) return Math.min(s.createdAt + p.firstCheckMs, afterExpiry);
  const t = s.lastCheckedAt;
  const errors = s.consecutiveErrors ?? 0;
  if (t >= last) return errors > 0 && t < s.expiresAt + p.giveUpAfterMs ? t + errorDelay(errors, p) : null;
  const candidate = t + intervalFor(s, p, t);
  if (t < afterExpiry) return Math.min(candidate, afterExpiry);
  return Math.min(candidate, last);
}

export interface DueCheck {
  state: PollState;
  dueAt: number;
}

/**
 * The checks due at `now`, most overdue first, at most `limit`. After days off, everything is overdue:
 * the cap and the rate limiter spread the catch-up instead of firing every request at once, and each
 * transaction that expired meanwhile still gets its one check after expiry.
 */
export function dueChecks(
  states: Iterable<PollState>,
  now: number,
  limit: number,
  p = DEFAULT_POLL_POLICY,
): DueCheck[] {
  const due: DueCheck[] = [];
  for (const state of states) {
    const at = nextCheckAt(state, p);
    if (at !== null && at <= now) due.push({ state, dueAt: at });
  }
  due.sort((a, b) => a.dueAt - b.dueAt || a.state.expiresAt - b.state.expiresAt);
  return due.slice(0, Math.max(0, limit));
}

/** The earliest future check, for the worker to sleep until (null: nothing left to poll). */
export function nextWakeAt(states: Iterable<PollState>, p = DEFAULT_POLL_POLICY): number | null {
  let min: number | null = null;
  for (const s of states) {
    const at = nextCheckAt(s, p);
    if (at !== null && (min === null || at < min)) min = at;
  }
  return min;
}

/** The state after a check: its time, the provider's status, and the error streak. */
export function afterCheck(
  s: PollState,
  now: number,
  outcome: { status: PaymentStatus } | { error: unknown },
): PollState {
  if ('status' in outcome) return { ...s, lastCheckedAt: now, status: outcome.status, consecutiveErrors: 0 };
  return { ...s, lastCheckedAt: now, consecutiveErrors: (s.consecutiveErrors ?? 0) + 1 };
}
