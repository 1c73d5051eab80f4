import type { pppoeContract } from '../../../src-shared/contract/pppoe';
import { billingPreview } from '../../core/billing/accountBilling';
import {
  createAccount,
  deleteAccount,
  disableAccount,
  enableAccount,
  getAccount,
  listAccounts,
  revealPassword,
  suggestCredentials,
  updateAccount,
} from '../../core/network/accounts';
import type { HandlersFor } from '../handler';

export const pppoeHandlers: HandlersFor<typeof pppoeContract> = {
  'pppoe.list': (input, call) => listAccounts(call, input),
  'pppoe.get': ({ id }, call) => getAccount(call, id),
  'pppoe.suggest': ({ customerId }, call) => suggestCredentials(call, customerId),
  'pppoe.create': (input, call) => createAccount(call, input),
  'pppoe.update': (input, call) => updateAccount(call, input),
  'pppoe.delete': ({ id }, call) => deleteAccount(call, id),
  'pppoe.enable': ({ id, overrideReason }, call) => enableAccount(call, id, overrideReason),
  'pppoe.billingPreview': (input, call) => billingPreview(call.app, input),
  'pppoe.disable': ({ id }, call) => disableAccount(call, id),
  'pppoe.revealPassword': ({ id }, call) => revealPassword(call, id),
};
