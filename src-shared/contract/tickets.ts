import { z } from 'zod';
import { id, listOf, procedure, searchText } from './define';
import {
  photoFile,
  ticketMessage,
  ticketSummary,
  ticketText,
  TICKET_CATEGORIES,
  TICKET_STATUSES,
} from './ticket-schemas';

/** A ticket as staff see it: with its customer and who it is assigned to. */
const staffTicket = ticketSummary.extend({
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  assignedTo: z.number().int().nullable(),
  assignedName: z.string().nullable(),
});
const staffTicketDetail = z.object({ ticket: staffTicket, messages: z.array(ticketMessage) });

/** The Tiket screen: customers' support tickets from the portal. */
export const ticketsContract = {
  'tickets.list': procedure({
    permission: 'tickets.read',
    input: z
      .object({
        status: z.enum(TICKET_STATUSES).optional(),
        category: z.enum(TICKET_CATEGORIES).optional(),
        /** `me`: assigned to the caller; `none`: unassigned. */
        assigned: z.enum(['me', 'none']).optional(),
        search: searchText,
        page: z.number().int().min(1).max(1_000_000).default(1),
        pageSize: z.number().int().min(1, 'At least 1').max(200, 'At most 200').default(25),
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(staffTicket),
  }),
  'tickets.get': procedure({ permission: 'tickets.read', input: z.object({ id }).strict(), output: staffTicketDetail }),
  'tickets.counts': procedure({
    permission: 'tickets.read',
    input: z.object({}).strict().default({}),
    output: z.object({ open: z.number().int(), answered: z.number().int(), unassigned: z.number().int() }),
  }),
  'tickets.assign': procedure({
    permission: 'tickets.write',
    mutates: 'tickets',
    input: z.object({ id, userId: id.nullable() }).strict(),
    output: staffTicketDetail,
  }),
  'tickets.reply': procedure({
    permission: 'tickets.write',
    mutates: 'tickets',
    input: z.object({ id, text: ticketText }).strict(),
    output: staffTicketDetail,
  }),
  'tickets.close': procedure({
    permission: 'tickets.write',
    mutates: 'tickets',
    input: z.object({ id }).strict(),
    output: staffTicketDetail,
  }),
  'tickets.photo': procedure({
    permission: 'tickets.read',
    input: z.object({ messageId: id }).strict(),
    output: photoFile,
  }),
};
