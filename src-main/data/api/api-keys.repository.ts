import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/** An api_keys row as the core sees it (JSON columns parsed). */
export interface ApiKeyRecord {
  id: number;
  name: string;
  prefix: string;
  salt: string;
  secretHash: string;
  scopes: string[];
  allowedIps: string[] | null;
  expiresAt: string | null;
  ratePerMinute: number;
  createdAt: string;
  createdByName: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  lastUsedFrom: string | null;
}

interface ApiKeyRow extends Omit<ApiKeyRecord, 'scopes' | 'allowedIps'> {
  scopes: string;
  allowedIps: string | null;
}

const toRecord = (r: ApiKeyRow): ApiKeyRecord => ({
  ...r,
  scopes: JSON.parse(r.scopes) as string[],
  allowedIps: r.allowedIps === null ? null : (JSON.parse(r.allowedIps) as string[]),
});

const SELECT = `SELECT k.id, k.name, k.prefix, k.salt, k.secret_hash AS secretHash, k.scopes,
  k.allowed_ips AS allowedIps, k.expires_at AS expiresAt, k.rate_per_minute AS ratePerMinute,
  k.created_at AS createdAt, u.full_name AS createdByName, k.revoked_at AS revokedAt,
  k.last_used_at AS lastUsedAt, k.last_used_from AS lastUsedFrom
  FROM api_keys k LEFT JOIN users u ON u.id = k.created_by`;

export function insertApiKey(
  db: Sqlite,
  k: Pick<
    ApiKeyRecord,
    'name' | 'prefix' | 'salt' | 'secretHash' | 'scopes' | 'allowedIps' | 'expiresAt' | 'ratePerMinute'
  > & {
    createdBy: number | null;
    createdAt: string;
  },
): number {
  const r = prepared<unknown[]>(
    db,
    `INSERT INTO api_keys(name, prefix, salt, secret_hash, scopes, allowed_ips, expires_at, rate_per_minute, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    k.name,
    k.prefix,
    k.salt,
    k.secretHash,
    JSON.stringify(k.scopes),
    k.allowedIps === null ? null : JSON.stringify(k.allowedIps),
    k.expiresAt,
    k.ratePerMinute,
    k.createdBy,
    k.createdAt,
  );
  return Number(r.lastInsertRowid);
}

export function findApiKey(db: Sqlite, id: number): ApiKeyRecord | undefined {
  const row = prepared<[number], ApiKeyRow>(db, `${SELECT} WHERE k.id = ?`).get(id);
  return row && toRecord(row);
}

export function findApiKeyByPrefix(db: Sqlite, prefix: string): ApiKeyRecord | undefined {
  const row = prepared<[string], ApiKeyRow>(db, `${SELECT} WHERE k.prefix = ?`).get(prefix);
  return row && toRecord(row);
}

export function listApiKeys(db: Sqlite): ApiKeyRecord[] {
  return prepared<[], ApiKeyRow>(db, `${SELECT} ORDER BY k.revoked_at IS NOT NULL, k.name COLLATE NOCASE`)
    .all()
    .map(toRecord);
}

export function apiKeyNameTaken(db: Sqlite, name: string): boolean {
  return (
    prepared<[string], { id: number }>(db, 'SELECT id FROM api_keys WHERE name = ? COLLATE NOCASE').get(name) !==
    undefined
  );
}

export function markApiKeyRevoked(db: Sqlite, id: number, by: number | null, at: string): void {
  prepared<unknown[]>(db, 'UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(
    at,
    by,
    id,
  );
}

export function markApiKeyUsed(db: Sqlite, id: number, at: string, from: string | null): void {
  prepared<unknown[]>(db, 'UPDATE api_keys SET last_used_at = ?, last_used_from = ? WHERE id = ?').run(at, from, id);
}
