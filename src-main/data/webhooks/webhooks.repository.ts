import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/** A webhook_endpoints row as the core sees it (events parsed, counts of its deliveries). */
export interface EndpointRecord {
  id: number;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  secretEnc: string;
  secretHint: string;
  createdAt: string;
  updatedAt: string;
  pending: number;
  failed: number;
  lastDeliveredAt: string | null;
}

interface EndpointRow extends Omit<EndpointRecord, 'events' | 'enabled'> {
  events: string;
  enabled: number;
}

const toEndpoint = (r: EndpointRow): EndpointRecord => ({
  ...r,
  events: JSON.parse(r.events) as string[],
  enabled: r.enabled === 1,
});

const ENDPOINT = `SELECT e.id, e.url, e.description, e.events, e.enabled, e.secret_enc AS secretEnc,
  e.secret_hint AS secretHint, e.created_at AS createdAt, e.updated_at AS updatedAt,
  (SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending') AS pending,
  (SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'failed') AS failed,
  (SELECT max(d.delivered_at) FROM webhook_deliveries d WHERE d.endpoint_id = e.id) AS lastDeliveredAt
  FROM webhook_endpoints e`;

export function listEndpoints(db: Sqlite): EndpointRecord[] {
  return prepared<[], EndpointRow>(db, `${ENDPOINT} ORDER BY e.id`).all().map(toEndpoint);
}

export function findEndpoint(db: Sqlite, id: number): EndpointRecord | undefined {
  const row = prepared<[number], EndpointRow>(db, `${ENDPOINT} WHERE e.id = ?`).get(id);
  return row && toEndpoint(row);
}

export interface EndpointWrite {
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
}

