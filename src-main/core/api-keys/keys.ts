/**
 * API keys: made and revoked by an admin, checked on every /api/v1 call.
 *
 * The secret is 32 random bytes (256 bits). It is stored as HMAC-SHA256 keyed with a per-key random salt:
 * a slow password hash (argon2) protects guessable human passwords, but nobody can guess 256 random
 * bits, so it would only add milliseconds to every request (and cap the API far below 500 req/s on two
 * cores). The keyed hash still means a copy of the database does not give anyone a usable key.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import { AppError } from '../../../src-shared/result';
import type { ApiKey } from '../../../src-shared/contract/api-keys';
import type { ParsedInputOf } from '../../../src-shared/contract';
import {
  apiKeyNameTaken,
  findApiKey,
  findApiKeyByPrefix,
  insertApiKey,
  listApiKeys as listRows,
  markApiKeyRevoked,
  type ApiKeyRecord,
} from '../../data/api/api-keys.repository';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';

const SECRET_PATTERN = /^pdk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

const keyedHash = (salt: string, secret: string) =>
  crypto.createHmac('sha256', Buffer.from(salt, 'base64')).update(secret).digest('hex');

function stateOf(r: ApiKeyRecord, now: Date): ApiKey['state'] {
  if (r.revokedAt) return 'revoked';
  if (r.expiresAt && Date.parse(r.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

function toApiKey(r: ApiKeyRecord, now: Date): ApiKey {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    allowedIps: r.allowedIps,
    expiresAt: r.expiresAt,
    ratePerMinute: r.ratePerMinute,
    createdAt: r.createdAt,
    createdByName: r.createdByName,
    revokedAt: r.revokedAt,
    lastUsedAt: r.lastUsedAt,
    lastUsedFrom: r.lastUsedFrom,
    state: stateOf(r, now),
  };
}

export function listApiKeys(call: CallContext): { items: ApiKey[] } {
  const now = call.app.clock.now();
  return { items: listRows(call.app.sqlite).map((r) => toApiKey(r, now)) };
}

export function createApiKey(
  call: CallContext,
  input: ParsedInputOf<'apiKeys.create'>,
): { key: ApiKey; secret: string } {
  const { app } = call;
  const now = app.clock.now();
  const taken = () =>
    new AppError('CONFLICT', `An API key named ${input.name} already exists`, [
      { path: 'name', message: 'This name is already used by another API key' },
    ]);
  if (input.expiresAt && Date.parse(input.expiresAt) <= now.getTime()) {
    throw new AppError('BAD_INPUT', 'Expiry must be in the future', [
      { path: 'expiresAt', message: 'Expiry must be in the future' },
    ]);
  }
  if (apiKeyNameTaken(app.sqlite, input.name)) throw taken();
  const prefix = crypto.randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const body = crypto.randomBytes(32).toString('base64url');
  const secret = `pdk_${prefix}_${body}`;
  const salt = crypto.randomBytes(16).toString('base64');
  const scopes = [...new Set(input.scopes)];
  const allowedIps = input.allowedIps?.length ? [...new Set(input.allowedIps)] : null;
  return app.sqlite.transaction(() => {
    let id: number;
    try {
      id = insertApiKey(app.sqlite, {
        name: input.name,
        prefix,
        salt,
        secretHash: keyedHash(salt, secret),
        scopes,
        allowedIps,
        expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
        ratePerMinute: input.ratePerMinute,
        createdBy: call.session?.userId ?? null,
        createdAt: now.toISOString(),
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw taken();
      throw err;
    }
    const key = toApiKey(findApiKey(app.sqlite, id)!, now);
    writeAudit(call, {
      action: 'apiKey.create',
      entity: 'api_key',
      entityId: id,
      after: { name: key.name, prefix, scopes, allowedIps, expiresAt: key.expiresAt, ratePerMinute: key.ratePerMinute },
    });
    return { key, secret };
  })();
}

export function revokeApiKey(call: CallContext, input: ParsedInputOf<'apiKeys.revoke'>): ApiKey {
  const { app } = call;
  return app.sqlite.transaction(() => {
    const before = findApiKey(app.sqlite, input.id);
    if (!before) throw new AppError('NOT_FOUND', 'API key not found');
    if (before.revokedAt) throw new AppError('CONFLICT', 'This API key is already revoked');
    const at = app.clock.now().toISOString();
    markApiKeyRevoked(app.sqlite, input.id, call.session?.userId ?? null, at);
    writeAudit(call, {
      action: 'apiKey.revoke',
      entity: 'api_key',
      entityId: input.id,
      before: { name: before.name },
      after: { revokedAt: at },
      reason: input.reason ?? null,
    });
    return toApiKey(findApiKey(app.sqlite, input.id)!, app.clock.now());
  })();
}

/** A key that passed every check: what the dispatcher and the audit need of it. */
export interface ApiPrincipal {
  keyId: number;
  name: string;
  scopes: string[];
  ratePerMinute: number;
}

export type KeyCheck =
  | { ok: true; principal: ApiPrincipal }
  | { ok: false; reason: 'missing' | 'unknown' | 'revoked' | 'expired' | 'address' };

function addressAllowed(allowed: string[] | null, address: string | null): boolean {
  if (!allowed) return true;
  if (!address) return false;
  const list = new net.BlockList();
  for (const entry of allowed) {
    const [ip = '', bits] = entry.split('/');
    const type = net.isIPv6(ip) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return list.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/** Checks a bearer secret from `address`: well-formed, known, hash matches, not revoked or expired, allowed address. */
export function checkApiKey(app: AppContext, secret: string | undefined, address: string | null): KeyCheck {
  if (!secret) return { ok: false, reason: 'missing' };
  const m = SECRET_PATTERN.exec(secret);
  if (!m) return { ok: false, reason: 'unknown' };
  const row = findApiKeyByPrefix(app.sqlite, m[1] ?? '');
  if (!row) return { ok: false, reason: 'unknown' };
  const given = Buffer.from(keyedHash(row.salt, secret), 'hex');
  if (!crypto.timingSafeEqual(given, Buffer.from(row.secretHash, 'hex'))) return { ok: false, reason: 'unknown' };
  const state = stateOf(row, app.clock.now());
  if (state !== 'active') return { ok: false, reason: state };
  if (!addressAllowed(row.allowedIps, address)) return { ok: false, reason: 'address' };
  return {
    ok: true,
    principal: { keyId: row.id, name: row.name, scopes: row.scopes, ratePerMinute: row.ratePerMinute },
  };
}

/** How API keys appear in the audit trail. */
export const apiActor = (p: Pick<ApiPrincipal, 'name'>) => `api:${p.name}`;
