import type { PortalHome, PortalMe } from '../../../src-shared/contract/portal/account';
import { notFound } from '../../../src-shared/result';
import { displayStatus } from '../../data/billing/invoices.repository';
import {
  invoicesPage,
  openInvoicesOf,
  paymentsPage,
  portalCustomer,
  servicesOf,
  type PortalCustomerRow,
  type PortalInvoiceRow,
} from '../../data/portal/portal.queries';
import { today } from '../billing/common';
import type { AppContext } from '../context';
import { availableGateways } from '../gateway-payments/service';
import { transferAmountFor } from '../reconciliation/transfer-codes';
import { getSettings } from '../settings';
import type { PortalCall } from './session';

/*
 * What a customer reads about themselves. Every read takes the customer id from the session, never
 * from the request: the portal's inputs carry page numbers and record ids only, and record ids are
 * checked against the session's customer (documents.ts) before anything is read.
 */

/** The signed-in customer (the handler layer guarantees one). */
export function customerOf(call: PortalCall) {
  if (!call.customer) throw notFound('Customer');
  return call.customer;
}

function customerRow(app: AppContext, customerId: number): PortalCustomerRow {
  const c = portalCustomer(app.sqlite, customerId);
  if (!c) throw notFound('Customer');
  return c;
}

function meOf(c: PortalCustomerRow): PortalMe {
  const status = c.status === 'inactive' ? 'stopped' : c.isolated || c.status === 'suspended' ? 'isolated' : 'active';
  return { customerCode: c.code, name: c.name, phone: c.phone, email: c.email, status };
}

export function portalMe(app: AppContext, customerId: number): PortalMe {
  return meOf(customerRow(app, customerId));
}

const toInvoice = (r: PortalInvoiceRow, todayDate: string) => ({
  ...r,
  status: displayStatus(r.status, r.dueDate, todayDate),
});

export function portalHome(call: PortalCall): PortalHome {
  const { app } = call;
  const { customerId } = customerOf(call);
  // One read of the customer for both their name and status and their deposit.
  const customer = customerRow(app, customerId);
  const todayDate = today(app);
  const open = openInvoicesOf(app.sqlite, customerId).map((r) => toInvoice(r, todayDate));
  const settings = getSettings(app);
  return {
    me: meOf(customer),
    bill: {
      outstanding: open.reduce((s, i) => s + i.amount - i.paidAmount, 0),
      dueDate: open[0]?.dueDate ?? null,
      overdue: open.some((i) => i.status === 'overdue'),
      openInvoices: open,
      deposit: customer.deposit,
      transfers: open.flatMap((i) => {
        const tr = transferAmountFor(app, i.id);
        return tr ? [{ invoiceNumber: i.invoiceNumber, base: tr.base, code: tr.code, payable: tr.payable }] : [];
      }),
    },
    services: servicesOf(app.sqlite, customerId).map((s) => ({
      username: s.username,
      packageName: s.packageName,
      downKbps: s.downKbps,
      upKbps: s.upKbps,
      monthlyFee: s.monthlyFee,
      isolated: s.status === 'suspended',
    })),
    payTo: {
      ispName: settings.ispName,
      address: settings.ispAddress,
      phone: settings.ispPhone,
      bankAccounts: settings.bankAccounts,
    },
    payOnline: availableGateways({ app, session: null, transport: 'internal' }).length > 0,
    today: todayDate,
    timeZone: settings.timeZone,
  };
}

export function portalInvoices(call: PortalCall, page: number, pageSize: number) {
  const { customerId } = customerOf(call);
  const todayDate = today(call.app);
  const { items, total } = invoicesPage(call.app.sqlite, customerId, pageSize, (page - 1) * pageSize);
  return { items: items.map((r) => toInvoice(r, todayDate)), total, page, pageSize };
}

export function portalPayments(call: PortalCall, page: number, pageSize: number) {
  const { customerId } = customerOf(call);
  const { items, total } = paymentsPage(call.app.sqlite, customerId, pageSize, (page - 1) * pageSize);
  return { items, total, page, pageSize };
}
