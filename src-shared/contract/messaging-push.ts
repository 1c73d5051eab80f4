import { z } from 'zod';
import { hhmm, id, procedure } from './define';

/** The VAPID contact the push services may write to about our sends (RFC 8292): `mailto:` or `https:`. */
export const vapidSubject = z
  .string()
  .trim()
  .max(200, 'At most 200 characters')
  .regex(
    /^$|^mailto:[^\s@]+@[^\s@]+\.[^\s@]+$|^https:\/\/[^\s/]+\.[^\s]+$/,
    'Contact must be mailto:address or an https:// address',
  );

/**
 * On/off, the VAPID contact and quiet hours in the ISP's zone (both null: push may go out at any hour;
 * a notice held by quiet hours goes out when they end, like WhatsApp and SMS).
 */
export const pushSettingsInput = z
  .object({ enabled: z.boolean(), subject: vapidSubject, quietStart: hhmm.nullable(), quietEnd: hhmm.nullable() })
  .strict()
  .refine((t) => (t.quietStart === null) === (t.quietEnd === null), {
    message: 'Quiet hours need a start and an end',
    path: ['quietEnd'],
  });
export type PushSettingsInput = z.output<typeof pushSettingsInput>;

export const pushSettingsView = z.object({
  enabled: z.boolean(),
  paused: z.boolean(),
  subject: z.string(),
  quietStart: z.string().nullable(),
  quietEnd: z.string().nullable(),
  /** The VAPID public key (base64url) the portal subscribes with; the private key never leaves the server. */
  publicKey: z.string(),
  /** Subscribed devices of every customer. */
  devices: z.number().int(),
  sentToday: z.number().int(),
});
export type PushSettingsView = z.output<typeof pushSettingsView>;

export const pushDevice = z.object({
  id: z.number().int(),
  /** "Chrome · Android", as the portal described the browser. */
  device: z.string().nullable(),
  /** The push service's host (fcm.googleapis.com…): the endpoint itself is a capability, never shown. */
  service: z.string(),
  createdAt: z.string(),
  lastSentAt: z.string().nullable(),
});

export const pushTestAnswer = z.object({
  ok: z.boolean(),
  providerMessageId: z.string().nullable(),
  providerStatus: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
  /** The push service said the subscription is gone (404/410): it was removed. */
  removed: z.boolean(),
});

/** Pesan → Kanal → Push: on/off, the VAPID contact, the public key, a customer's devices and "Kirim uji". */
export const messagingPushContract = {
  'messages.push.settings': procedure({
    input: z.object({}).default({}),
    output: pushSettingsView,
    permission: 'messages.configure',
    // The first look makes the VAPID key pair (audited) but announces no change: every open screen
    // refetches on `data.changed`, and this read would then answer its own refetch forever.
  }),
  'messages.push.save': procedure({
    input: pushSettingsInput,
    output: pushSettingsView,
    permission: 'messages.configure',
    mutates: 'messages',
  }),
  'messages.push.devices': procedure({
    input: z.object({ customerId: id }),
    output: z.array(pushDevice),
    permission: 'messages.read',
  }),
  'messages.push.test': procedure({
    input: z.object({ subscriptionId: id, subject: vapidSubject.optional() }),
    output: pushTestAnswer,
    permission: 'messages.configure',
    mutates: 'messages',
  }),
};
