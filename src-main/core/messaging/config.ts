/**
 * What the messaging settings say right now: which channels are on (and so where a message goes), and
 * each kind's on/off, days and texts (stored rows over the defaults below).
 */
import type { Sqlite } from '../../db/open';
import { listChannels, listKindRows, type ChannelRow } from '../../data/messaging/config.repository';
import type { Routing } from '../../data/messaging/outbox.repository';
import type { KindTexts, Language, MessageKind, ProviderName } from '../../integrations/messaging';

export const MESSAGE_CHANNELS = ['whatsapp', 'sms', 'email', 'push'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const PROVIDER_CHANNEL: Record<Exclude<ProviderName, 'web_push'>, MessageChannel> = {
  fonnte: 'whatsapp',
  wablas: 'whatsapp',
  whatsapp_cloud: 'whatsapp',
  mikrotik_sms: 'sms',
  smtp: 'email',
};

/** The kinds the app queues (broadcast is manual). */
export const SCHEDULED_KINDS = [
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
] as const satisfies readonly MessageKind[];
export type OutboxKind = (typeof SCHEDULED_KINDS)[number];

/** Days before the due date (reminders) or after it (overdue); null for kinds without days. */
export const DEFAULT_DAYS: Record<OutboxKind, number | null> = {
  bill_issued: null,
  reminder_early: 3,
  reminder_final: 1,
  due_today: null,
  overdue: 1,
  isolir: null,
  restored: null,
  payment_receipt: null,
  ticket_answered: null,
  broadcast: null,
};

export interface KindSetting {
  kind: OutboxKind;
  enabled: boolean;
  days: number | null;
  texts: Partial<Record<Language, Partial<KindTexts>>>;
}

export function kindSettings(db: Sqlite): Record<OutboxKind, KindSetting> {
  const stored = new Map(listKindRows(db).map((r) => [r.kind, r]));
  const out = {} as Record<OutboxKind, KindSetting>;
  for (const kind of SCHEDULED_KINDS) {
    const r = stored.get(kind);
    out[kind] = {
      kind,
      enabled: r ? r.enabled : true,
      days: DEFAULT_DAYS[kind] === null ? null : (r?.days ?? DEFAULT_DAYS[kind]),
      texts: r ? (JSON.parse(r.texts) as KindSetting['texts']) : {},
    };
  }
  return out;
}

export function enabledChannels(db: Sqlite): ChannelRow[] {
  return listChannels(db).filter((c) => c.enabled);
}

/**
 * Where messages go: a customer's preferred channel when it is on (push only with a subscribed device),
 * else the first channel on in the order WhatsApp, SMS, e-mail, push. Null when no channel is on: then
 * nothing is queued at all (an ISP that does not use messaging does not grow an outbox).
 */
export function routing(db: Sqlite): Routing | null {
  const on = new Set(enabledChannels(db).map((c) => c.channel));
  const order = MESSAGE_CHANNELS.filter((c) => on.has(c));
  if (!order.length) return null;
  return { enabled: JSON.stringify(order), fallback: order[0]! };
}
