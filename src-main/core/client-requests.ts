/**
 * A client request id on money writes (issue 17). A seat or phone makes one id per submission of a money
 * form and sends the same id again when the answer was lost (a dropped office link, a timeout, the cashier
 * pressing again). The id is claimed inside the money action's own IMMEDIATE transaction (client_requests,
 * unique per user), so the claim commits or rolls back with the money:
 * - a repeat with the same content gets the first result back, flagged `replayed`; nothing is written and
 *   no audit row is added (the money was audited once, when it was taken);
 * - the same id with other content is refused (CONFLICT): the client is confused, not resending;
 * - concurrent repeats queue on the write lock, so the second sees the first's row: one payment.
 * A request that failed (bad input, no shift) wrote nothing, its id included, so sending it again runs it.
 * Scoped per user: another user's request with the same id is their own request, never a replay of this
 * one (a replay shows the first payment, which must not leak to someone else).
 */
import crypto from 'node:crypto';
import type { Channel } from '../../src-shared/contract';
import { AppError, badInput } from '../../src-shared/result';
import { findClientRequest, insertClientRequest, type RequestEntity } from '../data/client-requests.repository';
import type { CallContext } from './context';

/** What a money action wrote: its answer, the row a repeat reads back, and the figures the rows cannot give. */
export interface Written<T, F extends object> {
  value: T;
  /** The row written (payment, refund, reseller_movement): a repeat reads it back. */
  wrote: RequestEntity;
  entityId: number;
  /** Figures of the answer at the time (a balance after the top-up...), kept for a repeat. No personal data. */
  figures: F;
}

export interface FirstRequest<F extends object> {
  entityId: number;
  figures: F;
}

/** JSON with object keys sorted and undefined left out: the same content always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function requestContentHash(channel: Channel, content: Record<string, unknown>): string {
  return crypto
    .createHash('sha256')
    .update(`${channel}\n${canonical(content)}`)
    .digest('hex');
}

/**
 * Runs a money action once per client request id. Without an id it simply runs (the desktop's own
 * forms before this change, internal callers). `work` runs inside this transaction (its own becomes a
 * savepoint); `replay` rebuilds the first answer from the stored row.
 */
export function oncePerRequest<T extends object, F extends object>(
  call: CallContext,
  channel: Channel,
  input: { clientRequestId?: string | null },
  work: () => Written<T, F>,
  replay: (first: FirstRequest<F>) => T,
): T & { replayed?: boolean } {
  const { clientRequestId: requestId, ...content } = input;
  if (!requestId) return work().value;
  const userId = call.session?.userId;
  // API keys have their own Idempotency-Key header; an id here would have no owner to be scoped to.
  if (userId === undefined)
    throw badInput('clientRequestId', 'A request id is only for signed-in users: API keys send an Idempotency-Key');
  const hash = requestContentHash(channel, content);
  const { app } = call;
  const db = app.sqlite;
  return db
    .transaction((): T & { replayed?: boolean } => {
      const first = findClientRequest(db, userId, requestId);
      if (first) {
        if (first.channel !== channel || first.contentHash !== hash)
          throw new AppError(
            'CONFLICT',
            'This request id was already used for a different request: nothing was written. Check the list before sending again',
          );
        app.logger.info('money request sent again: the first result is returned', {
          channel,
          entity: first.entity,
          entityId: first.entityId,
        });
        // Written by this function from the same channel's figures (checked above), so of type F.
        const figures = JSON.parse(first.answer) as F;
        return { ...replay({ entityId: first.entityId, figures }), replayed: true };
      }
      const done = work();
      insertClientRequest(db, {
        userId,
        requestId,
        channel,
        contentHash: hash,
        entity: done.wrote,
        entityId: done.entityId,
        answer: JSON.stringify(done.figures),
        at: app.clock.now().toISOString(),
      });
      return done.value;
    })
    .immediate();
}
