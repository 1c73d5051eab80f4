/**
 * A customer's devices for Web Push: the portal stores and removes its own browser's subscription
 * (audited as the customer), staff list a customer's devices (for "Kirim uji"), and the sender removes
 * a device the push service says is gone (404/410, audited as the system).
 */
import type { PushSubscriptionInput } from '../../../src-shared/contract/portal/push';
import { notFound } from '../../../src-shared/result';
import {
  deleteSubscription,
  findSubscriptionByEndpoint,
  subscriptionsOf,
  upsertSubscription,
  type PushSubscriptionRow,
} from '../../data/messaging/push.repository';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';
import { customerOf } from '../portal/account';
import { portalAudit, type PortalCall } from '../portal/session';
import { portalPushKey } from './push';

export function portalPushConfig(call: PortalCall, endpoint: string | undefined) {
  const { customerId } = customerOf(call);
  const db = call.app.sqlite;
  const mine = endpoint ? findSubscriptionByEndpoint(db, endpoint) : undefined;
  return {
    publicKey: portalPushKey(call.app),
    subscribed: mine?.customerId === customerId,
    devices: subscriptionsOf(db, customerId).length,
  };
}

/** "Aktifkan notifikasi": stores this browser for the signed-in customer (one row per endpoint). */
export function portalSubscribe(call: PortalCall, sub: PushSubscriptionInput, device: string | null | undefined) {
  const { customerId } = customerOf(call);
  const { app } = call;
  if (!portalPushKey(app)) throw notFound('Push notifications');
  return app.sqlite
    .transaction(() => {
      const before = findSubscriptionByEndpoint(app.sqlite, sub.endpoint);
      const id = upsertSubscription(app.sqlite, {
        customerId,
        endpoint: sub.endpoint,
        p256dh: sub.keys.p256dh,
        auth: sub.keys.auth,
        device: device || null,
        now: app.clock.now().toISOString(),
      });
      // The same browser saying it again is not news; a new device (or one moving to this customer) is.
      if (before?.customerId !== customerId)
        portalAudit(call, {
          action: 'portal.push.subscribe',
          entity: 'customer',
          entityId: customerId,
          after: { device: device || null, service: serviceOf(sub.endpoint), subscription: id },
        });
      return { ok: true as const, devices: subscriptionsOf(app.sqlite, customerId).length };
    })
    .immediate();
}

/** "Matikan": removes this browser's subscription (only the signed-in customer's own). */
export function portalUnsubscribe(call: PortalCall, endpoint: string) {
  const { customerId } = customerOf(call);
  const { app } = call;
  return app.sqlite
    .transaction(() => {
      const row = findSubscriptionByEndpoint(app.sqlite, endpoint);
      if (row?.customerId === customerId) {
        deleteSubscription(app.sqlite, row.id);
        portalAudit(call, {
          action: 'portal.push.unsubscribe',
          entity: 'customer',
          entityId: customerId,
          before: { device: row.device, service: serviceOf(row.endpoint), subscription: row.id },
        });
      }
      return { ok: true as const, devices: subscriptionsOf(app.sqlite, customerId).length };
    })
    .immediate();
}

/** The push service's host: enough for staff to tell devices apart; the endpoint URL is a capability. */
export function serviceOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return '';
  }
}

export function customerDevices(call: CallContext, customerId: number) {
  return subscriptionsOf(call.app.sqlite, customerId).map((s) => ({
    id: s.id,
    device: s.device,
    service: serviceOf(s.endpoint),
    createdAt: s.createdAt,
    lastSentAt: s.lastSentAt,
  }));
}

/** The push service answered 404/410: the browser dropped the subscription. Removed, audited as the system. */
export function removeGoneDevice(app: AppContext, sub: PushSubscriptionRow, httpStatus: number | undefined): void {
  app.sqlite.transaction(() => {
    if (!deleteSubscription(app.sqlite, sub.id)) return;
    writeAudit(
      { app, session: null, transport: 'internal' },
      {
        action: 'messages.push.removed',
        entity: 'customer',
        entityId: sub.customerId,
        before: { device: sub.device, service: serviceOf(sub.endpoint), subscription: sub.id },
        reason: `push service answered ${httpStatus ?? 'gone'}`,
      },
    );
  })();
}
