/**
 * The Web Push channel's settings: a `message_channels` row `push` (provider `web_push`) whose config
 * holds the VAPID subject and public key and whose sealed secret holds the private key (the app's
 * SecretBox, like router passwords; never returned). The key pair is made once, on first need (the
 * settings screen or the portal asking for the public key), and kept: a new pair would orphan every
 * subscription the browsers made with the old public key.
 */
import type { PushSettingsInput, PushSettingsView } from '../../../src-shared/contract/messaging-push';
import { badInput } from '../../../src-shared/result';
import { findChannel, upsertChannel, type ChannelRow } from '../../data/messaging/config.repository';
import { countSubscriptions } from '../../data/messaging/push.repository';
import { generateVapidKeys, type WebPushConfig } from '../../integrations/messaging';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';

export const PUSH_CHANNEL = 'push';

/** A bill notice should not light up a customer's phone at night: the same default as WhatsApp and SMS. */
export const PUSH_DEFAULT_QUIET = { start: '21:00', end: '07:00' } as const;

interface PushStored {
  subject: string;
  publicKey: string;
}

const stored = (row: ChannelRow): PushStored => {
  const c = JSON.parse(row.config) as Partial<PushStored>;
  return { subject: c.subject ?? '', publicKey: c.publicKey ?? '' };
};

/** The push row, made with a fresh VAPID key pair the first time anything needs it (audited). */
export function ensurePushChannel(call: Pick<CallContext, 'app' | 'session'> & Partial<CallContext>): ChannelRow {
  const { app } = call;
  const existing = findChannel(app.sqlite, PUSH_CHANNEL);
  if (existing) return existing;
  return app.sqlite
    .transaction(() => {
      const again = findChannel(app.sqlite, PUSH_CHANNEL);
      if (again) return again;
      const keys = generateVapidKeys();
      upsertChannel(app.sqlite, {
        channel: PUSH_CHANNEL,
        provider: 'web_push',
        enabled: false,
        paused: false,
        config: JSON.stringify({ subject: '', publicKey: keys.publicKey } satisfies PushStored),
        secret: app.secrets.encrypt(JSON.stringify({ privateKey: keys.privateKey })),
        // A notice to a customer's own phone is not a WhatsApp number to keep alive: no gap, no cap.
        minGapMs: 0,
        maxGapMs: 0,
        dailyCap: null,
        quietStart: PUSH_DEFAULT_QUIET.start,
        quietEnd: PUSH_DEFAULT_QUIET.end,
        now: app.clock.now().toISOString(),
      });
      writeAudit(call, {
        action: 'messages.push.keys',
        entity: 'message_channel',
        entityId: PUSH_CHANNEL,
        after: { publicKey: keys.publicKey },
      });
      return findChannel(app.sqlite, PUSH_CHANNEL)!;
    })
    .immediate();
}

export function pushView(app: AppContext, row: ChannelRow): PushSettingsView {
  const s = stored(row);
  return {
    enabled: row.enabled,
    paused: row.paused,
    subject: s.subject,
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
    publicKey: s.publicKey,
    devices: countSubscriptions(app.sqlite),
    sentToday: row.sentToday,
  };
}

export function pushSettings(call: CallContext): PushSettingsView {
  return pushView(call.app, ensurePushChannel(call));
}

/** On/off, the VAPID subject and quiet hours; the keys never change here. One transaction with its audit row. */
export function savePushSettings(call: CallContext, input: PushSettingsInput): PushSettingsView {
  const { app } = call;
  if (input.enabled && !input.subject)
    throw badInput('subject', 'A contact (mailto: or https:) is required to turn push on');
  const row = ensurePushChannel(call);
  return app.sqlite
    .transaction(() => {
      const before = findChannel(app.sqlite, PUSH_CHANNEL) ?? row;
      const { notBefore: _n, counterDay: _d, sentToday: _s, ...kept } = before;
      upsertChannel(app.sqlite, {
        ...kept,
        enabled: input.enabled,
        quietStart: input.quietStart,
        quietEnd: input.quietEnd,
        config: JSON.stringify({ ...stored(before), subject: input.subject } satisfies PushStored),
        now: app.clock.now().toISOString(),
      });
      const after = findChannel(app.sqlite, PUSH_CHANNEL)!;
      writeAudit(call, {
        action: 'messages.push.save',
        entity: 'message_channel',
        entityId: PUSH_CHANNEL,
        before: {
          enabled: before.enabled,
          subject: stored(before).subject,
          quietStart: before.quietStart,
          quietEnd: before.quietEnd,
        },
        after: {
          enabled: after.enabled,
          subject: input.subject,
          quietStart: after.quietStart,
          quietEnd: after.quietEnd,
        },
      });
      return pushView(app, after);
    })
    .immediate();
}

/** The public key the portal subscribes with, while push is on (null: off, so the portal offers nothing). */
export function portalPushKey(app: AppContext): string | null {
  const row = findChannel(app.sqlite, PUSH_CHANNEL);
  return row?.enabled ? stored(row).publicKey || null : null;
}

/** The adapter settings of the push row (private key decrypted here, in memory only). */
export function webPushConfig(app: AppContext, row: ChannelRow, subject?: string): WebPushConfig {
  const s = stored(row);
  const secret = row.secret ? (JSON.parse(app.secrets.decrypt(row.secret)) as { privateKey?: string }) : {};
  return { vapid: { publicKey: s.publicKey, privateKey: secret.privateKey ?? '', subject: subject ?? s.subject } };
}
