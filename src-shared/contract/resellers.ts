import { z } from 'zod';
import { isoDate, period } from '../dates';
import { positiveRupiah } from '../money';
import { optionalPhone } from '../validators';
import { username, newPassword } from './auth';
import { clientRequestId, replayed } from './client-request';
import {
  byId,
  id,
  listOf,
  optionalText,
  page,
  pageSize,
  procedure,
  requiredText,
  searchText,
  timestamp,
} from './define';

/*
 * Resellers / agents (mitra), as the office manages them: the reseller record, their customers, their
 * per-package share and their balance, a ledger of movements (top-up at the office, bill payments,
 * commission, reversals). The balance is the ledger's sum: never typed, never below zero.
 */

export const RESELLER_STATUSES = ['active', 'suspended'] as const;
export const resellerStatus = z.enum(RESELLER_STATUSES, { error: 'Status must be active or suspended' });
export const LEDGER_KINDS = ['topup', 'payment', 'commission', 'reversal'] as const;
export const TOPUP_METHODS = ['cash', 'bank_transfer'] as const;
/** How a top-up came in: at the office (TOPUP_METHODS), or paid online by the reseller through a gateway. */
export const LEDGER_METHODS = [...TOPUP_METHODS, 'gateway'] as const;
export const RULE_KINDS = ['discount', 'commission'] as const;
export const RULE_MODES = ['percent', 'flat'] as const;
/** A percent rule's value is in basis points: 1250 = 12.5%. */
export const BASIS_POINTS = 10_000;

export const reseller = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  status: resellerStatus,
  canCreateCustomers: z.boolean(),
  routerId: z.number().int().nullable(),
  /** Their sign-in (a user with the reseller role), if the office made one. */
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  notes: z.string().nullable(),
  balance: z.number().int(),
  customers: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Reseller = z.output<typeof reseller>;

export const resellerRule = z.object({
  internetPackageId: z.number().int(),
  packageName: z.string(),
  price: z.number().int(),
  kind: z.enum(RULE_KINDS),
  mode: z.enum(RULE_MODES),
  /** Basis points (percent) or rupiah (flat). */
  value: z.number().int(),
  /** The share on one bill at the package's price (rounded down to whole rupiah). */
  shareAtPrice: z.number().int(),
});
export type ResellerRule = z.output<typeof resellerRule>;

export const movement = z.object({
  id: z.number().int(),
  kind: z.enum(LEDGER_KINDS),
  /** Signed rupiah: + into the balance, − out of it. */
  amount: z.number().int(),
  method: z.enum(LEDGER_METHODS).nullable(),
  referenceNumber: z.string().nullable(),
  paymentId: z.number().int().nullable(),
  paymentNumber: z.string().nullable(),
  invoiceId: z.number().int().nullable(),
  invoiceNumber: z.string().nullable(),
  customerId: z.number().int().nullable(),
  customerCode: z.string().nullable(),
  customerName: z.string().nullable(),
  /** Bill payments: what the bill was paid with, and the reseller's share of it. */
  billAmount: z.number().int().nullable(),
  share: z.number().int().nullable(),
  reversesId: z.number().int().nullable(),
  reversedBy: z.number().int().nullable(),
  note: z.string().nullable(),
  username: z.string().nullable(),
  businessDate: z.string(),
  at: timestamp,
});
export type Movement = z.output<typeof movement>;

export const resellerCustomer = z.object({
  id: z.number().int(),
  customerCode: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  status: z.enum(['active', 'inactive', 'suspended']),
  outstanding: z.number().int(),
  openInvoices: z.number().int(),
  suspendedAccounts: z.number().int(),
  accounts: z.number().int(),
});

const resellerFields = {
  name: requiredText(120, 'Name'),
  phone: optionalPhone,
  address: optionalText(300, 'Address'),
  canCreateCustomers: z.boolean().default(false),
  routerId: id.nullable().optional(),
  notes: optionalText(1000, 'Notes'),
};

const reason = requiredText(500, 'Reason');
const ledgerPage = z.object({
  resellerId: id,
  from: isoDate.optional(),
  to: isoDate.optional(),
  page,
  pageSize,
});
const customersPage = z.object({ resellerId: id, search: searchText, page, pageSize });

