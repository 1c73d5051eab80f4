import { z } from 'zod';
import { id, listOf } from '../define';
import { photoFile, ticketCategory, ticketMessage, ticketPhoto, ticketSummary, ticketText } from '../ticket-schemas';
import { portalProcedure } from './define';

const ticketDetail = z.object({ ticket: ticketSummary, messages: z.array(ticketMessage) });

export const portalTicketsContract = {
  'portal.tickets.list': portalProcedure({
    access: 'customer',
    input: z
      .object({ page: z.number().int().min(1).max(100_000).default(1) })
      .strict()
      .default({ page: 1 }),
    output: listOf(ticketSummary),
  }),
  'portal.tickets.open': portalProcedure({
    access: 'customer',
    input: z.object({ category: ticketCategory, text: ticketText, photo: ticketPhoto }).strict(),
    output: ticketDetail,
  }),
  'portal.tickets.get': portalProcedure({ access: 'customer', input: z.object({ id }).strict(), output: ticketDetail }),
  'portal.tickets.reply': portalProcedure({
    access: 'customer',
    input: z.object({ id, text: ticketText, photo: ticketPhoto }).strict(),
    output: ticketDetail,
  }),
  'portal.tickets.photo': portalProcedure({
    access: 'customer',
    input: z.object({ messageId: id }).strict(),
    output: photoFile,
  }),
};
