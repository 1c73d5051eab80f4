/** Client request ids of money writes (client_requests): found by user and id, written once. */
import type { Sqlite } from '../db/open';
import { prepared } from './statements';

export type RequestEntity = 'payment' | 'refund' | 'reseller_movement';

export interface ClientRequestRow {
  channel: string;
  contentHash: string;
  entity: RequestEntity;
  entityId: number;
  /** JSON of the figures the first answer had. */
  answer: string;
}

export function findClientRequest(db: Sqlite, userId: number, requestId: string): ClientRequestRow | undefined {
  return prepared<[number, string], ClientRequestRow>(
    db,
    `SELECT channel, content_hash AS contentHash, entity, entity_id AS entityId, answer
       FROM client_requests WHERE user_id = ? AND request_id = ?`,
  ).get(userId, requestId);
}

export function insertClientRequest(
  db: Sqlite,
  r: ClientRequestRow & { userId: number; requestId: string; at: string },
): void {
  prepared(
    db,
    `INSERT INTO client_requests(user_id, request_id, channel, content_hash, entity, entity_id, answer, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.userId, r.requestId, r.channel, r.contentHash, r.entity, r.entityId, r.answer, r.at);
}
