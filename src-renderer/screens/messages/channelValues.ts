import type { ChannelInput, ChannelView } from '../../../src-shared/contract/messaging';
import { OUTBOX_KINDS } from '../../../src-shared/contract/messaging';

/** The channels with a provider to pick (push has its own section, PushSettings). */
export type ChannelName = Exclude<ChannelInput['channel'], 'push'>;
export type Provider = ChannelInput['settings']['provider'];
type Kind = (typeof OUTBOX_KINDS)[number];

export const PROVIDERS: Record<ChannelName, Provider[]> = {
  whatsapp: ['fonnte', 'wablas', 'whatsapp_cloud'],
  sms: ['mikrotik_sms'],
  email: ['smtp'],
};

/** The secret fields of each provider: sent when typed, never shown back. */
export const SECRETS: Record<Provider, string[]> = {
  fonnte: ['token'],
  wablas: ['token', 'secretKey'],
  whatsapp_cloud: ['accessToken'],
  mikrotik_sms: [],
  smtp: ['password'],
};

/** The plain fields of each provider, in form order (numbers are typed as text and sent as numbers). */
export const FIELDS: Record<Provider, string[]> = {
  fonnte: ['baseUrl'],
  wablas: ['baseUrl'],
  whatsapp_cloud: ['phoneNumberId', 'baseUrl'],
  mikrotik_sms: ['routerId', 'port'],
  smtp: ['host', 'port', 'security', 'user', 'fromAddress', 'fromName'],
};
const NUMERIC = new Set(['routerId', 'port']);

export interface TemplateRow {
  name: string;
  language: string;
  /** Placeholders for {{1}}, {{2}}…, comma-separated as typed. */
  params: string;
}

/** The form's values: shaped like the API input, so the server's issue paths land on the fields. */
export interface Values {
  enabled: boolean;
  provider: Provider;
  settings: Record<string, string> & { templates?: Record<string, TemplateRow> };
  throttle: Record<'minGapSeconds' | 'maxGapSeconds' | 'dailyCap' | 'quietStart' | 'quietEnd', string>;
  to: string;
}

const DEFAULT_THROTTLE: Record<ChannelName, Values['throttle']> = {
  whatsapp: { minGapSeconds: '5', maxGapSeconds: '15', dailyCap: '500', quietStart: '21:00', quietEnd: '07:00' },
  sms: { minGapSeconds: '5', maxGapSeconds: '15', dailyCap: '300', quietStart: '21:00', quietEnd: '07:00' },
  email: { minGapSeconds: '1', maxGapSeconds: '3', dailyCap: '450', quietStart: '', quietEnd: '' },
};

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function toValues(channel: ChannelName, stored: ChannelView | undefined): Values {
  const provider = (stored?.provider as Provider | undefined) ?? PROVIDERS[channel][0]!;
  const settings: Values['settings'] = {};
  for (const p of PROVIDERS[channel]) for (const f of [...FIELDS[p], ...SECRETS[p]]) settings[f] = '';
  if (channel === 'email') Object.assign(settings, { port: '587', security: 'starttls' });
  if (channel === 'sms') settings.port = 'lte1';
  if (stored) {
    for (const [k, v] of Object.entries(stored.fields)) settings[k] = text(v);
    settings.baseUrl = stored.baseUrl ?? '';
  }
  if (channel === 'whatsapp') {
    const templates: Record<string, TemplateRow> = {};
    for (const kind of OUTBOX_KINDS) {
      const tpl = stored?.templates[kind];
      templates[kind] = {
        name: tpl?.name ?? '',
        language: tpl?.language ?? 'id',
        params: (tpl?.params ?? []).join(', '),
      };
    }
    settings.templates = templates;
  }
  const th = stored?.throttle;
  return {
    enabled: stored?.enabled ?? true,
    provider,
    settings,
    throttle: th
      ? {
          minGapSeconds: String(th.minGapSeconds),
          maxGapSeconds: String(th.maxGapSeconds),
          dailyCap: text(th.dailyCap),
          quietStart: th.quietStart ?? '',
          quietEnd: th.quietEnd ?? '',
        }
      : DEFAULT_THROTTLE[channel],
    to: '',
  };
}

/** Digits become a number; anything else is sent as typed, for the server to refuse naming the field. */
const numberOrText = (s: string): number | string => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s);

/** The API input from the form. A secret left empty is left out (the stored one is kept). */
export function toInput(channel: ChannelName, v: Values): ChannelInput {
  const settings: Record<string, unknown> = { provider: v.provider };
  for (const f of FIELDS[v.provider]) {
    const raw = v.settings[f] ?? '';
    if (f === 'baseUrl' && !raw.trim()) continue;
    settings[f] = NUMERIC.has(f) && !(v.provider === 'mikrotik_sms' && f === 'port') ? numberOrText(raw) : raw;
  }
  for (const f of SECRETS[v.provider]) if (v.settings[f]) settings[f] = v.settings[f];
  if (v.provider === 'whatsapp_cloud') {
    const templates: Partial<Record<Kind, { name: string; language: string; params: string[] }>> = {};
    for (const [kind, row] of Object.entries(v.settings.templates ?? {}))
      if (row.name.trim())
        templates[kind as Kind] = {
          name: row.name,
          language: row.language,
          params: row.params
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
        };
    settings.templates = templates;
  }
  const th = v.throttle;
  return {
    channel,
    enabled: v.enabled,
    // The shape is the server's to check: a wrong value comes back as an issue on its field.
    settings: settings as ChannelInput['settings'],
    throttle: {
      minGapSeconds: numberOrText(th.minGapSeconds) as number,
      maxGapSeconds: numberOrText(th.maxGapSeconds) as number,
      dailyCap: th.dailyCap.trim() === '' ? null : (numberOrText(th.dailyCap) as number),
      quietStart: th.quietStart.trim() || null,
      quietEnd: th.quietEnd.trim() || null,
    },
  };
}
