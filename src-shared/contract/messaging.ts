import { z } from 'zod';
import { byId, hhmm, id, listOf, optionalText, page, pageSize, procedure, timestamp } from './define';
import { messagingPushContract } from './messaging-push';

export const MESSAGE_CHANNELS = ['whatsapp', 'sms', 'email', 'push'] as const;
export const messageChannel = z.enum(MESSAGE_CHANNELS, { error: 'Channel must be WhatsApp, SMS, e-mail or push' });
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const OUTBOX_KINDS = [
  'bill_issued',
  'reminder_early',
  'reminder_final',
  'due_today',
  'overdue',
  'isolir',
  'restored',
  'payment_receipt',
  'ticket_answered',
  'broadcast',
] as const;
export const outboxKind = z.enum(OUTBOX_KINDS, { error: 'Unknown message kind' });
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled', 'unknown'] as const;

const baseUrl = z
  .string()
  .trim()
  .max(300, 'Base URL must be at most 300 characters')
  .regex(/^(https?:\/\/\S+)?$/, 'Base URL must start with http:// or https://')
  .optional();
const secret = (label: string) => z.string().max(500, `${label} must be at most 500 characters`).optional();

/** Throttling of one channel: a random gap between messages, a daily cap, quiet hours (ISP zone). */
export const throttleInput = z
  .object({
    minGapSeconds: z.number().int('Whole seconds').min(0, 'At least 0 seconds').max(3600, 'At most 3600 seconds'),
    maxGapSeconds: z.number().int('Whole seconds').min(0, 'At least 0 seconds').max(3600, 'At most 3600 seconds'),
    dailyCap: z.number().int('A whole number').min(1, 'At least 1').max(100_000, 'At most 100000').nullable(),
    quietStart: hhmm.nullable(),
    quietEnd: hhmm.nullable(),
  })
  .refine((t) => t.minGapSeconds <= t.maxGapSeconds, {
    message: 'The shortest gap cannot be longer than the longest',
    path: ['minGapSeconds'],
  })
  .refine((t) => (t.quietStart === null) === (t.quietEnd === null), {
    message: 'Quiet hours need a start and an end',
    path: ['quietEnd'],
  });

/**
 * A provider's settings as typed in Settings. A secret field left out keeps the stored one (the screen
 * never receives it back); an empty string clears it.
 */
/** An approved Cloud API template for one message kind: its name, language, and which placeholders fill {{1}}, {{2}}… */
export const cloudTemplateInput = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, 'Template name: lowercase letters, digits and _ (as approved by Meta)'),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'Template language: a code such as id or en_US'),
  params: z.array(z.string().trim().min(1, 'Required').max(40, 'At most 40 characters')).max(20, 'At most 20 items'),
});
export type CloudTemplateInput = z.output<typeof cloudTemplateInput>;
export const cloudTemplates = z.partialRecord(outboxKind, cloudTemplateInput);

export const providerInput = z.discriminatedUnion(
  'provider',
  [
    z.object({ provider: z.literal('fonnte'), baseUrl, token: secret('Token') }),
    z.object({ provider: z.literal('wablas'), baseUrl, token: secret('Token'), secretKey: secret('Secret key') }),
    z.object({
      provider: z.literal('whatsapp_cloud'),
      baseUrl,
      phoneNumberId: z
        .string()
        .trim()
        .regex(/^\d{5,30}$/, 'Phone number ID must be digits'),
      accessToken: secret('Access token'),
      /** The approved template per message kind (reminders go out of the 24-hour window). */
      templates: cloudTemplates.optional(),
    }),
    z.object({
      provider: z.literal('mikrotik_sms'),
      /** A router of the Jaringan screen with an LTE modem. */
      routerId: id,
      port: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9._-]{1,32}$/, 'Modem interface: letters, digits, dot, dash (e.g. lte1)'),
    }),
    z.object({
      provider: z.literal('smtp'),
      host: z.string().trim().min(1, 'SMTP host is required').max(255, 'SMTP host must be at most 255 characters'),
      port: z.number().int('Port must be a whole number').min(1, 'Port: 1 to 65535').max(65535, 'Port: 1 to 65535'),
      security: z.enum(['implicit', 'starttls', 'none'], { error: 'Security is TLS, STARTTLS or none' }),
      user: optionalText(255, 'User'),
      password: secret('Password'),
      fromAddress: z.email('Sender must be an e-mail address'),
      fromName: optionalText(120, 'Sender name'),
    }),
  ],
  { error: 'Unknown provider' },
);
export type ProviderInput = z.output<typeof providerInput>;

