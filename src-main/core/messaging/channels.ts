/**
 * The providers behind the channels: saving what the owner typed (secrets sealed with the app's
 * SecretBox, like router passwords, and audited without them), the view the renderer gets (never a
 * secret), and building the adapter the worker sends with.
 */
import type {
  ChannelInput,
  ChannelView,
  CloudTemplateInput,
  ProviderInput,
} from '../../../src-shared/contract/messaging';
import { AppError, badInput } from '../../../src-shared/result';
import {
  findChannel,
  listChannels,
  setChannelPaused,
  upsertChannel,
  type ChannelRow,
} from '../../data/messaging/config.repository';
import { routerExists } from '../../data/network/routers.repository';
import {
  createChannel,
  validateTemplate,
  type Channel,
  type ChannelConfig,
  type MessageKind,
} from '../../integrations/messaging';
import type { RouterClient } from '../../routeros/client';
import { writeAudit } from '../audit';
import { routerClient } from '../network/router-access';
import type { AppContext, CallContext } from '../context';
import { PROVIDER_CHANNEL } from './config';
import { issueMessage } from './kinds';

const SECRET_FIELDS: Record<ProviderInput['provider'], string[]> = {
  fonnte: ['token'],
  wablas: ['token', 'secretKey'],
  whatsapp_cloud: ['accessToken'],
  mikrotik_sms: [],
  smtp: ['password'],
};

type Fields = Record<string, string | number | null>;
type Templates = ChannelView['templates'];
/** What `message_channels.config` holds: the non-secret fields, and the Cloud API's templates per kind. */
type StoredConfig = Fields & { templates?: Templates };

export function splitSettings(settings: ProviderInput): {
  fields: StoredConfig;
  secrets: Record<string, string | undefined>;
} {
  const fields: StoredConfig = {};
  const secrets: Record<string, string | undefined> = {};
  const secretNames = new Set(SECRET_FIELDS[settings.provider]);
  for (const [k, v] of Object.entries(settings)) {
    if (k === 'provider') continue;
    if (k === 'templates') fields.templates = v as Templates;
    else if (secretNames.has(k)) secrets[k] = typeof v === 'string' ? v : undefined;
    else fields[k] = v === undefined ? null : (v as string | number | null);
  }
  return { fields, secrets };
}

function readSecrets(app: AppContext, row: ChannelRow | undefined): Record<string, string> {
  if (!row?.secret) return {};
  return JSON.parse(app.secrets.decrypt(row.secret)) as Record<string, string>;
}

/** The secrets to use for `settings`: those typed, else the stored ones of the same provider. */
export function mergeSecrets(
  app: AppContext,
  before: ChannelRow | undefined,
  settings: ProviderInput,
  typed: Record<string, string | undefined>,
): Record<string, string> {
  const kept = before?.provider === settings.provider ? readSecrets(app, before) : {};
  const merged: Record<string, string> = {};
  for (const name of SECRET_FIELDS[settings.provider]) {
    const v = typed[name] ?? kept[name];
    if (v !== undefined) merged[name] = v;
  }
  return merged;
}

/** Refuses what cannot be saved or tried, naming the field (nothing is written). */
export function checkChannelInput(app: AppContext, input: Pick<ChannelInput, 'channel' | 'settings'>): void {
  if (PROVIDER_CHANNEL[input.settings.provider] !== input.channel)
    throw badInput('settings.provider', 'This provider does not serve that channel');
  if (input.settings.provider === 'mikrotik_sms' && !routerExists(app.sqlite, input.settings.routerId))
    throw badInput('settings.routerId', 'Router not found');
  if (input.settings.provider === 'whatsapp_cloud') {
    for (const [kind, tpl] of Object.entries(input.settings.templates ?? {})) {
      const issues = tpl.params.length
        ? validateTemplate(kind as MessageKind, tpl.params.map((n) => `{${n}}`).join(' '))
        : [];
      if (issues.length) throw badInput(`settings.templates.${kind}.params`, issueMessage(issues[0]!));
    }
  }
}

/** The Cloud API template stored for a kind (undefined: none mapped). */
export function cloudTemplateFor(row: ChannelRow, kind: string): CloudTemplateInput | undefined {
  const cfg = JSON.parse(row.config) as StoredConfig;
  return cfg.templates?.[kind as keyof Templates];
}

export function toView(row: ChannelRow, app: AppContext): ChannelView {
  const { baseUrl = null, templates = {}, ...rest } = JSON.parse(row.config) as StoredConfig;
  return {
    channel: row.channel as ChannelView['channel'],
    provider: row.provider,
    enabled: row.enabled,
    paused: row.paused,
    baseUrl: typeof baseUrl === 'string' && baseUrl ? baseUrl : null,
    fields: rest,
    templates,
    secretsStored: Object.entries(readSecrets(app, row))
      .filter(([, v]) => v !== '')
      .map(([k]) => k),
    throttle: {
      minGapSeconds: Math.round(row.minGapMs / 1000),
      maxGapSeconds: Math.round(row.maxGapMs / 1000),
      dailyCap: row.dailyCap,
      quietStart: row.quietStart,
      quietEnd: row.quietEnd,
    },
    sentToday: row.sentToday,
  };
}

