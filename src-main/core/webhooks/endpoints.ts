/**
 * Webhook endpoints (admin): create, edit, switch on/off, rotate the signing secret, resend a delivery,
 * delete (with its delivery log).
 * Each change is one transaction with its audit row. The secret is sealed with the app's secret box
 * (it must be read back to sign every delivery) and shown only in the answer that made it.
 */
import crypto from 'node:crypto';
import { AppError } from '../../../src-shared/result';
import type { ParsedInputOf } from '../../../src-shared/contract';
import type { WebhookDelivery, WebhookEndpoint } from '../../../src-shared/contract/webhooks';
import {
  deleteEndpointRows,
  findDelivery,
  findEndpoint,
  insertDelivery,
  insertEndpoint,
  insertEvent,
  listDeliveries as listDeliveryRows,
  listEndpoints,
  setEndpointSecret,
  updateEndpoint,
  type EndpointRecord,
} from '../../data/webhooks/webhooks.repository';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';

const toEndpoint = ({ secretEnc: _sealed, ...r }: EndpointRecord): WebhookEndpoint => r;

function newSecret(): { secret: string; hint: string } {
  const secret = `whsec_${crypto.randomBytes(32).toString('base64url')}`;
  return { secret, hint: secret.slice(0, 10) };
}

const mustFind = (call: CallContext, id: number) => {
  const e = findEndpoint(call.app.sqlite, id);
  if (!e) throw new AppError('NOT_FOUND', 'Webhook endpoint not found');
  return e;
};

/** What the audit keeps of an endpoint: never the secret. */
const audited = (e: Pick<EndpointRecord, 'url' | 'description' | 'events' | 'enabled'>) => ({
  url: e.url,
  description: e.description,
  events: e.events,
  enabled: e.enabled,
});

export function listWebhookEndpoints(call: CallContext): { items: WebhookEndpoint[] } {
  return { items: listEndpoints(call.app.sqlite).map(toEndpoint) };
}

export function createWebhookEndpoint(
  call: CallContext,
  input: ParsedInputOf<'webhooks.create'>,
): { endpoint: WebhookEndpoint; secret: string } {
  const { app } = call;
  const { secret, hint } = newSecret();
  const events = [...new Set(input.events)];
  return app.sqlite.transaction(() => {
    const id = insertEndpoint(app.sqlite, {
      url: input.url,
      description: input.description ?? null,
      events,
      enabled: input.enabled,
      secretEnc: app.secrets.encrypt(secret),
      secretHint: hint,
      createdBy: call.session?.userId ?? null,
      at: app.clock.now().toISOString(),
    });
    const endpoint = mustFind(call, id);
    writeAudit(call, { action: 'webhook.create', entity: 'webhook_endpoint', entityId: id, after: audited(endpoint) });
    return { endpoint: toEndpoint(endpoint), secret };
  })();
}

export function updateWebhookEndpoint(call: CallContext, input: ParsedInputOf<'webhooks.update'>): WebhookEndpoint {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = mustFind(call, input.id);
    const next = {
      url: input.url ?? before.url,
      description: input.description === undefined ? before.description : input.description,
      events: input.events ? [...new Set(input.events)] : before.events,
      enabled: input.enabled ?? before.enabled,
    };
    updateEndpoint(app.sqlite, input.id, next, app.clock.now().toISOString());
    writeAudit(call, {
      action: 'webhook.update',
      entity: 'webhook_endpoint',
      entityId: input.id,
      before: audited(before),
      after: next,
    });
    return toEndpoint(mustFind(call, input.id));
  })();
}

/** A new secret at once: the old one stops signing from the next delivery on. */
export function rotateWebhookSecret(
  call: CallContext,
  input: ParsedInputOf<'webhooks.rotateSecret'>,
): { endpoint: WebhookEndpoint; secret: string } {
  const { app } = call;
  const { secret, hint } = newSecret();
  return app.sqlite.transaction(() => {
    const before = mustFind(call, input.id);
    setEndpointSecret(app.sqlite, input.id, app.secrets.encrypt(secret), hint, app.clock.now().toISOString());
    writeAudit(call, {
      action: 'webhook.rotate',
      entity: 'webhook_endpoint',
      entityId: input.id,
      before: { secretHint: before.secretHint },
      after: { secretHint: hint },
    });
    return { endpoint: toEndpoint(mustFind(call, input.id)), secret };
  })();
}

export function listWebhookDeliveries(
  call: CallContext,
  input: ParsedInputOf<'webhooks.deliveries'>,
): { items: WebhookDelivery[] } {
  mustFind(call, input.endpointId);
  return { items: listDeliveryRows(call.app.sqlite, input.endpointId, input.status ?? null, input.limit) };
}

const toDelivery = ({ eventRowId: _row, ...d }: NonNullable<ReturnType<typeof findDelivery>>): WebhookDelivery => d;

export function findWebhookDelivery(call: CallContext, id: number): WebhookDelivery {
  const d = findDelivery(call.app.sqlite, id);
  if (!d) throw new AppError('NOT_FOUND', 'Webhook delivery not found');
  return toDelivery(d);
}

/** Writes a `webhook.test` event for one endpoint (a fresh event id each time); the caller sends it. */
export function enqueueTestDelivery(call: CallContext, endpointId: number): number {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const endpoint = mustFind(call, endpointId);
    const at = app.clock.now().toISOString();
    const eventId = `evt_${crypto.randomBytes(16).toString('hex')}`;
    const data = JSON.stringify({
      endpointId,
      url: endpoint.url,
      sentBy: call.session?.username ?? call.actor ?? null,
    });
    const row = insertEvent(app.sqlite, { eventId, type: 'webhook.test', data, at });
    const deliveryId = insertDelivery(app.sqlite, row, endpointId, at);
    writeAudit(call, { action: 'webhook.test', entity: 'webhook_endpoint', entityId: endpointId, after: { eventId } });
    return deliveryId;
  })();
}

/** "Kirim ulang": the same event (same id, for the receiver to dedupe) as a new delivery, due now. */
export function resendWebhookDelivery(call: CallContext, deliveryId: number): number {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const d = findDelivery(app.sqlite, deliveryId);
    if (!d) throw new AppError('NOT_FOUND', 'Webhook delivery not found');
    const id = insertDelivery(app.sqlite, d.eventRowId, d.endpointId, app.clock.now().toISOString());
    writeAudit(call, {
      action: 'webhook.resend',
      entity: 'webhook_endpoint',
      entityId: d.endpointId,
      after: { eventId: d.eventId, eventType: d.eventType, from: deliveryId, delivery: id },
    });
    return id;
  })();
}

/**
 * Deletes an endpoint and its delivery log: its pending deliveries are never sent. The audit row keeps
 * what the endpoint was (never the secret) and how many deliveries went with it. A delivery in flight at
 * that moment finishes and records nothing.
 */
export function deleteWebhookEndpoint(call: CallContext, id: number): { deliveries: number } {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = mustFind(call, id);
    const removed = deleteEndpointRows(app.sqlite, id);
    writeAudit(call, {
      action: 'webhook.delete',
      entity: 'webhook_endpoint',
      entityId: id,
      before: { ...audited(before), pending: before.pending, failed: before.failed },
      after: { deliveriesRemoved: removed.deliveries, eventsRemoved: removed.events },
    });
    return { deliveries: removed.deliveries };
  })();
}
