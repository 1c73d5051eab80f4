import { z } from 'zod';
import { portalProcedure } from './define';

/**
 * A browser's PushSubscription (`subscription.toJSON()`), checked before it is stored: an https
 * endpoint, and the browser's keys as unpadded base64url of their exact sizes (p256dh: an uncompressed
 * P-256 point, 65 bytes → 87 characters starting with `B`; auth: 16 bytes → 22 characters). Anything
 * else is refused naming the field; nothing is "cleaned up".
 */
export const pushSubscriptionInput = z
  .object({
    endpoint: z
      .string({ error: 'Push endpoint is required' })
      .max(1000, 'Push endpoint must be at most 1000 characters')
      .regex(/^https:\/\/[^\s/?#]+\/\S*$/, 'Push endpoint must be an https:// address'),
    expirationTime: z.number().nullable().optional(),
    keys: z
      .object({
        p256dh: z
          .string({ error: 'Key p256dh is required' })
          .regex(/^B[A-Za-z0-9_-]{86}$/, 'Key p256dh must be a P-256 public key in base64url (87 characters)'),
        auth: z
          .string({ error: 'Key auth is required' })
          .regex(/^[A-Za-z0-9_-]{21}[AQgw]$/, 'Key auth must be 16 bytes in base64url (22 characters)'),
      })
      .strict(),
  })
  .strict();
export type PushSubscriptionInput = z.output<typeof pushSubscriptionInput>;

export const portalPushContract = {
  /** Whether the ISP sends push, and the key to subscribe with (null: off). */
  'portal.push.config': portalProcedure({
    access: 'customer',
    input: z
      .object({ endpoint: z.string().max(1000).optional() })
      .strict()
      .default({}),
    output: z.object({
      publicKey: z.string().nullable(),
      /** This browser's endpoint (when given) is stored for this customer. */
      subscribed: z.boolean(),
      devices: z.number().int(),
    }),
  }),
  'portal.push.subscribe': portalProcedure({
    access: 'customer',
    input: z
      .object({
        subscription: pushSubscriptionInput,
        device: z.string().trim().max(80, 'Device name must be at most 80 characters').nullable().optional(),
      })
      .strict(),
    output: z.object({ ok: z.literal(true), devices: z.number().int() }),
  }),
  'portal.push.unsubscribe': portalProcedure({
    access: 'customer',
    input: z.object({ endpoint: z.string().max(1000, 'Push endpoint must be at most 1000 characters') }).strict(),
    output: z.object({ ok: z.literal(true), devices: z.number().int() }),
  }),
};
