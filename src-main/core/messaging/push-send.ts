/**
 * One outbox message to every device of the customer. Each device that takes it is recorded
 * (`push_deliveries`), so when another device answers 429/5xx/nothing the row's retry (the worker's
 * backoff, Retry-After respected) goes only to the devices still missing. A device the push service
 * calls gone (404/410) is removed and never tried again. A timeout is retried too: the Topic and the
 * notification tag make a second copy replace the first, so "maybe accepted" needs no person here.
 */
import {
  deliveredTo,
  markSubscriptionSent,
  recordDelivery,
  subscriptionsOf,
} from '../../data/messaging/push.repository';
import { type Channel, type ChannelFailure, type OutgoingMessage, type SendResult } from '../../integrations/messaging';
import { failure } from '../../integrations/messaging/failures';
import type { AppContext } from '../context';
import { removeGoneDevice } from './push-devices';

export type PushMessage = Omit<OutgoingMessage, 'to'>;

export async function sendToDevices(
  app: AppContext,
  channel: Channel,
  outboxId: number,
  customerId: number,
  msg: PushMessage,
): Promise<SendResult> {
  const db = app.sqlite;
  const devices = subscriptionsOf(db, customerId);
  const done = deliveredTo(db, outboxId);
  const todo = devices.filter((d) => !done.has(d.id));
  const reached = devices.length - todo.length;
  if (!devices.length)
    return {
      ok: false,
      failure: failure({ reason: 'recipient_gone', detail: 'the customer has no device subscribed to push' }),
    };
  if (!todo.length)
    return { ok: true, providerMessageId: null, providerStatus: `${reached}/${devices.length} devices` };

  const answers = await Promise.all(
    todo.map((d) =>
      channel.send({
        ...msg,
        to: { kind: 'push', subscription: { endpoint: d.endpoint, keys: { p256dh: d.p256dh, auth: d.auth } } },
      }),
    ),
  );
  const now = app.clock.now().toISOString();
  let sent = reached;
  let gone = 0;
  let lastId: string | null = null;
  const failures: ChannelFailure[] = [];
  answers.forEach((r, i) => {
    const d = todo[i]!;
    if (r.ok) {
      db.transaction(() => {
        recordDelivery(db, outboxId, d.id, now);
        markSubscriptionSent(db, d.id, now);
      })();
      sent++;
      lastId = r.providerMessageId ?? lastId;
    } else if (r.failure.reason === 'recipient_gone') {
      removeGoneDevice(app, d, r.failure.httpStatus);
      gone++;
    } else failures.push(r.failure);
  });
  const status = `${sent}/${devices.length} devices${gone ? `, ${gone} gone` : ''}`;
  // What must be tried again (retryable) or stops the channel (VAPID key refused) wins over partial success.
  const blocking = failures.find((f) => f.scope === 'channel') ?? failures.find((f) => f.retryable);
  if (blocking) {
    const retryAfterMs = Math.max(0, ...failures.map((f) => f.retryAfterMs ?? 0)) || undefined;
    return {
      ok: false,
      failure: {
        ...blocking,
        maybeAccepted: false,
        ...(retryAfterMs ? { retryAfterMs } : {}),
        detail: `${status}: ${blocking.detail}`.slice(0, 500),
      },
    };
  }
  if (sent > 0) return { ok: true, providerMessageId: lastId, providerStatus: status };
  if (failures[0]) return { ok: false, failure: { ...failures[0], detail: `${status}: ${failures[0].detail}` } };
  return {
    ok: false,
    failure: failure({ reason: 'recipient_gone', httpStatus: 410, detail: `${status}: every device is gone` }),
  };
}
