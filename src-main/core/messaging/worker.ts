/**
 * The one outbox worker. Per channel: wait for the throttle (gap with jitter, daily cap, quiet hours,
 * pause), take the oldest due row, decide (cancel / fail / send), RECORD THE ATTEMPT AND COMMIT, then
 * call the provider, then record its answer. A crash between the provider's accept and our commit
 * leaves the row "sending": recover() asks the provider when it can tell, and otherwise marks it
 * "unknown" for a person — a message is never sent twice for one event.
 */
import { businessDate } from '../../../src-shared/dates';
import { findChannel, saveThrottle, type ChannelRow } from '../../data/messaging/config.repository';
import {
  findOutboxRow,
  inFlight,
  nextDue,
  nextDueAt,
  recordAttempt,
  recordOutcome,
  type OutboxRow,
} from '../../data/messaging/outbox.repository';
import {
  decide,
  isValidReference,
  recordAttempt as throttleAttempt,
  type Channel,
  type ChannelFailure,
  type ThrottlePolicy,
  type ThrottleState,
} from '../../integrations/messaging';
import type { AppContext } from '../context';
import { getSettings } from '../settings';
import { attachmentsFor } from './attachments';
import { buildChannel, cloudTemplateFor } from './channels';
import { enabledChannels, kindSettings, type OutboxKind } from './config';
import { payInfoFor } from '../reconciliation/pay-info';
import { prepareMessage, type PrepareContext } from './prepare';
import { subscriptionsOf } from '../../data/messaging/push.repository';
import { payLinkFor } from '../portal/pay';
import { PUSH_CHANNEL } from './push';
import { sendToDevices } from './push-send';

/** Retries after a retryable failure: 1 min, 5 min, 15 min, 1 h, 3 h; then the message is failed. */
export const BACKOFF_MS = [60_000, 300_000, 900_000, 3_600_000, 10_800_000];
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
/** A channel-wide failure (token refused, phone offline) holds the whole channel this long, doubling. */
const CHANNEL_HOLD_MS = [60_000, 300_000, 900_000, 1_800_000];

export interface DrainResult {
  sent: number;
  failed: number;
  cancelled: number;
  retried: number;
  unknown: number;
  /** Earliest instant (epoch ms) something may be due again; null: nothing queued, or only paused channels. */
  nextAt: number | null;
}

export interface WorkerOptions {
  /** Builds the adapter of a channel (tests inject fakes; default: the stored provider settings). */
  channelFor?: (app: AppContext, row: ChannelRow) => Channel;
  rng?: () => number;
}

export const reference = (row: Pick<OutboxRow, 'id' | 'dedupeKey'>) =>
  isValidReference(row.dedupeKey) ? row.dedupeKey : `outbox-${row.id}`;

export class MessageWorker {
  private readonly adapters = new Map<string, { key: string; channel: Channel }>();
  /** Consecutive channel-wide failures, for the hold. */
  private readonly holds = new Map<string, number>();
  private readonly rng: () => number;

  constructor(
    private readonly app: { readonly ctx: AppContext },
    private readonly opts: WorkerOptions = {},
  ) {
    this.rng = opts.rng ?? Math.random;
  }

  private get ctx() {
    return this.app.ctx;
  }

  private adapter(row: ChannelRow): Channel {
    const key = `${row.provider}|${row.config}|${row.secret ?? ''}`;
    const hit = this.adapters.get(row.channel);
    if (hit?.key === key) return hit.channel;
    if (hit) void hit.channel.close();
    const channel = (this.opts.channelFor ?? buildChannel)(this.ctx, row);
    this.adapters.set(row.channel, { key, channel });
    return channel;
  }

  private policy(row: ChannelRow): ThrottlePolicy {
    return {
      minGapMs: row.minGapMs,
      maxGapMs: row.maxGapMs,
      dailyCap: row.dailyCap,
      quietHours: row.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
      timeZone: getSettings(this.ctx).timeZone,
      paused: row.paused,
    };
  }

  private now() {
    return this.ctx.clock.now();
  }

