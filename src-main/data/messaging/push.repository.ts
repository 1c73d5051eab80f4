/**
 * Web Push subscriptions of the portal's customers (`push_subscriptions`, unique by endpoint) and the
 * devices each outbox message already reached (`push_deliveries`), so a retry skips them.
 */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface PushSubscriptionRow {
  id: number;
  customerId: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  device: string | null;
  createdAt: string;
  lastSentAt: string | null;
}

const COLS = `id, customer_id AS customerId, endpoint, p256dh, auth, device, created_at AS createdAt, last_sent_at AS lastSentAt`;

export interface NewSubscription {
  customerId: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  device: string | null;
  now: string;
}

/**
 * Stores a browser's subscription for a customer. The same endpoint again (the browser re-subscribed,
 * or another customer signed in on the same phone) takes the new keys and owner: one endpoint is one
 * browser, and it belongs to whoever subscribed it last. Returns the row's id.
 */
export function upsertSubscription(db: Sqlite, s: NewSubscription): number {
  return prepared<[NewSubscription], { id: number }>(
    db,
    `INSERT INTO push_subscriptions(customer_id, endpoint, p256dh, auth, device, created_at)
     VALUES (@customerId, @endpoint, @p256dh, @auth, @device, @now)
     ON CONFLICT(endpoint) DO UPDATE SET customer_id = excluded.customer_id, p256dh = excluded.p256dh,
       auth = excluded.auth, device = excluded.device
     RETURNING id`,
  ).get(s)!.id;
}

export function findSubscription(db: Sqlite, id: number): PushSubscriptionRow | undefined {
  return prepared<[number], PushSubscriptionRow>(db, `SELECT ${COLS} FROM push_subscriptions WHERE id = ?`).get(id);
}

export function findSubscriptionByEndpoint(db: Sqlite, endpoint: string): PushSubscriptionRow | undefined {
  return prepared<[string], PushSubscriptionRow>(db, `SELECT ${COLS} FROM push_subscriptions WHERE endpoint = ?`).get(
    endpoint,
  );
}

export function subscriptionsOf(db: Sqlite, customerId: number): PushSubscriptionRow[] {
  return prepared<[number], PushSubscriptionRow>(
    db,
    `SELECT ${COLS} FROM push_subscriptions WHERE customer_id = ? ORDER BY id`,
  ).all(customerId);
}

export function countSubscriptions(db: Sqlite): number {
  return prepared<[], { n: number }>(db, `SELECT COUNT(*) AS n FROM push_subscriptions`).get()!.n;
}

export function deleteSubscription(db: Sqlite, id: number): boolean {
  return prepared<[number]>(db, `DELETE FROM push_subscriptions WHERE id = ?`).run(id).changes === 1;
}

/** Every device of a customer (the customer's personal data is erased). Returns how many. */
export function deleteSubscriptionsOf(db: Sqlite, customerId: number): number {
  return prepared<[number]>(db, `DELETE FROM push_subscriptions WHERE customer_id = ?`).run(customerId).changes;
}

export function markSubscriptionSent(db: Sqlite, id: number, now: string): void {
  prepared<[string, number]>(db, `UPDATE push_subscriptions SET last_sent_at = ? WHERE id = ?`).run(now, id);
}

/** The devices an outbox message already reached. */
export function deliveredTo(db: Sqlite, outboxId: number): Set<number> {
  return new Set(
    prepared<[number], { id: number }>(db, `SELECT subscription_id AS id FROM push_deliveries WHERE outbox_id = ?`)
      .all(outboxId)
      .map((r) => r.id),
  );
}

export function recordDelivery(db: Sqlite, outboxId: number, subscriptionId: number, now: string): void {
  prepared<[number, number, string]>(
    db,
    `INSERT INTO push_deliveries(outbox_id, subscription_id, at) VALUES (?, ?, ?)
     ON CONFLICT(outbox_id, subscription_id) DO NOTHING`,
  ).run(outboxId, subscriptionId, now);
}
