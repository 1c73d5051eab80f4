/** Gateway settings rows: one per provider, keys sealed (the sealed text never leaves the core). */
import type { Sqlite } from '../../db/open';
import type { Gateway as GatewayProvider } from '../../../src-shared/contract/gateway-payments';
import { prepared } from '../statements';

export interface GatewaySettingsRow {
  provider: GatewayProvider;
  enabled: boolean;
  mode: 'sandbox' | 'production';
  credentialsEnc: string | null;
  methods: string[];
  feePayer: 'customer' | 'isp';
  baseUrl: string | null;
  ratePerSecond: number;
  alertAfterMinutes: number;
  expiryHours: number;
  callbacksEnabled: boolean;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  failingSince: string | null;
  updatedAt: string;
}

interface RawRow extends Omit<GatewaySettingsRow, 'enabled' | 'callbacksEnabled' | 'methods'> {
  enabled: number;
  callbacksEnabled: number;
  methods: string;
}

const SELECT = `SELECT provider, enabled, mode, credentials_enc AS credentialsEnc, methods, fee_payer AS feePayer,
    base_url AS baseUrl, rate_per_second AS ratePerSecond, alert_after_minutes AS alertAfterMinutes,
    expiry_hours AS expiryHours, callbacks_enabled AS callbacksEnabled, last_success_at AS lastSuccessAt,
    last_error_at AS lastErrorAt, last_error AS lastError, failing_since AS failingSince, updated_at AS updatedAt
  FROM gateway_settings`;

function toRow(r: RawRow): GatewaySettingsRow {
  const methods: unknown = JSON.parse(r.methods);
  return {
    ...r,
    enabled: r.enabled === 1,
    callbacksEnabled: r.callbacksEnabled === 1,
    methods: Array.isArray(methods) ? methods.map(String) : [],
  };
}

export function listGatewaySettings(db: Sqlite): GatewaySettingsRow[] {
  return prepared<[], RawRow>(db, `${SELECT} ORDER BY provider`).all().map(toRow);
}

export function findGatewaySettings(db: Sqlite, provider: GatewayProvider): GatewaySettingsRow | undefined {
  const r = prepared<[string], RawRow>(db, `${SELECT} WHERE provider = ?`).get(provider);
  return r && toRow(r);
}

export interface GatewaySettingsWrite {
  provider: GatewayProvider;
  enabled: boolean;
  mode: 'sandbox' | 'production';
  credentialsEnc: string | null;
  methods: string[];
  feePayer: 'customer' | 'isp';
  baseUrl: string | null;
  ratePerSecond: number;
  alertAfterMinutes: number;
  expiryHours: number;
  callbacksEnabled: boolean;
  updatedBy: number | null;
  updatedAt: string;
}

export function upsertGatewaySettings(db: Sqlite, v: GatewaySettingsWrite): void {
  prepared(
    db,
    `INSERT INTO gateway_settings(provider, enabled, mode, credentials_enc, methods, fee_payer, base_url, rate_per_second,
        alert_after_minutes, expiry_hours, callbacks_enabled, updated_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(provider) DO UPDATE SET enabled = excluded.enabled, mode = excluded.mode,
        credentials_enc = excluded.credentials_enc, methods = excluded.methods, fee_payer = excluded.fee_payer,
        base_url = excluded.base_url, rate_per_second = excluded.rate_per_second,
        alert_after_minutes = excluded.alert_after_minutes, expiry_hours = excluded.expiry_hours,
        callbacks_enabled = excluded.callbacks_enabled, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(
    v.provider,
    v.enabled ? 1 : 0,
    v.mode,
    v.credentialsEnc,
    JSON.stringify(v.methods),
    v.feePayer,
    v.baseUrl,
    v.ratePerSecond,
    v.alertAfterMinutes,
    v.expiryHours,
    v.callbacksEnabled ? 1 : 0,
    v.updatedBy,
    v.updatedAt,
  );
}

/** A call to the provider answered: the gateway is healthy again. */
export function recordGatewaySuccess(db: Sqlite, provider: GatewayProvider, at: string): void {
  prepared(db, `UPDATE gateway_settings SET last_success_at = ?, failing_since = NULL WHERE provider = ?`).run(
    at,
    provider,
  );
}

/** A call failed (network, timeout, 5xx…): keeps when the failures began, for the alert. */
export function recordGatewayError(db: Sqlite, provider: GatewayProvider, at: string, message: string): void {
  prepared(
    db,
    `UPDATE gateway_settings SET last_error_at = ?, last_error = ?, failing_since = COALESCE(failing_since, ?)
      WHERE provider = ?`,
  ).run(at, message.slice(0, 500), at, provider);
}
