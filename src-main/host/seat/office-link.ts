import type https from 'node:https';
import { realTimers, type Timers } from '../../timers';
import { isCertificateChange, peekCertificate, pinnedAgent, postJson, type OfficePin } from './pinned-client';

/**
 * Whether the seat can reach its office PC, as the seat's window shows it: online; unreachable (with the
 * attempt count and when it tries again, "Coba sekarang" tries at once); or the certificate changed, which
 * is never retried: the seat refuses to talk to that machine until the user pairs again.
 */
export type LinkState =
  | { kind: 'connecting' }
  | { kind: 'online'; officeName: string }
  | { kind: 'unreachable'; attempt: number; error: string; retryAt: number }
  | { kind: 'certificate_changed'; seen: string | null };

export interface OfficeLinkOptions {
  timers?: Timers;
  /** Backoff after a failed check: first, doubling up to max (ms). */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** How often an online office is checked again (ms). */
  checkEveryMs?: number;
  timeoutMs?: number;
}

const certSeen = (err: unknown) => {
  const seen = (err as { seen?: unknown } | null)?.seen;
  return typeof seen === 'string' ? seen : null;
};

/** Checks the office with `system.info` (public, cheap) through the pinned agent, retrying with backoff. */
export function createOfficeLink(pin: OfficePin, opts: OfficeLinkOptions = {}) {
  const timers = opts.timers ?? realTimers;
  const first = opts.firstRetryMs ?? 1000;
  const max = opts.maxRetryMs ?? 30_000;
  const every = opts.checkEveryMs ?? 15_000;
  const agent: https.Agent = pinnedAgent(pin, { keepAlive: true });
  let state: LinkState = { kind: 'connecting' };
  let failures = 0;
  let timer: unknown = null;
  let stopped = false;
  let checking: Promise<void> | null = null;
  const listeners = new Set<(s: LinkState) => void>();

  const set = (next: LinkState) => {
    state = next;
    listeners.forEach((l) => l(next));
  };
  const schedule = (ms: number) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = stopped ? null : timers.setTimeout(() => void check(), ms);
  };

  const check = (): Promise<void> => {
    if (stopped || state.kind === 'certificate_changed') return Promise.resolve();
    checking ??= (async () => {
      try {
        const r = await postJson(agent, `${pin.url}/api/system.info`, {}, {}, opts.timeoutMs ?? 5000);
        const body = r.body as { ok?: boolean; value?: { ispName?: unknown } } | undefined;
        if (r.status !== 200 || !body?.ok) throw new Error(`The office answered ${r.status}`);
        failures = 0;
        set({ kind: 'online', officeName: typeof body.value?.ispName === 'string' ? body.value.ispName : '' });
        schedule(every);
      } catch (err) {
        if (isCertificateChange(err)) {
          if (timer !== null) timers.clearTimeout(timer);
          timer = null;
          // The handshake failed before the identity check: read what it shows, for the explanation.
          const seen =
            certSeen(err) ??
            (await peekCertificate(pin.url).then(
              (c) => c.fingerprint,
              () => null,
            ));
          set({ kind: 'certificate_changed', seen });
          return;
        }
        failures += 1;
        const wait = Math.min(max, first * 2 ** (failures - 1));
        set({ kind: 'unreachable', attempt: failures, error: (err as Error).message, retryAt: timers.now() + wait });
        schedule(wait);
      } finally {
        checking = null;
      }
    })();
    return checking;
  };

  return {
    get state() {
      return state;
    },
    /** Starts checking (the first check at once). */
    start: () => check(),
    /** "Coba sekarang": checks at once instead of waiting for the next retry. */
    retryNow: () => check(),
    onChange(fn: (s: LinkState) => void) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    /** Resolves when the state satisfies `test` (tests and the window wait on conditions, never sleeps). */
    when(test: (s: LinkState) => boolean): Promise<LinkState> {
      if (test(state)) return Promise.resolve(state);
      return new Promise((resolve) => {
        const off = this.onChange((s) => {
          if (test(s)) {
            off();
            resolve(s);
          }
        });
      });
    },
    stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      agent.destroy();
    },
  };
}

export type OfficeLink = ReturnType<typeof createOfficeLink>;