export function channelViews(call: CallContext): ChannelView[] {
  // Push has its own settings (push.ts): VAPID keys, no provider to pick, no throttle to tune.
  return listChannels(call.app.sqlite)
    .filter((r) => r.channel !== 'push')
    .map((r) => toView(r, call.app));
}

/** Saves a channel's provider and throttling; one transaction with its audit row (secrets masked). */
export function saveChannel(call: CallContext, input: ChannelInput): ChannelView {
  const { app } = call;
  checkChannelInput(app, input);
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const before = findChannel(db, input.channel);
      const { fields, secrets } = splitSettings(input.settings);
      // A secret left out keeps the stored one, unless the provider changed.
      const merged = mergeSecrets(app, before, input.settings, secrets);
      const now = app.clock.now().toISOString();
      upsertChannel(db, {
        channel: input.channel,
        provider: input.settings.provider,
        enabled: input.enabled,
        paused: before?.paused ?? false,
        config: JSON.stringify(fields),
        secret: Object.keys(merged).length ? app.secrets.encrypt(JSON.stringify(merged)) : null,
        minGapMs: input.throttle.minGapSeconds * 1000,
        maxGapMs: input.throttle.maxGapSeconds * 1000,
        dailyCap: input.throttle.dailyCap,
        quietStart: input.throttle.quietStart,
        quietEnd: input.throttle.quietEnd,
        now,
      });
      const after = findChannel(db, input.channel)!;
      writeAudit(call, {
        action: 'messages.channel.save',
        entity: 'message_channel',
        entityId: input.channel,
        before: before ? { ...toView(before, app), sentToday: undefined } : null,
        after: { ...toView(after, app), sentToday: undefined },
      });
      return toView(after, app);
    })
    .immediate();
}

export function pauseChannel(call: CallContext, channel: string, paused: boolean): void {
  const { app } = call;
  app.sqlite.transaction(() => {
    if (!setChannelPaused(app.sqlite, channel, paused, app.clock.now().toISOString()))
      throw new AppError('NOT_FOUND', 'This channel is not set up');
    writeAudit(call, {
      action: paused ? 'messages.channel.pause' : 'messages.channel.resume',
      entity: 'message_channel',
      entityId: channel,
      after: { paused },
    });
  })();
}

/** The adapter for a channel's stored settings (secrets decrypted here, in memory only). */
export function buildChannel(app: AppContext, row: ChannelRow): Channel {
  return createChannel(channelConfig(app, row.provider, JSON.parse(row.config) as Fields, readSecrets(app, row)));
}

/** A provider's adapter settings from its stored (or just typed) fields and secrets. */
export function channelConfig(app: AppContext, provider: string, f: Fields, s: Record<string, string>): ChannelConfig {
  const str = (k: string) => (typeof f[k] === 'string' && f[k] ? (f[k] as string) : undefined);
  const base = str('baseUrl');
  let cfg: ChannelConfig;
  switch (provider) {
    case 'fonnte':
      cfg = { provider: 'fonnte', token: s.token ?? '', ...(base ? { baseUrl: base } : {}) };
      break;
    case 'wablas':
      cfg = {
        provider: 'wablas',
        token: s.token ?? '',
        baseUrl: base ?? 'https://wablas.com',
        ...(s.secretKey ? { secretKey: s.secretKey } : {}),
      };
      break;
    case 'whatsapp_cloud':
      cfg = {
        provider: 'whatsapp_cloud',
        accessToken: s.accessToken ?? '',
        phoneNumberId: str('phoneNumberId') ?? '',
        ...(base ? { baseUrl: base } : {}),
      };
      break;
    case 'mikrotik_sms':
      cfg = {
        provider: 'mikrotik_sms',
        client: lazyRouterClient(app, Number(f.routerId)),
        port: str('port') ?? 'lte1',
      };
      break;
    case 'smtp':
      cfg = {
        provider: 'smtp',
        host: str('host') ?? '',
        port: Number(f.port),
        security: (str('security') ?? 'starttls') as 'implicit' | 'starttls' | 'none',
        ...(str('user') ? { user: str('user'), password: s.password ?? '' } : {}),
        from: { address: str('fromAddress') ?? '', ...(str('fromName') ? { name: str('fromName') } : {}) },
      };
      break;
    case 'web_push':
      cfg = {
        provider: 'web_push',
        vapid: { publicKey: str('publicKey') ?? '', privateKey: s.privateKey ?? '', subject: str('subject') ?? '' },
      };
      break;
    default:
      throw new Error(`provider ${provider} cannot be built`);
  }
  return cfg;
}

/**
 * The router's pooled client, fetched at each command: the channel is built once, the router may be
 * off then and back later (the pool owns the connection, so close() leaves it alone).
 */
function lazyRouterClient(app: AppContext, routerId: number): RouterClient {
  return {
    run: async (command, attrs, opts) => (await routerClient(app, routerId)).run(command, attrs, opts),
    connected: true,
    close: () => Promise.resolve(),
  };
}
