/**
 * How long the app waits on its own before it tries a router again. Defaults: the sync queue 2 s doubling
 * to 30 s, the connection pool 1 s doubling to 30 s, the health poll every 60 s.
 *
 * PPPOE_DESK_SYNC_RETRY_MS (whole milliseconds, 1000–86400000) replaces all of them with one fixed delay.
 * It exists for the end-to-end test of "Coba sekarang": an automatic retry that happened to land between
 * the router coming back and the click applied the change first, the button vanished, and the test failed
 * on a loaded machine. With a long delay only the user's retry can do the work. An operator may also use
 * it to try a router known to be away less often.
 */
export interface RetryTiming {
  engineBaseMs: number;
  engineMaxMs: number;
  poolInitialMs: number;
  poolMaxMs: number;
  pollMs: number;
}

export const RETRY_ENV = 'PPPOE_DESK_SYNC_RETRY_MS';
const DEFAULT: RetryTiming = {
  engineBaseMs: 2000,
  engineMaxMs: 30_000,
  poolInitialMs: 1000,
  poolMaxMs: 30_000,
  pollMs: 60_000,
};

export function retryTiming(env: Record<string, string | undefined> = process.env): RetryTiming {
  const raw = env[RETRY_ENV];
  if (raw === undefined || raw === '') return DEFAULT;
  const ms = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(ms) || ms < 1000 || ms > 86_400_000)
    throw new Error(`${RETRY_ENV} must be a whole number of milliseconds from 1000 to 86400000, got "${raw}"`);
  return { engineBaseMs: ms, engineMaxMs: ms, poolInitialMs: ms, poolMaxMs: ms, pollMs: ms };
}
