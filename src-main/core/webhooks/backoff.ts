/**
 * When to try a failed delivery again: 30 s doubling to at most 6 h, ±20 % jitter (so endpoints that
 * failed together do not retry together), 14 attempts in all — about 26 hours — then "gagal".
 * A 429 or 503 with Retry-After waits at least what the receiver asked (capped at the 6 h step).
 */
export const MAX_ATTEMPTS = 14;
const BASE_MS = 30_000;
const CAP_MS = 6 * 3600_000;

/** Delay after the `attempt`-th failed attempt (1-based); `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: number): number {
  const plain = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.8 + 0.4 * random));
}

/** Retry-After as seconds or an HTTP date, in ms from `nowMs`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(CAP_MS, Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.min(CAP_MS, Math.max(0, at - nowMs));
}

/** The next try after a failure, or null when the attempts are used up. */
export function nextAttemptDelay(attempt: number, retryAfter: number | null, random: number): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  const backoff = retryDelayMs(attempt, random);
  return retryAfter === null ? backoff : Math.max(backoff, retryAfter);
}