export const channelInput = z.object({
  channel: messageChannel,
  enabled: z.boolean(),
  settings: providerInput,
  throttle: throttleInput,
});
export type ChannelInput = z.output<typeof channelInput>;

/** What the renderer sees of a channel: never a secret, only whether one is stored. */
export const channelView = z.object({
  channel: messageChannel,
  provider: z.string(),
  enabled: z.boolean(),
  paused: z.boolean(),
  baseUrl: z.string().nullable(),
  /** Non-secret provider fields (phone number id, SMTP host…). */
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  secretsStored: z.array(z.string()),
  /** Cloud API only: the approved template per kind. */
  templates: cloudTemplates,
  throttle: z.object({
    minGapSeconds: z.number().int(),
    maxGapSeconds: z.number().int(),
    dailyCap: z.number().int().nullable(),
    quietStart: z.string().nullable(),
    quietEnd: z.string().nullable(),
  }),
  sentToday: z.number().int(),
});
export type ChannelView = z.output<typeof channelView>;

export const outboxRow = z.object({
  id: z.number().int(),
  kind: outboxKind,
  channel: messageChannel,
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  invoiceId: z.number().int().nullable(),
  invoiceNumber: z.string().nullable(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  recipient: z.string().nullable(),
  body: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  nextAttemptAt: timestamp,
  sentAt: z.string().nullable(),
  createdAt: timestamp,
});
export type OutboxRowView = z.output<typeof outboxRow>;

const templateText = z.string().max(2000, 'At most 2000 characters');
const kindTexts = z
  .object({
    whatsapp: templateText.optional(),
    sms: z.string().max(480, 'At most 480 characters').optional(),
    subject: z.string().max(200, 'At most 200 characters').optional(),
    pushTitle: z.string().max(100, 'At most 100 characters').optional(),
    pushBody: z.string().max(500, 'At most 500 characters').optional(),
  })
  .strict();
/** Every part of a kind's text, as the app's defaults have them. */
const fullTexts = z.object({
  whatsapp: z.string(),
  sms: z.string(),
  subject: z.string(),
  pushTitle: z.string(),
  pushBody: z.string(),
});
export const TEXT_PARTS = ['whatsapp', 'sms', 'subject', 'pushTitle', 'pushBody'] as const;
export type TextPart = (typeof TEXT_PARTS)[number];
const language = z.enum(['id', 'en'], { error: 'Language must be Indonesian or English' });

export const kindInput = z.object({
  kind: outboxKind,
  enabled: z.boolean(),
  days: z.number().int('Whole days').min(0, 'At least 0 days').max(60, 'At most 60 days').nullable(),
  texts: z.object({ id: kindTexts.optional(), en: kindTexts.optional() }),
});
export type KindInput = z.output<typeof kindInput>;

export const kindView = z.object({
  kind: outboxKind,
  enabled: z.boolean(),
  days: z.number().int().nullable(),
  hasDays: z.boolean(),
  texts: z.object({ id: kindTexts, en: kindTexts }),
  /** The app's own texts, used for every part the ISP has not written. */
  defaults: z.object({ id: fullTexts, en: fullTexts }),
  /** The placeholders this kind may use, in the ISP's language. */
  placeholders: z.array(z.string()),
});
export type KindView = z.output<typeof kindView>;

export const previewInput = z.object({
  kind: outboxKind,
  customerId: id,
  channel: messageChannel,
  lang: language.optional(),
  /** Texts being edited (not saved yet) over the stored ones. */
  texts: kindTexts.optional(),
  broadcastText: optionalText(1000, 'Broadcast text'),
});
export type PreviewInput = z.output<typeof previewInput>;

/** Desktop notifications staff can switch on or off for themselves. */
export const STAFF_NOTICE_KINDS = [
  'ticket_new',
  'payment_online',
  'reseller_topup',
  'router_down',
  'messages_failed',
] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];
const staffPrefsShape = z.object({
  ticket_new: z.boolean(),
  payment_online: z.boolean(),
  reseller_topup: z.boolean(),
  router_down: z.boolean(),
  messages_failed: z.boolean(),
});

