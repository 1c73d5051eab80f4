/** A manual broadcast (gangguan in one area, on one router): one outbox row per customer, queued at once. */
import { AppError } from '../../../src-shared/result';
import { insertBroadcast, setBroadcastQueued } from '../../data/messaging/broadcasts.repository';
import { queueBroadcast } from '../../data/messaging/outbox.repository';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { kindSettings, routing } from './config';

export function startBroadcast(
  call: CallContext,
  input: { body: string; routerId: number | null; expiresOn: string | null },
) {
  const { app, session } = call;
  const db = app.sqlite;
  const r = routing(db);
  if (!r) throw new AppError('CONFLICT', 'Set up a message channel first (Settings → Pesan)');
  if (!kindSettings(db).broadcast.enabled) throw new AppError('CONFLICT', 'Broadcasts are switched off in Settings');
  const out = db
    .transaction(() => {
      const now = app.clock.now().toISOString();
      const userId = session?.userId ?? null;
      const broadcastId = insertBroadcast(db, { ...input, userId, now });
      const queued = queueBroadcast(db, {
        ...r,
        kind: 'broadcast',
        broadcastId,
        routerId: input.routerId,
        userId,
        now,
      });
      setBroadcastQueued(db, broadcastId, queued);
      writeAudit(call, {
        action: 'messages.broadcast',
        entity: 'message_broadcast',
        entityId: broadcastId,
        after: { ...input, queued },
      });
      return { broadcastId, queued };
    })
    .immediate();
  app.events.emit({ name: 'messages.progress', payload: { broadcastId: out.broadcastId } });
  return out;
}
