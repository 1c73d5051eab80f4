/**
 * Gateway settings and the adapters built from them. Keys are one JSON object sealed with app.secrets
 * (like router passwords): decrypted only here, to build an adapter; never returned, never logged.
 */
import {
  GATEWAY_CREDENTIALS,
  GATEWAYS,
  type Gateway,
  type GatewaySettings,
} from '../../../src-shared/contract/gateway-payments';
import { AppError, badInput } from '../../../src-shared/result';
import {
  findGatewaySettings,
  listGatewaySettings,
  upsertGatewaySettings,
  type GatewaySettingsRow,
} from '../../data/payments-online/gateway-settings.repository';
import {
  createGateway,
  DEFAULT_URLS,
  type GatewayConfig,
  type GatewayHttpOptions,
  type PaymentGateway,
  realClock,
} from '../../integrations/payments';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';
import type { In } from './types';

const CACHE = 'gatewayPayments.adapters';
/** Tests and benchmarks tune the HTTP layer (short timeouts and backoff) through this service key. */
export const GATEWAY_HTTP_OPTIONS = 'gatewayPayments.httpOptions';

const DEFAULTS: Omit<GatewaySettingsRow, 'provider'> = {
  enabled: false,
  mode: 'sandbox',
  credentialsEnc: null,
  methods: [],
  feePayer: 'isp',
  baseUrl: null,
  ratePerSecond: 5,
  alertAfterMinutes: 30,
  expiryHours: 24,
  callbacksEnabled: false,
  lastSuccessAt: null,
  lastErrorAt: null,
  lastError: null,
  failingSince: null,
  updatedAt: '',
};

export function gatewayRow(app: AppContext, provider: Gateway): GatewaySettingsRow {
  return findGatewaySettings(app.sqlite, provider) ?? { provider, ...DEFAULTS };
}

function defaultBaseUrl(provider: Gateway, mode: 'sandbox' | 'production'): string {
  return provider === 'midtrans' ? DEFAULT_URLS.midtransCore[mode] : DEFAULT_URLS[provider][mode];
}

function readCredentials(app: AppContext, row: GatewaySettingsRow): Record<string, string> {
  if (!row.credentialsEnc) return {};
  const parsed: unknown = JSON.parse(app.secrets.decrypt(row.credentialsEnc));
  const out: Record<string, string> = {};
  if (parsed && typeof parsed === 'object')
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && v) out[k] = v;
  return out;
}

function publicView(app: AppContext, row: GatewaySettingsRow): GatewaySettings {
  const creds = readCredentials(app, row);
  return {
    provider: row.provider,
    enabled: row.enabled,
    mode: row.mode,
    methods: row.methods,
    feePayer: row.feePayer,
    baseUrl: row.baseUrl,
    defaultBaseUrl: defaultBaseUrl(row.provider, row.mode),
    ratePerSecond: row.ratePerSecond,
    alertAfterMinutes: row.alertAfterMinutes,
    expiryHours: row.expiryHours,
    callbacksEnabled: row.callbacksEnabled,
    credentialsSet: GATEWAY_CREDENTIALS[row.provider].filter((k) => Boolean(creds[k])),
  };
}

export function listGateways(call: CallContext): GatewaySettings[] {
  const stored = new Map(listGatewaySettings(call.app.sqlite).map((r) => [r.provider, r]));
  return GATEWAYS.map((p) => publicView(call.app, stored.get(p) ?? { provider: p, ...DEFAULTS }));
}

