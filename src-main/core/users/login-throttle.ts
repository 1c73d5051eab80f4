import { signedInFromSince } from '../../data/audit.repository';
import type { AppContext, Clock } from '../context';

/**
 * Sign-in limits, in two layers (OWASP's authentication guidance: lock per source, slow the account):
 *
 * 1. Per account AND source (`desktop` or a peer address): 5 wrong passwords lock that account on that
 *    source for 5 minutes. Someone guessing from one address locks only themselves out: the owner
 *    signs in from anywhere else as usual.
 * 2. Per account across all sources: after 5 failures in a row, new devices must wait a growing delay
 *    between attempts (1 s, 2 s, 4 s … at most 60 s), answered at once with "try again in N s" (no sleep
 *    holds the single thread, and no password hash is computed for a refused attempt). Sources the
 *    account has signed in from before (the audit trail knows them) skip the delay, so a guesser who
 *    keeps the delay up cannot keep the owner out: this layer slows guessing, it cannot deny service.
 *
 * In memory on purpose: the limits guard a running process against bursts; a restart forgets them.
 * Accounts are keyed by lower-cased username, so names that do not exist behave exactly like real ones
 * and the answers do not reveal which usernames exist.
 */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 5;
/** Failures in a row (any source) after which unknown sources must wait between attempts. */
export const SLOWDOWN_AFTER = 5;
export const SLOWDOWN_MAX_SECONDS = 60;
/** A run of failures (per source, per account) this old is forgotten. */
const FORGET_AFTER_MS = 15 * 60_000;
/** Remembered keys before expired ones are swept. */
const SWEEP_AT = 10_000;

export type Verdict = { ok: true } | { ok: false; locked: Date } | { ok: false; retryAfterSeconds: number };

/** Wait between attempts from unknown sources after `failed` failures in a row. */
export function slowdownMs(failed: number): number {
  if (failed < SLOWDOWN_AFTER) return 0;
  return Math.min(2 ** (failed - SLOWDOWN_AFTER) * 1000, SLOWDOWN_MAX_SECONDS * 1000);
}

export class LoginThrottle {
  /** account → source → failures and lock. */
  private sources = new Map<string, Map<string, { failed: number; lockedUntil: number; lastAt: number }>>();
  private accounts = new Map<string, { failed: number; lastAt: number }>();
  private size = 0;

  constructor(private clock: Clock) {}

  private account(name: string, now: number) {
    const a = this.accounts.get(name);
    return a && now - a.lastAt < FORGET_AFTER_MS ? a : undefined;
  }

  /**
   * Before the password is checked. `known`: the account has signed in from this source before (no
   * slow-down). An admitted attempt during a slow-down takes the slot, so parallel ones wait too.
   */
  check(name: string, source: string, known: boolean): Verdict {
    const now = this.clock.now().getTime();
    const s = this.sources.get(name)?.get(source);
    if (s && s.lockedUntil > now) return { ok: false, locked: new Date(s.lockedUntil) };
    const a = this.account(name, now);
    if (known || !a) return { ok: true };
    const wait = slowdownMs(a.failed);
    if (wait === 0) return { ok: true };
    const readyAt = a.lastAt + wait;
    if (now < readyAt) return { ok: false, retryAfterSeconds: Math.ceil((readyAt - now) / 1000) };
    a.lastAt = now;
    return { ok: true };
  }

  /** A wrong password (or a disabled account). Returns the lock's end when this failure locked the source. */
  failed(name: string, source: string): Date | null {
    const now = this.clock.now().getTime();
    if (this.size > SWEEP_AT) this.sweep(now);
    let perSource = this.sources.get(name);
    if (!perSource) this.sources.set(name, (perSource = new Map()));
    let s = perSource.get(source);
    if (!s) {
      perSource.set(source, (s = { failed: 0, lockedUntil: 0, lastAt: now }));
      this.size++;
    }
    if (now - s.lastAt >= FORGET_AFTER_MS) s.failed = 0;
    s.lastAt = now;
    s.failed += 1;
    let locked: Date | null = null;
    if (s.failed >= MAX_FAILED_LOGINS) {
      s.failed = 0;
      s.lockedUntil = now + LOCKOUT_MINUTES * 60_000;
      locked = new Date(s.lockedUntil);
    }
    const a = this.account(name, now) ?? { failed: 0, lastAt: now };
    a.failed += 1;
    a.lastAt = now;
    if (!this.accounts.has(name)) this.size++;
    this.accounts.set(name, a);
    return locked;
  }

  /**
   * A successful sign-in clears the source's counter. The account's run of failures goes on (it ends
   * 15 minutes after the last failure): the owner signing in must not hand a guesser fresh attempts.
   */
  succeeded(name: string, source: string): void {
    if (this.sources.get(name)?.delete(source)) this.size--;
  }

  /** An Admin reset the password or re-enabled the account: its source locks end now. */
  liftLocks(name: string): void {
    const perSource = this.sources.get(name);
    if (!perSource) return;
    const now = this.clock.now().getTime();
    for (const [k, s] of perSource) {
      if (s.lockedUntil > now) {
        perSource.delete(k);
        this.size--;
      }
    }
  }

  /** Forgets everything about the account (a new random password was handed over at the desk). */
  forget(name: string): void {
    const perSource = this.sources.get(name);
    this.size -= (perSource?.size ?? 0) + (this.accounts.has(name) ? 1 : 0);
    this.sources.delete(name);
    this.accounts.delete(name);
  }

  private sweep(now: number) {
    for (const [name, perSource] of this.sources) {
      for (const [k, s] of perSource)
        if (s.lockedUntil <= now && now - s.lastAt >= FORGET_AFTER_MS) perSource.delete(k);
      if (perSource.size === 0) this.sources.delete(name);
    }
    for (const [k, a] of this.accounts) if (now - a.lastAt >= FORGET_AFTER_MS) this.accounts.delete(k);
    this.size = this.accounts.size;
    for (const perSource of this.sources.values()) this.size += perSource.size;
    // Live entries are kept (forgetting them would reset a guesser's limits); the HTTP host's
    // per-address limit bounds how fast they can grow, and each expires within 15 minutes.
  }
}

/** The app's sign-in throttle, created on first use. */
export function loginThrottle(app: AppContext): LoginThrottle {
  const existing = app.services.loginThrottle;
  if (existing instanceof LoginThrottle) return existing;
  const throttle = new LoginThrottle(app.clock);
  app.services.loginThrottle = throttle;
  return throttle;
}

/**
 * Whether the user has signed in from this source in the last 90 days (it then skips the slow-down).
 * A call without an address (the app's own, tests) counts as one source of its own.
 */
export function isKnownSource(app: AppContext, userId: number, source: string | null): boolean {
  const since = new Date(app.clock.now().getTime() - 90 * 86_400_000).toISOString();
  return signedInFromSince(app.sqlite, userId, source, since);
}
