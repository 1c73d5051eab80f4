import type { customersContract } from '../../../src-shared/contract/customers';
import { createCustomer, customerDetail, deleteCustomer, listCustomers, updateCustomer } from '../../core/customers';
import type { HandlersFor } from '../handler';

export const customersHandlers: HandlersFor<typeof customersContract> = {
  'customers.list': (input, call) => listCustomers(call, input),
  'customers.get': ({ id }, call) => customerDetail(call, id),
  'customers.create': (input, call) => createCustomer(call, input),
  'customers.update': (input, call) => updateCustomer(call, input),
  'customers.delete': ({ id }, call) => deleteCustomer(call, id),
};