/** Saves one gateway's settings (typed keys replace stored ones; an omitted key stays). Audited without keys. */
export function saveGateway(call: CallContext, input: In<'gateways.save'>): GatewaySettings {
  const { app, session } = call;
  const fields = GATEWAY_CREDENTIALS[input.provider];
  for (const k of Object.keys(input.credentials ?? {}))
    if (!fields.includes(k)) throw badInput(`credentials.${k}`, `Unknown key field for ${input.provider}`);
  return app.sqlite
    .transaction(() => {
      const before = gatewayRow(app, input.provider);
      const creds = { ...readCredentials(app, before) };
      for (const [k, v] of Object.entries(input.credentials ?? {})) if (v) creds[k] = v;
      if (input.enabled) {
        const missing = fields.find((k) => !creds[k]);
        if (missing) throw badInput(`credentials.${missing}`, 'Fill in every key before enabling the gateway');
        if (!input.methods.length) throw badInput('methods', 'Choose at least one payment method');
      }
      const now = app.clock.now().toISOString();
      upsertGatewaySettings(app.sqlite, {
        provider: input.provider,
        enabled: input.enabled,
        mode: input.mode,
        credentialsEnc: Object.keys(creds).length ? app.secrets.encrypt(JSON.stringify(creds)) : null,
        methods: [...new Set(input.methods)],
        feePayer: input.feePayer,
        baseUrl: input.baseUrl ?? null,
        ratePerSecond: input.ratePerSecond,
        alertAfterMinutes: input.alertAfterMinutes,
        expiryHours: input.expiryHours,
        callbacksEnabled: input.callbacksEnabled,
        updatedBy: session?.userId ?? null,
        updatedAt: now,
      });
      const { credentials, ...visible } = input;
      writeAudit(call, {
        action: 'gateway.settings',
        entity: 'gateway',
        entityId: input.provider,
        before: { ...publicView(app, before) },
        after: { ...visible, keysChanged: Object.keys(credentials ?? {}).filter((k) => credentials?.[k]) },
      });
      dropAdapters(app);
      return publicView(app, gatewayRow(app, input.provider));
    })
    .immediate();
}

function configFor(app: AppContext, row: GatewaySettingsRow, http: GatewayHttpOptions): GatewayConfig {
  const c = readCredentials(app, row);
  const base = { mode: row.mode, http };
  const url = row.baseUrl ?? undefined;
  switch (row.provider) {
    case 'tripay':
      return {
        provider: 'tripay',
        ...base,
        merchantCode: c.merchantCode ?? '',
        apiKey: c.apiKey ?? '',
        privateKey: c.privateKey ?? '',
        baseUrl: url,
      };
    case 'midtrans':
      return {
        provider: 'midtrans',
        ...base,
        serverKey: c.serverKey ?? '',
        coreBaseUrl: url,
        snapBaseUrl: url ? `${new URL(url).origin}/snap/v1` : undefined,
      };
    case 'xendit':
      return {
        provider: 'xendit',
        ...base,
        secretKey: c.secretKey ?? '',
        callbackToken: c.callbackToken ?? '',
        baseUrl: url,
      };
    case 'duitku':
      return { provider: 'duitku', ...base, merchantCode: c.merchantCode ?? '', apiKey: c.apiKey ?? '', baseUrl: url };
  }
}

interface CachedAdapter {
  key: string;
  gateway: PaymentGateway;
}

function dropAdapters(app: AppContext): void {
  delete app.services[CACHE];
}

/**
 * The adapter for an enabled gateway, built once per settings version so its rate limiter is shared by
 * every caller (poller, desk, callback). The app clock drives backoff and the limiter.
 */
export function gatewayFor(app: AppContext, provider: Gateway): PaymentGateway {
  const row = gatewayRow(app, provider);
  if (!row.enabled) throw new AppError('CONFLICT', `The ${provider} gateway is not enabled`);
  let cache = app.services[CACHE] as Map<Gateway, CachedAdapter> | undefined;
  if (!cache) app.services[CACHE] = cache = new Map();
  const key = `${row.updatedAt}|${row.credentialsEnc ?? ''}`;
  const hit = cache.get(provider);
  if (hit && hit.key === key) return hit.gateway;
  const tuned = (app.services[GATEWAY_HTTP_OPTIONS] as GatewayHttpOptions | undefined) ?? {};
  const gateway = createGateway(
    configFor(app, row, {
      ratePerSecond: row.ratePerSecond,
      burst: Math.max(1, row.ratePerSecond),
      logger: app.logger,
      // The app's clock (a test's fake one) for expiry checks, backoff and the limiter's refill.
      clock: { now: () => app.clock.now().getTime(), sleep: realClock.sleep },
      ...tuned,
    }),
  );
  cache.set(provider, { key, gateway });
  return gateway;
}
