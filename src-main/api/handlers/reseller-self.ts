import type { resellerSelfContract } from '../../../src-shared/contract/reseller-self';
import {
  selfBills,
  selfCustomers,
  selfLedger,
  selfPay,
  selfStatement,
  selfStatementFile,
  selfSummary,
} from '../../core/resellers/self';
import { selfCreateCustomer, selfCustomer, selfPackages, selfUpdateCustomer } from '../../core/resellers/own-customers';
import { selfTopUp, selfTopUpCheck, selfTopUpCreate, selfTopUps } from '../../core/resellers/gateway-topup';
import type { HandlersFor } from '../handler';

export const resellerSelfHandlers: HandlersFor<typeof resellerSelfContract> = {
  'reseller.me': (_input, call) => selfSummary(call),
  'reseller.customers': (input, call) => selfCustomers(call, input),
  'reseller.bills': (input, call) => selfBills(call, input),
  'reseller.pay': (input, call) => selfPay(call, input),
  'reseller.ledger': (input, call) => selfLedger(call, input),
  'reseller.statement': ({ month }, call) => selfStatement(call, month),
  'reseller.statementFile': ({ month, format }, call) => selfStatementFile(call, month, format),
  'reseller.packages': (_input, call) => selfPackages(call),
  'reseller.customer': ({ customerId }, call) => selfCustomer(call, customerId),
  'reseller.createCustomer': (input, call) => selfCreateCustomer(call, input),
  'reseller.updateCustomer': (input, call) => selfUpdateCustomer(call, input),
  'reseller.topups': (_input, call) => selfTopUps(call),
  'reseller.topupCreate': (input, call) => selfTopUpCreate(call, input),
  'reseller.topup': ({ id }, call) => selfTopUp(call, id),
  'reseller.topupCheck': ({ id }, call) => selfTopUpCheck(call, id),
};
