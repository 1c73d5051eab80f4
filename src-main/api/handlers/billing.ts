import type { billingContract } from '../../../src-shared/contract/billing';
import { AppError } from '../../../src-shared/result';
import type { HandlersFor } from '../handler';

const later = () => {
  throw new AppError('INTERNAL', 'Billing is being built');
};

export const billingHandlers: HandlersFor<typeof billingContract> = {
  'subscriptions.list': later,
  'subscriptions.get': later,
  'subscriptions.create': later,
  'subscriptions.update': later,
  'billing.generateInvoices': later,
  'invoices.list': later,
  'invoices.get': later,
  'invoices.create': later,
  'invoices.void': later,
  'invoices.document': later,
  'payments.list': later,
  'payments.get': later,
  'payments.create': later,
  'payments.void': later,
  'payments.receipt': later,
  'cashdesk.lookup': later,
  'shifts.open': later,
  'shifts.close': later,
  'shifts.current': later,
  'shifts.list': later,
  'shifts.report': later,
  'billing.runAutomation': later,
  'automation.log': later,
  'billing.alerts': later,
};