/** The monthly statement: opening balance, each kind's total, closing balance, and every movement. */
export const statement = z.object({
  reseller: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  month: z.string(),
  from: z.string(),
  to: z.string(),
  opening: z.number().int(),
  topups: z.number().int(),
  payments: z.number().int(),
  commissions: z.number().int(),
  reversals: z.number().int(),
  closing: z.number().int(),
  billsPaid: z.number().int(),
  billAmount: z.number().int(),
  shares: z.number().int(),
  movements: z.array(movement),
});
export type Statement = z.output<typeof statement>;
export const statementFile = z.object({ filename: z.string(), mime: z.string(), base64: z.string() });
export const statementInput = {
  month: period,
  format: z.enum(['pdf', 'xlsx'], { error: 'Format must be pdf or xlsx' }),
};

export const resellersContract = {
  'resellers.list': procedure({
    permission: 'resellers.read',
    input: z
      .object({ search: searchText, status: resellerStatus.optional(), page, pageSize })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(reseller),
  }),
  'resellers.get': procedure({
    permission: 'resellers.read',
    input: byId.strict(),
    output: reseller.extend({ rules: z.array(resellerRule) }),
  }),
  'resellers.create': procedure({
    permission: 'resellers.write',
    mutates: 'resellers',
    input: z.object(resellerFields).strict(),
    output: reseller,
  }),
  'resellers.update': procedure({
    permission: 'resellers.write',
    mutates: 'resellers',
    input: z.object({ id, ...resellerFields, status: resellerStatus }).strict(),
    output: reseller,
  }),
  /** Creates the reseller's sign-in, or sets a new password on it (their open sessions end). */
  'resellers.setLogin': procedure({
    permission: 'resellers.write',
    mutates: 'resellers',
    input: z.object({ id, username: username.optional(), password: newPassword }).strict(),
    output: reseller,
  }),
  'resellers.topup': procedure({
    permission: 'resellers.topup',
    mutates: 'resellers',
    input: z
      .object({
        resellerId: id,
        amount: positiveRupiah,
        method: z.enum(TOPUP_METHODS, { error: 'Must be cash or bank_transfer' }),
        referenceNumber: optionalText(100, 'Reference number'),
        note: optionalText(500, 'Note'),
        /** One per submission of the form, the same when it is sent again: the top-up is credited once. */
        clientRequestId,
      })
      .strict(),
    output: z.object({ movement, balance: z.number().int(), replayed }),
  }),
  /** Reverses a top-up or a bill payment (the customer's payment is voided too), with a reason. */
  'resellers.void': procedure({
    permission: 'resellers.void',
    mutates: 'resellers',
    input: z.object({ id, reason }).strict(),
    output: z.object({ reversals: z.array(movement), balance: z.number().int() }),
  }),
  'resellers.ledger': procedure({
    permission: 'resellers.read',
    input: ledgerPage.strict(),
    output: listOf(movement).extend({ balance: z.number().int() }),
  }),
  'resellers.customers': procedure({
    permission: 'resellers.read',
    input: customersPage.strict(),
    output: listOf(resellerCustomer),
  }),
  /** Gives customers to a reseller (a customer of another reseller moves). */
  'resellers.assign': procedure({
    permission: 'resellers.write',
    mutates: 'resellers',
    input: z
      .object({ resellerId: id, customerIds: z.array(id).min(1, 'Choose at least one customer').max(500) })
      .strict(),
    output: z.object({ assigned: z.number().int() }),
  }),
  'resellers.unassign': procedure({
    permission: 'resellers.write',
    mutates: 'resellers',
    input: z
      .object({ resellerId: id, customerIds: z.array(id).min(1, 'Choose at least one customer').max(500) })
      .strict(),
    output: z.object({ unassigned: z.number().int() }),
  }),
  'resellers.setRule': procedure({
    permission: 'resellers.write',
    mutates: 'resellers',
    input: z
      .object({
        resellerId: id,
        internetPackageId: id,
        kind: z.enum(RULE_KINDS, { error: 'Must be discount or commission' }),
        mode: z.enum(RULE_MODES, { error: 'Must be percent or flat' }),
        value: z
          .number({ error: 'Must be a whole number' })
          .int('Must be a whole number')
          .min(0, 'Must not be negative'),
      })
      .strict(),
    output: z.array(resellerRule),
  }),
  'resellers.removeRule': procedure({
    permission: 'resellers.write',
    mutates: 'resellers',
    input: z.object({ resellerId: id, internetPackageId: id }).strict(),
    output: z.array(resellerRule),
  }),
  'resellers.statement': procedure({
    permission: 'resellers.read',
    input: z.object({ resellerId: id, month: period }).strict(),
    output: statement,
  }),
  'resellers.statementFile': procedure({
    permission: 'resellers.read',
    input: z.object({ resellerId: id, ...statementInput }).strict(),
    output: statementFile,
  }),
};