export function insertEndpoint(
  db: Sqlite,
  e: EndpointWrite & { secretEnc: string; secretHint: string; createdBy: number | null; at: string },
): number {
  const r = prepared<unknown[]>(
    db,
    `INSERT INTO webhook_endpoints(url, description, events, enabled, secret_enc, secret_hint, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.url,
    e.description,
    JSON.stringify(e.events),
    e.enabled ? 1 : 0,
    e.secretEnc,
    e.secretHint,
    e.createdBy,
    e.at,
    e.at,
  );
  return Number(r.lastInsertRowid);
}

export function updateEndpoint(db: Sqlite, id: number, e: EndpointWrite, at: string): void {
  prepared<unknown[]>(
    db,
    'UPDATE webhook_endpoints SET url = ?, description = ?, events = ?, enabled = ?, updated_at = ? WHERE id = ?',
  ).run(e.url, e.description, JSON.stringify(e.events), e.enabled ? 1 : 0, at, id);
}

export function setEndpointSecret(db: Sqlite, id: number, secretEnc: string, secretHint: string, at: string): void {
  prepared<unknown[]>(
    db,
    'UPDATE webhook_endpoints SET secret_enc = ?, secret_hint = ?, updated_at = ? WHERE id = ?',
  ).run(secretEnc, secretHint, at, id);
}

/**
 * Events no delivery refers to any more (their endpoint was deleted, or their deliveries were pruned),
 * only those written before `before` when given, at most `limit`. The NOT IN subquery is materialised once.
 */
function deleteOrphanEvents(db: Sqlite, before: string | null, limit: number): number {
  return prepared<[string | null, string | null, number]>(
    db,
    `DELETE FROM webhook_events WHERE id IN (
       SELECT id FROM webhook_events WHERE (? IS NULL OR created_at < ?)
         AND id NOT IN (SELECT event_row_id FROM webhook_deliveries) LIMIT ?)`,
  ).run(before, before, limit).changes;
}

/** Removes an endpoint with its delivery log (pending ones included) and the events left without one. */
export function deleteEndpointRows(db: Sqlite, id: number): { deliveries: number; events: number } {
  const deliveries = prepared<[number]>(db, 'DELETE FROM webhook_deliveries WHERE endpoint_id = ?').run(id).changes;
  prepared<[number]>(db, 'DELETE FROM webhook_endpoints WHERE id = ?').run(id);
  return { deliveries, events: deleteOrphanEvents(db, null, -1) };
}

/**
 * Up to `limit` rows of the outbox's history older than `before`: finished deliveries (delivered or
 * failed for good), then the events none refers to. Pending deliveries and their events are never touched.
 */
export function pruneWebhookHistory(db: Sqlite, before: string, limit: number): { deliveries: number; events: number } {
  const deliveries = prepared<[string, number]>(
    db,
    `DELETE FROM webhook_deliveries WHERE id IN (
       SELECT id FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND created_at < ? LIMIT ?)`,
  ).run(before, limit).changes;
  return { deliveries, events: deleteOrphanEvents(db, before, limit) };
}

/** An event written by the app itself (the test event); business events come from the triggers. */
export function insertEvent(db: Sqlite, e: { eventId: string; type: string; data: string; at: string }): number {
  const r = prepared<unknown[]>(
    db,
    'INSERT INTO webhook_events(event_id, type, data, created_at) VALUES (?, ?, ?, ?)',
  ).run(e.eventId, e.type, e.data, e.at);
  return Number(r.lastInsertRowid);
}

export function insertDelivery(db: Sqlite, eventRowId: number, endpointId: number, at: string): number {
  const r = prepared<unknown[]>(
    db,
    'INSERT INTO webhook_deliveries(event_row_id, endpoint_id, created_at) VALUES (?, ?, ?)',
  ).run(eventRowId, endpointId, at);
  return Number(r.lastInsertRowid);
}

export interface DeliveryRecord {
  id: number;
  endpointId: number;
  eventRowId: number;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const DELIVERY = `SELECT d.id, d.endpoint_id AS endpointId, d.event_row_id AS eventRowId, v.event_id AS eventId,
  v.type AS eventType, d.status, d.attempts, d.next_attempt_at AS nextAttemptAt, d.last_attempt_at AS lastAttemptAt,
  d.last_status AS lastStatus, d.last_error AS lastError, d.delivered_at AS deliveredAt, d.created_at AS createdAt
  FROM webhook_deliveries d JOIN webhook_events v ON v.id = d.event_row_id`;

export function findDelivery(db: Sqlite, id: number): DeliveryRecord | undefined {
  return prepared<[number], DeliveryRecord>(db, `${DELIVERY} WHERE d.id = ?`).get(id);
}

export function listDeliveries(
  db: Sqlite,
  endpointId: number,
  status: DeliveryRecord['status'] | null,
  limit: number,
): DeliveryRecord[] {
  return prepared<[number, string | null, string | null, number], DeliveryRecord>(
    db,
    `${DELIVERY} WHERE d.endpoint_id = ? AND (? IS NULL OR d.status = ?) ORDER BY d.id DESC LIMIT ?`,
  ).all(endpointId, status, status, limit);
}

/** What the sender needs for one attempt: the event, its endpoint and the sealed secret. */
export interface DueDelivery {
  id: number;
  endpointId: number;
  attempts: number;
  url: string;
  secretEnc: string;
  eventId: string;
  eventType: string;
  data: string;
  eventCreatedAt: string;
}

const DUE = `SELECT d.id, d.endpoint_id AS endpointId, d.attempts, e.url, e.secret_enc AS secretEnc,
    v.event_id AS eventId, v.type AS eventType, v.data, v.created_at AS eventCreatedAt
  FROM webhook_deliveries d
  JOIN webhook_endpoints e ON e.id = d.endpoint_id
  JOIN webhook_events v ON v.id = d.event_row_id`;

/**
 * Enabled endpoints with a pending delivery due at `now` (the partial index on pending rows). A
 * disabled endpoint's deliveries wait, and resume when it is switched on again.
 */
export function dueEndpointIds(db: Sqlite, now: string): number[] {
  return prepared<[string], { id: number }>(
    db,
    `SELECT DISTINCT d.endpoint_id AS id FROM webhook_deliveries d
     JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled = 1
     WHERE d.status = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)`,
  )
    .all(now)
    .map((r) => r.id);
}

/** One endpoint's due deliveries, oldest first (per endpoint, so a backlog on one never starves another). */
export function dueDeliveriesOf(db: Sqlite, endpointId: number, now: string, limit: number): DueDelivery[] {
  return prepared<[number, string, number], DueDelivery>(
    db,
    `${DUE} WHERE d.endpoint_id = ? AND d.status = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)
     ORDER BY d.id LIMIT ?`,
  ).all(endpointId, now, limit);
}

/** A pending delivery to send now whatever its planned time (the test send). */
export function pendingDelivery(db: Sqlite, id: number): DueDelivery | undefined {
  return prepared<[number], DueDelivery>(db, `${DUE} WHERE d.id = ? AND d.status = 'pending'`).get(id);
}

/** The earliest planned retry of an enabled endpoint (null: nothing waits). */
export function nextRetryAt(db: Sqlite): string | null {
  const r = prepared<[], { at: string | null }>(
    db,
    `SELECT min(d.next_attempt_at) AS at FROM webhook_deliveries d
     JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled = 1
     WHERE d.status = 'pending' AND d.next_attempt_at IS NOT NULL`,
  ).get();
  return r?.at ?? null;
}

export interface AttemptOutcome {
  status: DeliveryRecord['status'];
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  at: string;
}

export function recordAttempt(db: Sqlite, id: number, o: AttemptOutcome): void {
  prepared<unknown[]>(
    db,
    `UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ?,
       last_attempt_at = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END
     WHERE id = ?`,
  ).run(o.status, o.attempts, o.lastStatus, o.lastError, o.nextAttemptAt, o.at, o.status, o.at, id);
}

/**
 * UU PDP erasure: removes the personal values from the customer's outbox events (their own customer.*
 * events and the payment/invoice/account/ticket events that name them); ids, codes and amounts stay.
 */
export function redactCustomerEvents(db: Sqlite, customerId: number): number {
  return prepared<[number, number]>(
    db,
    `UPDATE webhook_events SET data = json_set(
       json_remove(data, '$.name', '$.address', '$.phone', '$.email', '$.username', '$.referenceNumber', '$.voidReason'),
       '$.erased', json('true'))
     WHERE json_extract(data, '$.customerId') = ? OR (type LIKE 'customer.%' AND json_extract(data, '$.id') = ?)`,
  ).run(customerId, customerId).changes;
}
