import type { ticketsContract } from '../../../src-shared/contract/tickets';
import {
  assignTicket,
  closeTicket,
  countTickets,
  listTicketsForStaff,
  replyAsStaff,
  staffTicketPhoto,
  ticketDetail,
} from '../../core/portal/tickets-desk';
import type { HandlersFor } from '../handler';

export const ticketsHandlers: HandlersFor<typeof ticketsContract> = {
  'tickets.list': (input, call) => listTicketsForStaff(call, input),
  'tickets.get': ({ id }, call) => ticketDetail(call, id),
  'tickets.counts': (_input, call) => countTickets(call),
  'tickets.assign': ({ id, userId }, call) => assignTicket(call, id, userId),
  'tickets.reply': ({ id, text }, call) => replyAsStaff(call, id, text),
  'tickets.close': ({ id }, call) => closeTicket(call, id),
  'tickets.photo': ({ messageId }, call) => staffTicketPhoto(call, messageId),
};
