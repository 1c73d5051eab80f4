/**
 * Messaging settings: the provider of each channel (secret sealed by the caller), the kinds' on/off,
 * days and texts, and each customer's preferred channel and opt-outs. Plus the throttle counters the
 * worker keeps per channel, so a restart keeps the daily cap.
 */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface ChannelRow {
  channel: string;
  provider: string;
  enabled: boolean;
  paused: boolean;
  config: string;
  secret: string | null;
  minGapMs: number;
  maxGapMs: number;
  dailyCap: number | null;
  quietStart: string | null;
  quietEnd: string | null;
  notBefore: number;
  counterDay: string | null;
  sentToday: number;
}

type RawChannel = Omit<ChannelRow, 'enabled' | 'paused'> & { enabled: number; paused: number };
const toChannel = (r: RawChannel): ChannelRow => ({ ...r, enabled: r.enabled === 1, paused: r.paused === 1 });

const CHANNEL_COLS = `channel, provider, enabled, paused, config, secret, min_gap_ms AS minGapMs, max_gap_ms AS maxGapMs,
  daily_cap AS dailyCap, quiet_start AS quietStart, quiet_end AS quietEnd, not_before AS notBefore,
  counter_day AS counterDay, sent_today AS sentToday`;

export function listChannels(db: Sqlite): ChannelRow[] {
  return prepared<[], RawChannel>(db, `SELECT ${CHANNEL_COLS} FROM message_channels ORDER BY channel`)
    .all()
    .map(toChannel);
}

export function findChannel(db: Sqlite, channel: string): ChannelRow | undefined {
  const r = prepared<[string], RawChannel>(db, `SELECT ${CHANNEL_COLS} FROM message_channels WHERE channel = ?`).get(
    channel,
  );
  return r && toChannel(r);
}

export type ChannelWrite = Omit<ChannelRow, 'notBefore' | 'counterDay' | 'sentToday'> & { now: string };

/** Creates or replaces a channel's settings; the throttle counters are kept. */
export function upsertChannel(db: Sqlite, c: ChannelWrite): void {
  prepared<[Omit<ChannelWrite, 'enabled' | 'paused'> & { enabled: number; paused: number }]>(
    db,
    `INSERT INTO message_channels(channel, provider, enabled, paused, config, secret, min_gap_ms, max_gap_ms, daily_cap, quiet_start, quiet_end, updated_at)
     VALUES (@channel, @provider, @enabled, @paused, @config, @secret, @minGapMs, @maxGapMs, @dailyCap, @quietStart, @quietEnd, @now)
     ON CONFLICT(channel) DO UPDATE SET provider = excluded.provider, enabled = excluded.enabled, paused = excluded.paused,
       config = excluded.config, secret = excluded.secret, min_gap_ms = excluded.min_gap_ms, max_gap_ms = excluded.max_gap_ms,
       daily_cap = excluded.daily_cap, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, updated_at = excluded.updated_at`,
  ).run({ ...c, enabled: c.enabled ? 1 : 0, paused: c.paused ? 1 : 0 });
}

export function setChannelPaused(db: Sqlite, channel: string, paused: boolean, now: string): boolean {
  return (
    prepared<[number, string, string]>(
      db,
      `UPDATE message_channels SET paused = ?, updated_at = ? WHERE channel = ?`,
    ).run(paused ? 1 : 0, now, channel).changes === 1
  );
}

export function saveThrottle(
  db: Sqlite,
  channel: string,
  s: { notBefore: number; day: string | null; sentToday: number },
): void {
  prepared<[number, string | null, number, string]>(
    db,
    `UPDATE message_channels SET not_before = ?, counter_day = ?, sent_today = ? WHERE channel = ?`,
  ).run(s.notBefore, s.day, s.sentToday, channel);
}

// ------------------------------------------------------------------ kinds

export interface KindRow {
  kind: string;
  enabled: boolean;
  days: number | null;
  texts: string;
}

export function listKindRows(db: Sqlite): KindRow[] {
  return prepared<[], Omit<KindRow, 'enabled'> & { enabled: number }>(
    db,
    `SELECT kind, enabled, days, texts FROM message_kinds`,
  )
    .all()
    .map((r) => ({ ...r, enabled: r.enabled === 1 }));
}

export function upsertKind(db: Sqlite, k: KindRow & { now: string }): void {
  prepared<[Omit<KindRow, 'enabled'> & { enabled: number; now: string }]>(
    db,
    `INSERT INTO message_kinds(kind, enabled, days, texts, updated_at) VALUES (@kind, @enabled, @days, @texts, @now)
     ON CONFLICT(kind) DO UPDATE SET enabled = excluded.enabled, days = excluded.days, texts = excluded.texts, updated_at = excluded.updated_at`,
  ).run({ ...k, enabled: k.enabled ? 1 : 0 });
}

// ------------------------------------------------------------------ per customer

export interface PrefsRow {
  channel: string | null;
  optOut: string[];
}

export function findPrefs(db: Sqlite, customerId: number): PrefsRow {
  const r = prepared<[number], { channel: string | null; optOut: string }>(
    db,
    `SELECT channel, opt_out AS optOut FROM customer_message_prefs WHERE customer_id = ?`,
  ).get(customerId);
  return r ? { channel: r.channel, optOut: JSON.parse(r.optOut) as string[] } : { channel: null, optOut: [] };
}

export function upsertPrefs(db: Sqlite, customerId: number, p: PrefsRow, now: string): void {
  prepared<[number, string | null, string, string]>(
    db,
    `INSERT INTO customer_message_prefs(customer_id, channel, opt_out, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(customer_id) DO UPDATE SET channel = excluded.channel, opt_out = excluded.opt_out, updated_at = excluded.updated_at`,
  ).run(customerId, p.channel, JSON.stringify(p.optOut), now);
}

export function insertLinkOffer(
  db: Sqlite,
  o: { kind: string; customerId: number; invoiceId: number | null; userId: number | null; at: string },
): number {
  return Number(
    prepared<[typeof o]>(
      db,
      `INSERT INTO message_link_offers(kind, customer_id, invoice_id, user_id, at) VALUES (@kind, @customerId, @invoiceId, @userId, @at)`,
    ).run(o).lastInsertRowid,
  );
}
