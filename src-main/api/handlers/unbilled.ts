import type { unbilledContract } from '../../../src-shared/contract/unbilled';
import { billUnbilledAccounts, unbilledAccounts } from '../../core/billing/accountBilling';
import type { HandlersFor } from '../handler';

export const unbilledHandlers: HandlersFor<typeof unbilledContract> = {
  'subscriptions.unbilled': ({ limit }, call) => unbilledAccounts(call.app, limit),
  'subscriptions.billUnbilled': (_input, call) => billUnbilledAccounts(call),
};
