/**
 * The one interface every messaging channel (WhatsApp gateways, WhatsApp Cloud API, SMS through a
 * MikroTik modem, SMTP e-mail, Web Push) sits behind. The outbox worker only ever sees these types:
 * send() and lookup() never throw; every failure comes back classified (retry or not, this message
 * or the whole channel, and whether the provider may have accepted it anyway).
 */

export type ChannelKind = 'whatsapp' | 'sms' | 'email' | 'push';
export type ProviderName = 'fonnte' | 'wablas' | 'whatsapp_cloud' | 'mikrotik_sms' | 'smtp' | 'web_push';

/** A phone in E.164 (`+628123456789`), as `normalizeIndonesianPhone()` returns it. */
export interface PhoneRecipient {
  kind: 'phone';
  e164: string;
}

export interface EmailRecipient {
  kind: 'email';
  address: string;
  name?: string;
}

/** A browser's PushSubscription as `subscription.toJSON()` gives it (portal PWA). */
export interface PushSubscriptionJSON {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushRecipient {
  kind: 'push';
  subscription: PushSubscriptionJSON;
}

export type Recipient = PhoneRecipient | EmailRecipient | PushRecipient;

export interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** An approved WhatsApp Cloud API template: `{{1}}`, `{{2}}`… of its body filled in order. */
export interface CloudTemplate {
  name: string;
  /** Template language code, e.g. `id` or `en_US`. */
  language: string;
  bodyParams: string[];
}

export interface PushContent {
  title: string;
  /** Page the notification opens (portal link). */
  url?: string;
  /** Same tag = the browser replaces the earlier notification instead of showing a second one. */
  tag?: string;
  ttlSeconds?: number;
  urgency?: 'very-low' | 'low' | 'normal' | 'high';
}

export interface OutgoingMessage {
  /**
   * Our idempotency reference (the outbox key, e.g. `inv-1042:h3`), 1–64 characters of
   * `A-Z a-z 0-9 . _ : -`. Sent to providers that keep a client reference (Wablas `ref_id`, Cloud API
   * `biz_opaque_callback_data`, the e-mail Message-ID, the push Topic) so lookup() can find it again.
   */
  reference: string;
  to: Recipient;
  /** The rendered text (WhatsApp formatting allowed on WhatsApp; plain on SMS; the e-mail text part). */
  text: string;
  subject?: string;
  html?: string;
  attachments?: Attachment[];
  template?: CloudTemplate;
  push?: PushContent;
}

export type FailureReason =
  | 'network' // could not connect, or the connection dropped
  | 'timeout'
  | 'server_error' // 5xx or the provider's "something went wrong"
  | 'rate_limited'
  | 'device_offline' // the WhatsApp phone behind a gateway is disconnected
  | 'invalid_recipient' // number not on WhatsApp / not valid, mailbox refused
  | 'recipient_gone' // push subscription expired or unsubscribed (404/410)
  | 'auth' // token, password or VAPID key refused
  | 'quota' // plan quota or balance exhausted
  | 'template_rejected'
  | 'message_rejected' // too long, unsupported content, bad request
  | 'config' // our settings are wrong (modem port, phone number id)
  | 'bad_response'; // the provider answered something we cannot read

export interface ChannelFailure {
  reason: FailureReason;
  /** Worth trying again automatically (with backoff, bounded). */
  retryable: boolean;
  /**
   * `channel`: every message on this channel will fail the same way until someone fixes the settings
   * or time passes (bad token, quota, rate limit, phone offline): pause the channel, keep the messages.
   * `message`: only this message is affected.
   */
  scope: 'message' | 'channel';
  /**
   * The provider may have accepted the message although we saw a failure (timeout after the request
   * left, dropped connection, unreadable 2xx answer). Do not resend blindly: lookup() first, and when
   * the provider cannot tell, mark the message "unknown" for a person.
   */
  maybeAccepted: boolean;
  retryAfterMs?: number;
  httpStatus?: number;
  providerCode?: string;
  /** Short technical text for the log and the Pesan screen (English, secrets scrubbed). */
  detail: string;
}

export type SendResult =
  | {
      ok: true;
      /** The provider's id of the message, when it gives one (Fonnte, Wablas, Cloud API, SMTP Message-ID). */
      providerMessageId: string | null;
      /** The provider's own word for the state, e.g. `pending`, `accepted`, `250 OK`. */
      providerStatus?: string;
    }
  | { ok: false; failure: ChannelFailure };

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export type LookupResult =
  /** This provider never tells (SMTP, SMS modem, Fonnte by reference, Cloud API, Web Push). */
  | { kind: 'unsupported' }
  /** The provider keeps references and has no message with this one: sending again is safe. */
  | { kind: 'not_found' }
  | { kind: 'found'; providerMessageId: string | null; status: DeliveryStatus; providerStatus: string }
  /** The provider answered but we cannot conclude (e.g. it ignored the filter): a person decides. */
  | { kind: 'unknown'; detail: string }
  /** The lookup itself failed (network, auth): ask again later. */
  | { kind: 'error'; failure: ChannelFailure };

export interface LookupQuery {
  reference: string;
  providerMessageId?: string | null;
}

export interface ChannelCapabilities {
  lookupByReference: boolean;
  lookupById: boolean;
  attachments: boolean;
  /** The message must carry an approved template (`OutgoingMessage.template`). */
  needsTemplate: boolean;
  /** Longest `text` the channel takes, in characters (SMS: GSM-7 septets). */
  maxTextLength: number;
  /**
   * A resend with the same reference replaces rather than duplicates what the recipient sees
   * (Web Push Topic + notification tag).
   */
  resendCollapses: boolean;
}

export interface Channel {
  readonly provider: ProviderName;
  readonly kind: ChannelKind;
  readonly capabilities: ChannelCapabilities;
  send(message: OutgoingMessage): Promise<SendResult>;
  lookup(query: LookupQuery): Promise<LookupResult>;
  /** Releases pooled connections (SMTP pool, HTTPS agent). */
  close(): Promise<void>;
}

/** What an adapter may log: no text, no recipient address, no secrets. */
export interface ChannelLogEvent {
  provider: ProviderName;
  op: 'send' | 'lookup';
  reference: string;
  ok: boolean;
  ms: number;
  httpStatus?: number;
  reason?: FailureReason;
  detail?: string;
}

export type ChannelLog = (event: ChannelLogEvent) => void;

const REFERENCE = /^[A-Za-z0-9._:-]{1,64}$/;

/** Whether a reference fits every provider's client-reference field. */
export function isValidReference(reference: string): boolean {
  return REFERENCE.test(reference);
}