  private outcome(
    row: OutboxRow,
    o: Partial<Parameters<typeof recordOutcome>[1]> & { status: Parameters<typeof recordOutcome>[1]['status'] },
  ) {
    recordOutcome(this.ctx.sqlite, {
      id: row.id,
      reason: null,
      detail: null,
      providerMessageId: null,
      providerStatus: null,
      nextAttemptAt: null,
      now: this.now().toISOString(),
      ...o,
    });
  }

  /** Rows left "sending" by a crash: the provider's word when it has one, else "unknown" for a person. */
  async recover(): Promise<number> {
    const rows = inFlight(this.ctx.sqlite);
    for (const row of rows) {
      const ch = findChannel(this.ctx.sqlite, row.channel);
      const answer = ch
        ? await this.adapter(ch).lookup({ reference: reference(row), providerMessageId: row.providerMessageId })
        : ({ kind: 'unsupported' } as const);
      if (ch?.channel === PUSH_CHANNEL)
        // Devices that got it are recorded and a resend replaces the notice (Topic + tag): send again.
        this.outcome(row, {
          status: 'queued',
          reason: 'interrupted',
          detail: 'sent again to the devices not yet reached',
        });
      else if (answer.kind === 'found' && answer.status !== 'failed')
        this.outcome(row, {
          status: 'sent',
          providerMessageId: answer.providerMessageId,
          providerStatus: answer.providerStatus,
        });
      else if (answer.kind === 'not_found')
        this.outcome(row, { status: 'queued', reason: 'interrupted', detail: 'provider has no such message' });
      else
        this.outcome(row, {
          status: 'unknown',
          reason: 'interrupted',
          detail: 'the app stopped during the send and the provider cannot tell whether it went out',
        });
    }
    if (rows.length) this.changed();
    return rows.length;
  }

  /** Sends whatever the throttles allow right now; returns when every channel waits or is empty. */
  async drain(): Promise<DrainResult> {
    const res: DrainResult = { sent: 0, failed: 0, cancelled: 0, retried: 0, unknown: 0, nextAt: null };
    const soonest = (t: number) => (res.nextAt = res.nextAt === null ? t : Math.min(res.nextAt, t));
    for (const initial of enabledChannels(this.ctx.sqlite)) {
      let ch: ChannelRow | undefined = initial;
      while (ch) {
        const now = this.now();
        const d = decide(this.policy(ch), throttleState(ch), now.getTime());
        const due = nextDueAt(this.ctx.sqlite, ch.channel);
        if (due === null) break;
        if (d.action === 'wait') {
          if (d.until !== null) soonest(Math.max(d.until, Date.parse(due)));
          break;
        }
        const row = nextDue(this.ctx.sqlite, ch.channel, now.toISOString());
        if (!row) {
          soonest(Date.parse(due));
          break;
        }
        try {
          await this.process(ch, row, res);
        } catch (err) {
          // A bug or a broken row must not stop the queue: the row is failed with the reason, the rest goes on.
          this.ctx.logger.error('outbox message failed unexpectedly', { id: row.id, error: String(err) });
          this.outcome(row, { status: 'failed', reason: 'internal', detail: String(err).slice(0, 300) });
          res.failed++;
        }
        ch = findChannel(this.ctx.sqlite, ch.channel);
        if (ch && !ch.enabled) ch = undefined;
      }
    }
    return res;
  }

