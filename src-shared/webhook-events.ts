/**
 * Event types an endpoint can subscribe to. Each is written by a database trigger in the transaction of
 * the change (drizzle/…_webhooks.sql), so every path that makes the change emits it exactly once.
 * `webhook.test` is only sent by "Kirim uji" and cannot be subscribed to.
 */
export const WEBHOOK_EVENTS = [
  'payment.created',
  'payment.voided',
  'invoice.issued',
  'invoice.paid',
  'invoice.voided',
  'customer.created',
  'customer.updated',
  'account.isolated',
  'account.restored',
  'ticket.opened',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Header names of a delivery (documented in docs/webhooks.md). */
export const WEBHOOK_SIGNATURE_HEADER = 'X-PPPoE-Desk-Signature';
export const WEBHOOK_EVENT_ID_HEADER = 'X-PPPoE-Desk-Event-Id';
export const WEBHOOK_EVENT_TYPE_HEADER = 'X-PPPoE-Desk-Event';
