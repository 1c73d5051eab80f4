import type { automationContract } from '../../../src-shared/contract/automation';
import type { cashdeskContract } from '../../../src-shared/contract/cashdesk';
import type { invoicesContract } from '../../../src-shared/contract/invoices';
import type { paymentsContract } from '../../../src-shared/contract/payments';
import type { shiftsContract } from '../../../src-shared/contract/shifts';
import type { subscriptionsContract } from '../../../src-shared/contract/subscriptions';
import { billingAlerts, automationLog, runAutomation } from '../../core/billing/automation';
import { cashdeskLookup } from '../../core/billing/cashdesk';
import { generateInvoices } from '../../core/billing/invoiceRun';
import {
  createManualInvoice,
  invoiceDetail,
  invoiceDocument,
  listInvoices,
  voidInvoice,
} from '../../core/billing/invoices';
import { listPayments, paymentDetail, paymentReceipt } from '../../core/billing/paymentDetails';
import { createPayment, voidPayment } from '../../core/billing/payments';
import { closeShift, currentShift, listShifts, openShift, shiftReport } from '../../core/billing/shifts';
import {
  createSubscription,
  getSubscription,
  listSubscriptions,
  updateSubscription,
} from '../../core/billing/subscriptions';
import type { HandlersFor } from '../handler';

type BillingContract = typeof subscriptionsContract &
  typeof invoicesContract &
  typeof paymentsContract &
  typeof cashdeskContract &
  typeof shiftsContract &
  typeof automationContract;

export const billingHandlers: HandlersFor<BillingContract> = {
  'subscriptions.list': (input, call) => listSubscriptions(call, input),
  'subscriptions.get': ({ id }, call) => getSubscription(call, id),
  'subscriptions.create': (input, call) => createSubscription(call, input),
  'subscriptions.update': (input, call) => updateSubscription(call, input),
  'billing.generateInvoices': (input, call) => generateInvoices(call, input),
  'invoices.list': (input, call) => listInvoices(call, input),
  'invoices.get': ({ id }, call) => invoiceDetail(call, id),
  'invoices.create': (input, call) => createManualInvoice(call, input),
  'invoices.void': ({ id, reason }, call) => voidInvoice(call, id, reason),
  'invoices.document': ({ id }, call) => invoiceDocument(call, id),
  'payments.list': (input, call) => listPayments(call, input),
  'payments.get': ({ id }, call) => paymentDetail(call, id),
  'payments.create': (input, call) => createPayment(call, input),
  'payments.void': ({ id, reason }, call) => voidPayment(call, id, reason),
  'payments.receipt': ({ id, markPrinted }, call) => paymentReceipt(call, id, markPrinted),
  'cashdesk.lookup': (input, call) => cashdeskLookup(call, input),
  'shifts.open': (input, call) => openShift(call, input),
  'shifts.close': (input, call) => closeShift(call, input),
  'shifts.current': (_input, call) => currentShift(call),
  'shifts.list': (input, call) => listShifts(call, input),
  'shifts.report': ({ id }, call) => shiftReport(call, id),
  'billing.runAutomation': (_input, call) => runAutomation(call),
  'automation.log': (input, call) => automationLog(call, input),
  'billing.alerts': (input, call) => billingAlerts(call, input),
};
