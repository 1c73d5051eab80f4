import { badInput, conflict, notFound } from '../../../src-shared/result';
import {
  findTicket,
  insertTicketMessage,
  isActiveUser,
  listTickets,
  setTicketState,
  ticketCounts,
  ticketPhoto,
  type TicketRow,
} from '../../data/portal/tickets.repository';
import { writeAudit } from '../audit';
import { queueTicketAnswered } from '../messaging/enqueue';
import type { CallContext } from '../context';
import { messagesOf, photoOut, ticketSummaryOf } from './tickets';

/* The Tiket screen: staff list, assign, answer and close customers' tickets. Every step is audited. */

const staffTicket = (t: TicketRow) => ({
  ...ticketSummaryOf(t),
  customerId: t.customerId,
  customerCode: t.customerCode,
  customerName: t.customerName,
  assignedTo: t.assignedTo,
  assignedName: t.assignedName,
});

function load(call: CallContext, id: number): TicketRow {
  const t = findTicket(call.app.sqlite, id);
  if (!t) throw notFound('Ticket');
  return t;
}

export function ticketDetail(call: CallContext, id: number) {
  return { ticket: staffTicket(load(call, id)), messages: messagesOf(call.app, id) };
}

export function listTicketsForStaff(
  call: CallContext,
  input: {
    status?: string;
    category?: string;
    assigned?: 'me' | 'none';
    search?: string;
    page: number;
    pageSize: number;
  },
) {
  const assignedTo = input.assigned === 'me' ? call.session!.userId : input.assigned === 'none' ? 0 : undefined;
  const { items, total } = listTickets(
    call.app.sqlite,
    { status: input.status, category: input.category, assignedTo, search: input.search },
    input.pageSize,
    (input.page - 1) * input.pageSize,
  );
  return { items: items.map(staffTicket), total, page: input.page, pageSize: input.pageSize };
}

export const countTickets = (call: CallContext) => ticketCounts(call.app.sqlite);

export function assignTicket(call: CallContext, id: number, userId: number | null) {
  const { app } = call;
  app.sqlite.transaction(() => {
    const t = load(call, id);
    if (userId !== null && !isActiveUser(app.sqlite, userId)) throw badInput('userId', 'Choose an active user');
    if (t.assignedTo === userId) return;
    setTicketState(app.sqlite, id, {
      status: t.status,
      assignedTo: userId,
      closedAt: t.status === 'closed' ? t.updatedAt : null,
      at: app.clock.now().toISOString(),
    });
    writeAudit(call, {
      action: 'ticket.assign',
      entity: 'ticket',
      entityId: id,
      before: { assignedTo: t.assignedTo },
      after: { assignedTo: userId },
    });
  })();
  return ticketDetail(call, id);
}

/** A staff answer: the ticket waits for the customer ("answered"); unassigned, it is now the answerer's. */
export function replyAsStaff(call: CallContext, id: number, text: string) {
  const { app } = call;
  const userId = call.session!.userId;
  app.sqlite.transaction(() => {
    const t = load(call, id);
    if (t.status === 'closed') throw conflict('This ticket is closed: the customer can reopen it by replying');
    const at = app.clock.now().toISOString();
    const messageId = insertTicketMessage(app.sqlite, {
      ticketId: id,
      author: 'staff',
      userId,
      body: text,
      photo: null,
      photoType: null,
      at,
    });
    const assignedTo = t.assignedTo ?? userId;
    setTicketState(app.sqlite, id, { status: 'answered', assignedTo, closedAt: null, at });
    writeAudit(call, {
      action: 'ticket.reply',
      entity: 'ticket',
      entityId: id,
      before: { status: t.status, assignedTo: t.assignedTo },
      after: { status: 'answered', assignedTo },
    });
    // The customer hears of the answer through the outbox (their channel and opt-outs), in this transaction.
    queueTicketAnswered(call, t.customerId, id, messageId);
  })();
  return ticketDetail(call, id);
}

export function closeTicket(call: CallContext, id: number) {
  const { app } = call;
  app.sqlite.transaction(() => {
    const t = load(call, id);
    if (t.status === 'closed') throw conflict('This ticket is already closed');
    const at = app.clock.now().toISOString();
    setTicketState(app.sqlite, id, { status: 'closed', assignedTo: t.assignedTo, closedAt: at, at });
    writeAudit(call, { action: 'ticket.close', entity: 'ticket', entityId: id, before: { status: t.status } });
  })();
  return ticketDetail(call, id);
}

export function staffTicketPhoto(call: CallContext, messageId: number) {
  const p = ticketPhoto(call.app.sqlite, messageId);
  if (!p || !p.photo) throw notFound('Photo');
  return photoOut(p.photo, p.photoType);
}
