/** Manual broadcasts (`message_broadcasts`): the text and audience staff typed, and how many were queued. */
import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

export interface BroadcastRow {
  id: number;
  body: string;
  routerId: number | null;
  expiresOn: string | null;
  queued: number;
  createdAt: string;
}

export function insertBroadcast(
  db: Sqlite,
  b: { body: string; routerId: number | null; expiresOn: string | null; userId: number | null; now: string },
): number {
  return Number(
    prepared<[typeof b]>(
      db,
      `INSERT INTO message_broadcasts(body, router_id, expires_on, created_by, created_at) VALUES (@body, @routerId, @expiresOn, @userId, @now)`,
    ).run(b).lastInsertRowid,
  );
}

export function setBroadcastQueued(db: Sqlite, id: number, queued: number): void {
  prepared<[number, number]>(db, `UPDATE message_broadcasts SET queued = ? WHERE id = ?`).run(queued, id);
}

export function findBroadcast(db: Sqlite, id: number): BroadcastRow | undefined {
  return prepared<[number], BroadcastRow>(
    db,
    `SELECT id, body, router_id AS routerId, expires_on AS expiresOn, queued, created_at AS createdAt FROM message_broadcasts WHERE id = ?`,
  ).get(id);
}
