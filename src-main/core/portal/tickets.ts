import { notFound } from '../../../src-shared/result';
import { customerBrand } from '../../data/brands.repository';
import {
  findTicket,
  customerTickets,
  findOwnTicket,
  insertTicket,
  insertTicketMessage,
  setTicketState,
  ticketMessages,
  ticketPhoto,
  type TicketRow,
} from '../../data/portal/tickets.repository';
import type { AppContext } from '../context';
import { customerOf } from './account';
import { checkTicketPhoto } from './photo';
import { portalAudit, type PortalCall } from './session';
import { notifyStaff } from '../messaging/staff-notify';

/*
 * Support tickets from the customer's side: open one, follow it, reply (a reply reopens a closed
 * ticket). Every step is one transaction with its audit row; another customer's ticket is "not found".
 */

export const ticketSummaryOf = (t: TicketRow) => ({
  id: t.id,
  category: t.category,
  status: t.status,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
  subject: t.subject.split('\n')[0] ?? '',
});

export function messagesOf(app: AppContext, ticketId: number) {
  return ticketMessages(app.sqlite, ticketId).map((m) => ({ ...m, hasPhoto: m.hasPhoto === 1 }));
}

function detail(call: PortalCall, id: number) {
  const t = findOwnTicket(call.app.sqlite, customerOf(call).customerId, id);
  if (!t) throw notFound('Ticket');
  return { ticket: ticketSummaryOf(t), messages: messagesOf(call.app, id) };
}

export function listOwnTickets(call: PortalCall, page: number) {
  const pageSize = 20;
  const { items, total } = customerTickets(
    call.app.sqlite,
    customerOf(call).customerId,
    pageSize,
    (page - 1) * pageSize,
  );
  return { items: items.map(ticketSummaryOf), total, page, pageSize };
}

export const getOwnTicket = (call: PortalCall, id: number) => detail(call, id);

export function openTicket(
  call: PortalCall,
  input: {
    category: 'gangguan' | 'tagihan' | 'lainnya';
    text: string;
    photo?: { type: string; base64: string } | null;
  },
) {
  const { customerId } = customerOf(call);
  const photo = checkTicketPhoto(input.photo);
  const { app } = call;
  const id = app.sqlite.transaction(() => {
    const at = app.clock.now().toISOString();
    const ticketId = insertTicket(app.sqlite, { customerId, category: input.category, at });
    insertTicketMessage(app.sqlite, {
      ticketId,
      author: 'customer',
      userId: null,
      body: input.text,
      photo: photo?.data ?? null,
      photoType: photo?.type ?? null,
      at,
    });
    portalAudit(call, {
      action: 'ticket.open',
      entity: 'ticket',
      entityId: ticketId,
      after: { category: input.category, photo: !!photo, customerId },
    });
    return ticketId;
  })();
  app.events.emit({ name: 'data.changed', payload: { entity: 'tickets', channel: 'portal.tickets.open' } });
  const opened = detail(call, id);
  const ticket = findTicket(app.sqlite, id);
  notifyStaff(app, {
    kind: 'ticket_new',
    ticketId: id,
    customerName: ticket?.customerName ?? '',
    brandId: ticket ? (customerBrand(app.sqlite, ticket.customerId) ?? null) : null,
  });
  return opened;
}

export function replyAsCustomer(
  call: PortalCall,
  id: number,
  text: string,
  rawPhoto: { type: string; base64: string } | null | undefined,
) {
  const { customerId } = customerOf(call);
  const { app } = call;
  const t = findOwnTicket(app.sqlite, customerId, id);
  if (!t) throw notFound('Ticket');
  const photo = checkTicketPhoto(rawPhoto);
  app.sqlite.transaction(() => {
    const at = app.clock.now().toISOString();
    insertTicketMessage(app.sqlite, {
      ticketId: id,
      author: 'customer',
      userId: null,
      body: text,
      photo: photo?.data ?? null,
      photoType: photo?.type ?? null,
      at,
    });
    setTicketState(app.sqlite, id, { status: 'open', assignedTo: t.assignedTo, closedAt: null, at });
    portalAudit(call, {
      action: 'ticket.reply',
      entity: 'ticket',
      entityId: id,
      before: { status: t.status },
      after: { status: 'open', photo: !!photo },
    });
  })();
  app.events.emit({ name: 'data.changed', payload: { entity: 'tickets', channel: 'portal.tickets.reply' } });
  return detail(call, id);
}

/** A photo of one of the customer's own tickets. */
export function ownTicketPhoto(call: PortalCall, messageId: number) {
  const p = ticketPhoto(call.app.sqlite, messageId);
  if (!p || !p.photo || p.customerId !== customerOf(call).customerId) throw notFound('Photo');
  return photoOut(p.photo, p.photoType);
}

export function photoOut(photo: Buffer, type: string | null) {
  const mimeType = type === 'image/png' || type === 'image/webp' ? type : 'image/jpeg';
  return { mimeType, base64: photo.toString('base64') } as const;
}
