import type { privacyContract } from '../../../src-shared/contract/privacy';
import { eraseCustomer, erasePreview } from '../../core/privacy/erase';
import { exportCustomerData } from '../../core/privacy/export';
import type { HandlersFor } from '../handler';

export const privacyHandlers: HandlersFor<typeof privacyContract> = {
  'privacy.exportCustomer': (input, call) => exportCustomerData(call, input),
  'privacy.erasePreview': ({ customerId }, call) => erasePreview(call, customerId),
  'privacy.eraseCustomer': (input, call) => eraseCustomer(call, input),
};
