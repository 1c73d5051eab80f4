import type { refundsContract } from '../../../src-shared/contract/refunds';
import { createRefund, listRefunds, refundDetail, refundReceipt, voidRefund } from '../../core/billing/refunds';
import type { HandlersFor } from '../handler';

export const refundsHandlers: HandlersFor<typeof refundsContract> = {
  'refunds.create': (input, call) => createRefund(call, input),
  'refunds.void': ({ id, reason }, call) => voidRefund(call, id, reason),
  'refunds.get': ({ id }, call) => refundDetail(call, id),
  'refunds.list': (input, call) => listRefunds(call, input),
  'refunds.receipt': ({ id, markPrinted }, call) => refundReceipt(call, id, markPrinted),
};
