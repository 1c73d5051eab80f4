import type { gatewayPaymentsContract } from '../../../src-shared/contract/gateway-payments';
import { createGatewayPayment } from '../../core/gateway-payments/create';
import { listGateways, saveGateway } from '../../core/gateway-payments/gateways';
import { gatewayHealth } from '../../core/gateway-payments/health';
import { wakePoller } from '../../core/gateway-payments/poller';
import { listPaymentReviews, resolvePaymentReview } from '../../core/gateway-payments/reviews';
import {
  availableGateways,
  cancelGatewayPayment,
  checkGatewayPayment,
  exportGatewayPayments,
  gatewayPaymentsOfCustomer,
  getGatewayPayment,
  listGatewayPayments,
} from '../../core/gateway-payments/service';
import type { HandlersFor } from '../handler';

export const gatewayPaymentsHandlers: HandlersFor<typeof gatewayPaymentsContract> = {
  'gateways.list': (_input, call) => listGateways(call),
  'gateways.save': (input, call) => {
    const saved = saveGateway(call, input);
    wakePoller(call.app);
    return saved;
  },
  'gateways.available': (_input, call) => availableGateways(call),
  'gateways.health': (_input, call) => gatewayHealth(call.app),
  'gatewayPayments.create': async (input, call) => {
    const tx = await createGatewayPayment(call, input);
    wakePoller(call.app);
    return tx;
  },
  'gatewayPayments.get': ({ id }, call) => getGatewayPayment(call, id),
  'gatewayPayments.forCustomer': ({ customerId }, call) => gatewayPaymentsOfCustomer(call, customerId),
  'gatewayPayments.check': ({ id }, call) => checkGatewayPayment(call, id),
  'gatewayPayments.cancel': (input, call) => cancelGatewayPayment(call, input),
  'gatewayPayments.list': (input, call) => listGatewayPayments(call, input),
  'gatewayPayments.export': (input, call) => exportGatewayPayments(call, input),
  'paymentReviews.list': (input, call) => listPaymentReviews(call, input),
  'paymentReviews.resolve': (input, call) => resolvePaymentReview(call, input),
};
