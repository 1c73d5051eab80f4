import type { resellersContract } from '../../../src-shared/contract/resellers';
import { ledgerPage, topUp, voidMovement } from '../../core/resellers/ledger';
import {
  assignCustomers,
  createReseller,
  getReseller,
  listResellers,
  resellerCustomers,
  setResellerLogin,
  unassignCustomers,
  updateResellerRecord,
} from '../../core/resellers/resellers';
import { removeRule, setRule } from '../../core/resellers/rules';
import { statementFile, statementOf } from '../../core/resellers/statement';
import type { HandlersFor } from '../handler';

export const resellersHandlers: HandlersFor<typeof resellersContract> = {
  'resellers.list': (input, call) => listResellers(call, input),
  'resellers.get': ({ id }, call) => getReseller(call, id),
  'resellers.create': (input, call) => createReseller(call, input),
  'resellers.update': (input, call) => updateResellerRecord(call, input),
  'resellers.setLogin': (input, call) => setResellerLogin(call, input),
  'resellers.topup': (input, call) => topUp(call, input),
  'resellers.void': ({ id, reason }, call) => voidMovement(call, id, reason),
  'resellers.ledger': (input, call) => ledgerPage(call, input),
  'resellers.customers': (input, call) => resellerCustomers(call, input),
  'resellers.assign': (input, call) => assignCustomers(call, input),
  'resellers.unassign': (input, call) => unassignCustomers(call, input),
  'resellers.setRule': (input, call) => setRule(call, input),
  'resellers.removeRule': (input, call) => removeRule(call, input),
  'resellers.statement': ({ resellerId, month }, call) => statementOf(call, resellerId, month),
  'resellers.statementFile': ({ resellerId, month, format }, call) => statementFile(call, resellerId, month, format),
};
