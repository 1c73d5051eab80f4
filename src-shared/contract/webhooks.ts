import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../webhook-events';
import { id, optionalText, procedure, timestamp } from './define';

/** Outgoing webhooks (admin): endpoints, their signing secret (shown once), test sends and the delivery log. */
const webhookUrl = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'URL is required' })
    .min(1, 'URL is required')
    .max(500, 'URL must be at most 500 characters')
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
      } catch {
        return false;
      }
    }, 'URL must be an http:// or https:// address'),
);

const eventList = z
  .array(z.enum(WEBHOOK_EVENTS, { error: `Event must be one of ${WEBHOOK_EVENTS.join(', ')}` }))
  .min(1, 'Choose at least one event')
  .max(WEBHOOK_EVENTS.length);

export const webhookEndpoint = z.object({
  id: z.number().int(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  /** The first characters of the secret (`whsec_ab12…`), to tell a rotation apart. */
  secretHint: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  pending: z.number().int(),
  failed: z.number().int(),
  lastDeliveredAt: timestamp.nullable(),
});
export type WebhookEndpoint = z.output<typeof webhookEndpoint>;

export const webhookDelivery = z.object({
  id: z.number().int(),
  endpointId: z.number().int(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: timestamp.nullable(),
  lastAttemptAt: timestamp.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type WebhookDelivery = z.output<typeof webhookDelivery>;

const withSecret = z.object({ endpoint: webhookEndpoint, secret: z.string() });

export const webhooksContract = {
  'webhooks.list': procedure({
    permission: 'webhooks.manage',
    input: z.object({}).strict().default({}),
    output: z.object({ items: z.array(webhookEndpoint) }),
  }),
  'webhooks.create': procedure({
    permission: 'webhooks.manage',
    mutates: 'webhooks',
    input: z
      .object({
        url: webhookUrl,
        description: optionalText(200, 'Description'),
        events: eventList,
        enabled: z.boolean().default(true),
      })
      .strict(),
    /** `secret` is shown once (it is kept sealed to sign, but never sent again). */
    output: withSecret,
  }),
  'webhooks.update': procedure({
    permission: 'webhooks.manage',
    mutates: 'webhooks',
    input: z
      .object({
        id,
        url: webhookUrl.optional(),
        description: optionalText(200, 'Description'),
        events: eventList.optional(),
        enabled: z.boolean().optional(),
      })
      .strict(),
    output: webhookEndpoint,
  }),
  'webhooks.rotateSecret': procedure({
    permission: 'webhooks.manage',
    mutates: 'webhooks',
    input: z.object({ id }).strict(),
    output: withSecret,
  }),
  /** Deletes the endpoint with its delivery log (pending deliveries are not sent); answers how many went. */
  'webhooks.delete': procedure({
    permission: 'webhooks.manage',
    mutates: 'webhooks',
    input: z.object({ id }).strict(),
    output: z.object({ deliveries: z.number().int() }),
  }),
  /** Sends a `webhook.test` event to the endpoint now and answers with the outcome of that attempt. */
  'webhooks.test': procedure({
    permission: 'webhooks.manage',
    mutates: 'webhooks',
    input: z.object({ id }).strict(),
    output: webhookDelivery,
  }),
  'webhooks.deliveries': procedure({
    permission: 'webhooks.manage',
    input: z
      .object({
        endpointId: id,
        status: z.enum(['pending', 'delivered', 'failed']).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ items: z.array(webhookDelivery) }),
  }),
  /** Sends the same event (same event id) to the endpoint again, as a new delivery. */
  'webhooks.resend': procedure({
    permission: 'webhooks.manage',
    mutates: 'webhooks',
    input: z.object({ deliveryId: id }).strict(),
    output: webhookDelivery,
  }),
};
