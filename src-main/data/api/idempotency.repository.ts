import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/** A stored answer to an Idempotency-Key; status 0 while the first request is still running. */
export interface IdempotencyRecord {
  route: string;
  bodyHash: string;
  status: number;
  response: string;
}

/** Claims the key for this request; false when it was claimed before (the unique index decides). */
export function reserveIdempotency(
  db: Sqlite,
  r: { apiKeyId: number; key: string; route: string; bodyHash: string; at: string },
): boolean {
  const out = prepared<unknown[]>(
    db,
    `INSERT INTO api_idempotency(api_key_id, idempotency_key, route, body_hash, status, response, created_at)
     VALUES (?, ?, ?, ?, 0, '', ?) ON CONFLICT(api_key_id, idempotency_key) DO NOTHING`,
  ).run(r.apiKeyId, r.key, r.route, r.bodyHash, r.at);
  return out.changes === 1;
}

export function findIdempotency(db: Sqlite, apiKeyId: number, key: string): IdempotencyRecord | undefined {
  return prepared<[number, string], IdempotencyRecord>(
    db,
    `SELECT route, body_hash AS bodyHash, status, response FROM api_idempotency
     WHERE api_key_id = ? AND idempotency_key = ?`,
  ).get(apiKeyId, key);
}

export function completeIdempotency(db: Sqlite, apiKeyId: number, key: string, status: number, response: string): void {
  prepared<unknown[]>(
    db,
    'UPDATE api_idempotency SET status = ?, response = ? WHERE api_key_id = ? AND idempotency_key = ?',
  ).run(status, response, apiKeyId, key);
}

/** Frees a key whose request failed without a result (a 5xx: nothing was written, a retry may run). */
export function releaseIdempotency(db: Sqlite, apiKeyId: number, key: string): void {
  prepared<unknown[]>(
    db,
    'DELETE FROM api_idempotency WHERE api_key_id = ? AND idempotency_key = ? AND status = 0',
  ).run(apiKeyId, key);
}

/** Answers older than `before` are forgotten (their keys may be reused). */
export function pruneIdempotency(db: Sqlite, before: string): void {
  prepared<[string]>(db, 'DELETE FROM api_idempotency WHERE created_at < ? AND status <> 0').run(before);
}
