import { z } from 'zod';
import { isoDate } from '../dates';
import { clientRequestId, replayed } from './client-request';
import { customer, customersContract } from './customers';
import { id, listOf, page, pageSize, procedure, requiredText, searchText, timestamp } from './define';
import { gatewayProvider, payerAttemptFields } from './gateway-payments';
import { pppoeUsername } from './pppoe';
import { movement, resellerCustomer, statement, statementFile, statementInput } from './resellers';

/*
 * What a reseller reaches with their own sign-in (role `reseller`, permission `reseller.self`): every
 * channel is keyed by the reseller linked to the session, never by an id the caller sends for the
 * reseller; a customer or invoice of someone else answers "not found".
 */

export const resellerBill = z.object({
  id: z.number().int(),
  invoiceNumber: z.string(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  period: z.string(),
  dueDate: z.string(),
  amount: z.number().int(),
  paidAmount: z.number().int(),
  /** Still to pay on the bill. */
  due: z.number().int(),
  packageName: z.string().nullable(),
  /** What paying it takes from the balance, and the reseller's share (discount or commission). */
  debit: z.number().int(),
  share: z.number().int(),
  shareKind: z.enum(['discount', 'commission']).nullable(),
});
export type ResellerBill = z.output<typeof resellerBill>;

/** What a reseller fills in for a customer: the office's own customer fields and rules, minus status and brand. */
const PERSONAL = { name: true, address: true, phone: true, email: true, idCard: true, notes: true } as const;
const newCustomer = customersContract['customers.create'].input.pick(PERSONAL).extend({
  /** One of `reseller.packages`. */
  internetPackageId: id,
  /** The PPPoE username; made from the name when left out. */
  username: pppoeUsername.optional(),
});
const editCustomer = customersContract['customers.update'].input.pick({ id: true, ...PERSONAL });

export const sellablePackage = z.object({
  id: z.number().int(),
  name: z.string(),
  price: z.number().int(),
  bandwidthUp: z.number().int(),
  bandwidthDown: z.number().int(),
});

/** An online top-up asks for whole rupiah within these bounds (the gateways' own limits sit around them). */
export const TOPUP_MIN = 10_000;
export const TOPUP_MAX = 10_000_000;

/** A top-up attempt as its reseller sees it: how to pay it and where it stands (no staff fields). */
export const resellerTopUp = z.object({
  ...payerAttemptFields,
  paidAmount: z.number().int().nullable(),
  createdAt: timestamp,
});
export type ResellerTopUp = z.output<typeof resellerTopUp>;

const topUpAmount = z
  .number({ error: 'Must be a number' })
  .int('Must be a whole number of rupiah')
  .min(TOPUP_MIN, 'Top-up amount must be at least Rp 10.000')
  .max(TOPUP_MAX, 'Top-up amount must be at most Rp 10.000.000');

export const resellerSelfContract = {
  'reseller.me': procedure({
    permission: 'reseller.self',
    input: z.object({}).strict().default({}),
    output: z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      status: z.enum(['active', 'suspended']),
      canCreateCustomers: z.boolean(),
      balance: z.number().int(),
      customers: z.number().int(),
      openBills: z.number().int(),
    }),
  }),
  'reseller.customers': procedure({
    permission: 'reseller.self',
    input: z.object({ search: searchText, page, pageSize }).strict().default({ page: 1, pageSize: 25 }),
    output: listOf(resellerCustomer),
  }),
  'reseller.bills': procedure({
    permission: 'reseller.self',
    input: z.object({ customerId: id.optional() }).strict().default({}),
    output: z.array(resellerBill),
  }),
  /** Pays one open bill in full from the balance; isolated accounts are restored at once. */
  'reseller.pay': procedure({
    permission: 'reseller.self',
    mutates: 'payments',
    /** clientRequestId: one per press of "Bayar", the same when it is sent again: the bill is paid once. */
    input: z.object({ invoiceId: id, clientRequestId }).strict(),
    output: z.object({
      paymentNumber: z.string(),
      invoiceNumber: z.string(),
      billAmount: z.number().int(),
      debit: z.number().int(),
      commission: z.number().int(),
      balance: z.number().int(),
      restoredAccounts: z.number().int(),
      replayed,
    }),
  }),
  'reseller.ledger': procedure({
    permission: 'reseller.self',
    input: z
      .object({ from: isoDate.optional(), to: isoDate.optional(), page, pageSize })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(movement).extend({ balance: z.number().int() }),
  }),
  'reseller.statement': procedure({
    permission: 'reseller.self',
    input: z.object({ month: statementInput.month }).strict(),
    output: statement,
  }),
  'reseller.statementFile': procedure({
    permission: 'reseller.self',
    input: z.object(statementInput).strict(),
    output: statementFile,
  }),
  /** The packages this reseller may sell to a new customer (those with a rule on the reseller's page). */
  'reseller.packages': procedure({
    permission: 'reseller.self',
    input: z.object({}).strict().default({}),
    output: z.array(sellablePackage),
  }),
  /** One of the reseller's own customers, for the edit form. */
  'reseller.customer': procedure({
    permission: 'reseller.self',
    input: z.object({ customerId: id }).strict(),
    output: customer,
  }),
  /**
   * A new customer of this reseller with an active PPPoE account on the reseller's router (queued to the
   * router, billed like the office's). Only when the office allows it (`canCreateCustomers`).
   */
  'reseller.createCustomer': procedure({
    permission: 'reseller.self',
    mutates: 'customers',
    input: newCustomer.strict(),
    output: z.object({
      customer,
      accountId: z.number().int(),
      username: z.string(),
      /** Shown once: the reseller sets it on the customer's modem. */
      password: z.string(),
      packageName: z.string(),
      monthlyPrice: z.number().int(),
    }),
  }),
  'reseller.updateCustomer': procedure({
    permission: 'reseller.self',
    mutates: 'customers',
    input: editCustomer.strict(),
    output: customer,
  }),
  /** "Isi saldo": the methods on offer (the enabled gateways') and my recent top-ups. */
  'reseller.topups': procedure({
    permission: 'reseller.self',
    input: z.object({}).strict().default({}),
    output: z.object({
      methods: z.array(z.object({ provider: gatewayProvider, method: z.string() })),
      items: z.array(resellerTopUp),
    }),
  }),
  /** Tops up my balance online: a payment at the gateway; the balance rises once the gateway reports it paid. */
  'reseller.topupCreate': procedure({
    permission: 'reseller.self',
    mutates: 'gatewayPayments',
    input: z.object({ amount: topUpAmount, provider: gatewayProvider, method: requiredText(40, 'Method') }).strict(),
    output: resellerTopUp,
  }),
  'reseller.topup': procedure({
    permission: 'reseller.self',
    input: z.object({ id }).strict(),
    output: resellerTopUp,
  }),
  /** "I have paid": asks the gateway now (at most every few seconds per top-up; the poller does the rest). */
  'reseller.topupCheck': procedure({
    permission: 'reseller.self',
    mutates: 'gatewayPayments',
    input: z.object({ id }).strict(),
    output: resellerTopUp,
  }),
};