export const messagingContract = {
  ...messagingPushContract,
  'messages.staffPrefs': procedure({
    input: z.object({}).default({}),
    output: staffPrefsShape,
    permission: 'authenticated',
  }),
  'messages.saveStaffPrefs': procedure({
    input: staffPrefsShape.partial().strict(),
    output: staffPrefsShape,
    permission: 'authenticated',
    mutates: 'messages',
  }),
  'messages.list': procedure({
    input: z.object({
      status: z.enum(OUTBOX_STATUSES).optional(),
      kind: outboxKind.optional(),
      channel: messageChannel.optional(),
      customerId: id.optional(),
      broadcastId: id.optional(),
      page,
      pageSize,
    }),
    output: listOf(outboxRow),
    permission: 'messages.read',
  }),
  'messages.counts': procedure({
    input: z.object({ broadcastId: id.optional() }).default({}),
    output: z.object({
      queued: z.number().int(),
      sending: z.number().int(),
      sent: z.number().int(),
      failed: z.number().int(),
      cancelled: z.number().int(),
      unknown: z.number().int(),
    }),
    permission: 'messages.read',
  }),
  'messages.resend': procedure({
    input: byId,
    output: z.object({ ok: z.literal(true) }),
    permission: 'messages.send',
    mutates: 'messages',
  }),
  'messages.cancel': procedure({
    input: z.object({
      id,
      reason: z.string().trim().min(1, 'A reason is required').max(300, 'At most 300 characters'),
    }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'messages.send',
    mutates: 'messages',
  }),
  'messages.channels': procedure({
    input: z.object({}).default({}),
    output: z.array(channelView),
    permission: 'messages.configure',
  }),
  'messages.saveChannel': procedure({
    input: channelInput,
    output: channelView,
    permission: 'messages.configure',
    mutates: 'messages',
  }),
  'messages.testChannel': procedure({
    input: channelInput.extend({
      /** A phone number (WhatsApp, SMS) or an e-mail address to send the test to. */
      to: z.string().trim().min(1, 'Test recipient is required').max(255, 'At most 255 characters'),
    }),
    output: z.object({
      ok: z.boolean(),
      providerMessageId: z.string().nullable(),
      providerStatus: z.string().nullable(),
      /** Our classification of a refusal (`auth`, `network`…), translated on screen. */
      reason: z.string().nullable(),
      /** The provider's own answer (technical, English, secrets scrubbed). */
      detail: z.string().nullable(),
    }),
    permission: 'messages.configure',
    mutates: 'messages',
  }),
  'messages.pauseChannel': procedure({
    input: z.object({ channel: messageChannel, paused: z.boolean() }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'messages.send',
    mutates: 'messages',
  }),
  'messages.kinds': procedure({
    input: z.object({}).default({}),
    output: z.array(kindView),
    permission: 'messages.read',
  }),
  'messages.saveKind': procedure({
    input: kindInput,
    output: kindView,
    permission: 'messages.configure',
    mutates: 'messages',
  }),
  'messages.preview': procedure({
    input: previewInput,
    output: z.object({
      ok: z.boolean(),
      text: z.string().nullable(),
      subject: z.string().nullable(),
      /** The notification's title (push). */
      title: z.string().nullable(),
      /** How the text goes as SMS: GSM-7 or UCS-2, its length in that encoding and how many SMS it takes. */
      sms: z
        .object({ encoding: z.enum(['gsm7', 'ucs2']), units: z.number().int(), segments: z.number().int() })
        .nullable(),
      /** Why the text cannot be filled (an English server message, translated on screen). */
      problem: z.string().nullable(),
      recipient: z.string().nullable(),
      /** `no_address` or `invalid_phone` when the customer cannot be reached on that channel. */
      recipientProblem: z.string().nullable(),
    }),
    permission: 'messages.read',
  }),
  'messages.prefs': procedure({
    input: z.object({ customerId: id }),
    output: z.object({
      channel: messageChannel.nullable(),
      optOut: z.array(outboxKind),
      /** The customer's phone in E.164, or why it cannot be used. */
      e164: z.string().nullable(),
      phoneProblem: z.string().nullable(),
    }),
    permission: 'messages.read',
  }),
  'messages.savePrefs': procedure({
    input: z.object({ customerId: id, channel: messageChannel.nullable(), optOut: z.array(outboxKind).max(20) }),
    output: z.object({ ok: z.literal(true) }),
    permission: 'customers.write',
    mutates: 'messages',
  }),
  'messages.waLink': procedure({
    input: z.object({ kind: outboxKind, customerId: id, invoiceId: id.optional() }),
    output: z.object({ url: z.string() }),
    permission: 'messages.send',
    mutates: 'messages',
  }),
  'messages.broadcast': procedure({
    input: z.object({
      body: z.string().trim().min(1, 'The message is required').max(1000, 'At most 1000 characters'),
      routerId: id.nullable(),
      expiresOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Must be a date in the form YYYY-MM-DD')
        .nullable(),
    }),
    output: z.object({ broadcastId: z.number().int(), queued: z.number().int() }),
    permission: 'messages.send',
    mutates: 'messages',
  }),
};
