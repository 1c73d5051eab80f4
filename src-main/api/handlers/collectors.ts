import type { collectorsContract } from '../../../src-shared/contract/collectors';
import { assign, listCollectors, setCommission, unassign } from '../../core/collectors/admin';
import { syncCollections } from '../../core/collectors/collect';
import { commissionExport, commissionReport } from '../../core/collectors/report';
import { collectorCustomer, collectorReceipt, collectorRoute, noteVisit } from '../../core/collectors/route';
import { pendingHandOvers, settle, settlements } from '../../core/collectors/settle';
import type { HandlersFor } from '../handler';

export const collectorsHandlers: HandlersFor<typeof collectorsContract> = {
  'collector.route': (_input, call) => collectorRoute(call),
  'collector.customer': ({ customerId }, call) => collectorCustomer(call, customerId),
  'collector.sync': ({ items }, call) => syncCollections(call, items),
  'collector.visit': (input, call) => noteVisit(call, input),
  'collector.receipt': ({ paymentId }, call) => collectorReceipt(call, paymentId),
  'collectors.list': (_input, call) => listCollectors(call),
  'collectors.assign': (input, call) => assign(call, input),
  'collectors.unassign': ({ id }, call) => unassign(call, id),
  'collectors.setCommission': (input, call) => setCommission(call, input),
  'collectors.pending': (_input, call) => pendingHandOvers(call),
  'collectors.settle': (input, call) => settle(call, input),
  'collectors.settlements': ({ collectorId }, call) => settlements(call, collectorId),
  'collectors.commission': ({ month }, call) => commissionReport(call, month),
  'collectors.commissionExport': ({ month }, call) => commissionExport(call, month),
};
