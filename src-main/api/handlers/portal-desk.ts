import type { portalDeskContract } from '../../../src-shared/contract/portal-desk';
import { portalAccess, resetPortalPassword } from '../../core/portal/credentials';
import { deskPayLink, deskPayLinkWhatsApp } from '../../core/portal/pay-link-desk';
import { portalStatus } from '../../core/portal/status';
import type { HandlersFor } from '../handler';

export const portalDeskHandlers: HandlersFor<typeof portalDeskContract> = {
  'settings.portalStatus': (_input, call) => portalStatus(call.app),
  'customers.portalAccess': ({ customerId }, call) => portalAccess(call, customerId),
  'customers.resetPortalPassword': ({ customerId }, call) => resetPortalPassword(call, customerId),
  'invoices.payLink': ({ invoiceId }, call) => deskPayLink(call, invoiceId),
  'invoices.payLinkWhatsApp': ({ invoiceId }, call) => deskPayLinkWhatsApp(call, invoiceId),
};
