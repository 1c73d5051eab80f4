import type { z } from 'zod';
import type { PortalProcedure } from '../../src-shared/contract/portal/define';
import type { PortalProcedures } from '../../src-shared/contract/portal';
import { portalHome, portalInvoices, portalMe, portalPayments, customerOf } from '../core/portal/account';
import { changeOwnPortalPassword, updateOwnContact } from '../core/portal/credentials';
import { portalInvoicePdf, portalReceiptPdf } from '../core/portal/documents';
import { portalLogin } from '../core/portal/login';
import { endPortalSession, type PortalCall } from '../core/portal/session';
import {
  paidAttemptPayment,
  portalPayBill,
  portalPayCheck,
  portalPayCreate,
  portalPayStatus,
} from '../core/portal/pay';
import { portalUsage } from '../core/portal/usage';
import { portalPushConfig, portalSubscribe, portalUnsubscribe } from '../core/messaging/push-devices';
import { getOwnTicket, listOwnTickets, openTicket, ownTicketPhoto, replyAsCustomer } from '../core/portal/tickets';

export type PortalHandlersFor<T extends Record<string, PortalProcedure>> = {
  [K in keyof T]: (
    input: z.output<T[K]['input']>,
    call: PortalCall,
  ) => z.input<T[K]['output']> | Promise<z.input<T[K]['output']>>;
};

/** One handler per portal channel; the type makes a missing one a compile error. */
export const portalHandlers: PortalHandlersFor<PortalProcedures> = {
  'portal.login': ({ login, password }, call) => portalLogin(call, login, password),
  'portal.logout': (_input, call) => endPortalSession(call),
  'portal.me': (_input, call) => portalMe(call.app, customerOf(call).customerId),
  'portal.home': (_input, call) => portalHome(call),
  'portal.invoices': ({ page, pageSize }, call) => portalInvoices(call, page, pageSize),
  'portal.invoicePdf': ({ id }, call) => portalInvoicePdf(call, id),
  'portal.payments': ({ page, pageSize }, call) => portalPayments(call, page, pageSize),
  'portal.receiptPdf': ({ id }, call) => portalReceiptPdf(call, id),
  'portal.changePassword': ({ currentPassword, newPassword }, call) =>
    changeOwnPortalPassword(call, currentPassword, newPassword),
  'portal.updateContact': (input, call) => updateOwnContact(call, input),
  'portal.tickets.list': ({ page }, call) => listOwnTickets(call, page),
  'portal.tickets.open': (input, call) => openTicket(call, input),
  'portal.tickets.get': ({ id }, call) => getOwnTicket(call, id),
  'portal.tickets.reply': ({ id, text, photo }, call) => replyAsCustomer(call, id, text, photo),
  'portal.tickets.photo': ({ messageId }, call) => ownTicketPhoto(call, messageId),
  'portal.usage': (_input, call) => portalUsage(call),
  'portal.pay.bill': (input, call) => portalPayBill(call, input),
  'portal.pay.create': (input, call) => portalPayCreate(call, input),
  'portal.pay.status': ({ token, id }, call) => portalPayStatus(call, { token }, id),
  'portal.pay.check': ({ token, id }, call) => portalPayCheck(call, { token }, id),
  'portal.pay.receipt': ({ token, id }, call) => {
    const { customerId, paymentId } = paidAttemptPayment(call, { token }, id);
    return portalReceiptPdf(call, paymentId, customerId);
  },
  'portal.push.config': ({ endpoint }, call) => portalPushConfig(call, endpoint),
  'portal.push.subscribe': ({ subscription, device }, call) => portalSubscribe(call, subscription, device),
  'portal.push.unsubscribe': ({ endpoint }, call) => portalUnsubscribe(call, endpoint),
};