  private async process(ch: ChannelRow, row: OutboxRow, res: DrainResult) {
    const { sqlite: db } = this.ctx;
    const settings = getSettings(this.ctx);
    const now = this.now();
    const pctx: PrepareContext = {
      db,
      today: businessDate(now, settings.timeZone),
      now: now.toISOString(),
      lang: settings.language,
      tz: settings.timeZone,
      isp: { name: settings.ispName, phone: settings.ispPhone },
      kind: kindSettings(db)[row.kind as OutboxKind],
      ...(ch.provider === 'whatsapp_cloud' ? { cloud: cloudTemplateFor(ch, row.kind) ?? null } : {}),
      pay: payInfoFor(this.ctx),
      ...(ch.channel === PUSH_CHANNEL
        ? {
            payPath: (id: number) => `/bayar/${payLinkFor(this.ctx, id)}`,
            devices: subscriptionsOf(db, row.customerId).length,
          }
        : {}),
    };
    const prep = db.transaction(() => prepareMessage(pctx, row))();
    if (prep.action === 'cancel') {
      this.outcome(row, { status: 'cancelled', reason: prep.reason });
      res.cancelled++;
      return this.changed();
    }
    if (prep.action === 'fail') {
      this.outcome(row, { status: 'failed', reason: prep.reason, detail: prep.detail });
      res.failed++;
      return this.changed();
    }
    const channel = this.adapter(ch);
    // Built before the attempt is recorded: a document that cannot be made fails the row, never leaves it "sending".
    const attachments = await attachmentsFor(this.ctx, row);
    // The attempt and the throttle's count commit before anything leaves this process.
    const recorded = db
      .transaction(() => {
        if (
          !recordAttempt(db, {
            id: row.id,
            provider: ch.provider,
            recipient: prep.recipient,
            body: prep.content.text,
            now: now.toISOString(),
          })
        )
          return false;
        saveThrottle(db, ch.channel, throttleAttempt(this.policy(ch), throttleState(ch), now.getTime(), this.rng));
        return true;
      })
      .immediate();
    if (!recorded) return;
    const result =
      ch.channel === PUSH_CHANNEL
        ? await sendToDevices(this.ctx, channel, row.id, row.customerId, { reference: reference(row), ...prep.content })
        : await channel.send({
            reference: reference(row),
            to: prep.to,
            ...prep.content,
            ...(attachments ? { attachments } : {}),
          });
    if (result.ok) {
      this.holds.delete(ch.channel);
      this.outcome(row, {
        status: 'sent',
        providerMessageId: result.providerMessageId,
        providerStatus: result.providerStatus ?? null,
      });
      res.sent++;
      return this.changed();
    }
    await this.failed(ch, channel, findOutboxRow(db, row.id)!, result.failure, res);
    this.changed();
  }

  private async failed(ch: ChannelRow, channel: Channel, row: OutboxRow, f: ChannelFailure, res: DrainResult) {
    const now = this.now().getTime();
    if (f.scope === 'channel') {
      const n = this.holds.get(ch.channel) ?? 0;
      this.holds.set(ch.channel, n + 1);
      const hold = f.retryAfterMs ?? CHANNEL_HOLD_MS[Math.min(n, CHANNEL_HOLD_MS.length - 1)]!;
      const fresh = findChannel(this.ctx.sqlite, ch.channel)!;
      saveThrottle(this.ctx.sqlite, ch.channel, {
        ...throttleState(fresh),
        notBefore: Math.max(fresh.notBefore, now + hold),
      });
    }
    if (f.maybeAccepted) {
      // The provider may have it: ask before trying again, and let a person decide when it cannot tell.
      const answer = await channel.lookup({ reference: reference(row), providerMessageId: row.providerMessageId });
      if (answer.kind === 'found' && answer.status !== 'failed') {
        this.outcome(row, {
          status: 'sent',
          providerMessageId: answer.providerMessageId,
          providerStatus: answer.providerStatus,
        });
        res.sent++;
        return;
      }
      if (answer.kind !== 'not_found') {
        this.outcome(row, { status: 'unknown', reason: f.reason, detail: f.detail });
        res.unknown++;
        return;
      }
    }
    if (f.retryable && row.attempts < MAX_ATTEMPTS) {
      const wait = Math.max(f.retryAfterMs ?? 0, BACKOFF_MS[row.attempts - 1] ?? BACKOFF_MS.at(-1)!);
      this.outcome(row, {
        status: 'queued',
        reason: f.reason,
        detail: f.detail,
        nextAttemptAt: new Date(now + wait).toISOString(),
      });
      res.retried++;
      return;
    }
    this.outcome(row, { status: 'failed', reason: f.reason, detail: f.detail });
    res.failed++;
  }

  private changed() {
    this.ctx.events.emit({ name: 'messages.progress', payload: {} });
  }

  async close() {
    const all = [...this.adapters.values()];
    this.adapters.clear();
    await Promise.all(all.map((a) => a.channel.close()));
  }
}

function throttleState(ch: ChannelRow): ThrottleState {
  return { notBefore: ch.notBefore, day: ch.counterDay, sentToday: ch.sentToday };
}
