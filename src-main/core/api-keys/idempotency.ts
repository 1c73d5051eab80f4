/**
 * Idempotency-Key for POSTs of API keys: the first request claims the key in SQLite (unique index, so
 * it holds across restarts), runs, and its answer is stored; a repeat with the same body gets that
 * stored answer, a repeat with another body a conflict. Repeats arriving while the first still runs
 * wait for it in this process. A claim left unfinished by a crash is reported, never run again.
 */
import crypto from 'node:crypto';
import {
  completeIdempotency,
  findIdempotency,
  pruneIdempotency,
  releaseIdempotency,
  reserveIdempotency,
} from '../../data/api/idempotency.repository';
import type { AppContext } from '../context';

export interface StoredAnswer {
  status: number;
  body: unknown;
  /** True when this answer was stored by an earlier request (sent with `Idempotent-Replayed: true`). */
  replayed: boolean;
}

export type IdempotencyOutcome = StoredAnswer | { conflict: 'body' | 'unfinished' };

/** How long an answer is kept: a client retries within minutes, a day's margin is plenty. */
export const KEEP_ANSWERS_MS = 24 * 3600_000;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;

const running = new WeakMap<AppContext, Map<string, Promise<StoredAnswer>>>();

export const bodyHash = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export async function idempotent(
  app: AppContext,
  claim: { apiKeyId: number; key: string; route: string; bodyHash: string },
  run: () => Promise<{ status: number; body: unknown }>,
): Promise<IdempotencyOutcome> {
  let inFlight = running.get(app);
  if (!inFlight) running.set(app, (inFlight = new Map()));
  const slot = `${claim.apiKeyId}|${claim.key}`;
  const now = app.clock.now();
  const reserved = reserveIdempotency(app.sqlite, { ...claim, at: now.toISOString() });
  if (!reserved) {
    const prior = findIdempotency(app.sqlite, claim.apiKeyId, claim.key);
    if (prior && (prior.route !== claim.route || prior.bodyHash !== claim.bodyHash)) return { conflict: 'body' };
    const waiting = inFlight.get(slot);
    if (waiting) return { ...(await waiting), replayed: true };
    if (prior && prior.status !== 0) return { status: prior.status, body: JSON.parse(prior.response), replayed: true };
    return { conflict: 'unfinished' };
  }
  const work = run().then((answer) => {
    if (answer.status >= 500) releaseIdempotency(app.sqlite, claim.apiKeyId, claim.key);
    else completeIdempotency(app.sqlite, claim.apiKeyId, claim.key, answer.status, JSON.stringify(answer.body));
    return { ...answer, replayed: false };
  });
  inFlight.set(slot, work);
  try {
    return await work;
  } catch (err) {
    releaseIdempotency(app.sqlite, claim.apiKeyId, claim.key);
    throw err;
  } finally {
    inFlight.delete(slot);
    pruneIdempotency(app.sqlite, new Date(now.getTime() - KEEP_ANSWERS_MS).toISOString());
  }
}
