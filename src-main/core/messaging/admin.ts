/** Staff actions on the outbox (Pesan screen): list, counts, resend, cancel — each change audited. */
import { outboxRow, type OutboxRowView } from '../../../src-shared/contract/messaging';
import { AppError, notFound } from '../../../src-shared/result';
import { cancelQueued, findOutboxRow, requeue } from '../../data/messaging/outbox.repository';
import { listOutbox, outboxCounts, type OutboxFilter } from '../../data/messaging/outbox.queries';
import type { Paged } from '../../data/sql';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';

export function listMessages(call: CallContext, f: OutboxFilter): Paged<OutboxRowView> {
  const page = listOutbox(call.app.sqlite, f);
  return { ...page, items: page.items.map((r) => outboxRow.parse(r)) };
}

export function messageCounts(call: CallContext, broadcastId?: number) {
  const c = outboxCounts(call.app.sqlite, broadcastId);
  return {
    queued: c.queued ?? 0,
    sending: c.sending ?? 0,
    sent: c.sent ?? 0,
    failed: c.failed ?? 0,
    cancelled: c.cancelled ?? 0,
    unknown: c.unknown ?? 0,
  };
}

/** Puts a failed, unknown or cancelled message back in the queue (a person decided it should go). */
export function resendMessage(call: CallContext, id: number) {
  const { app } = call;
  app.sqlite.transaction(() => {
    const row = findOutboxRow(app.sqlite, id);
    if (!row) throw notFound('Message');
    if (!requeue(app.sqlite, id, app.clock.now().toISOString()))
      throw new AppError('CONFLICT', 'Only a failed, unknown or cancelled message can be sent again');
    writeAudit(call, {
      action: 'messages.resend',
      entity: 'message',
      entityId: id,
      before: { status: row.status },
      after: { status: 'queued' },
    });
  })();
  app.events.emit({ name: 'messages.progress', payload: {} });
  return { ok: true as const };
}

export function cancelMessage(call: CallContext, id: number, reason: string) {
  const { app } = call;
  app.sqlite.transaction(() => {
    const row = findOutboxRow(app.sqlite, id);
    if (!row) throw notFound('Message');
    if (!cancelQueued(app.sqlite, id, 'staff', app.clock.now().toISOString()))
      throw new AppError('CONFLICT', 'This message has already gone out or is being sent');
    writeAudit(call, {
      action: 'messages.cancel',
      entity: 'message',
      entityId: id,
      before: { status: row.status },
      after: { status: 'cancelled' },
      reason,
    });
  })();
  app.events.emit({ name: 'messages.progress', payload: {} });
  return { ok: true as const };
}
