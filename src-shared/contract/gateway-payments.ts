import { z } from 'zod';
import { isoDate } from '../dates';
import { rupiah } from '../money';
import { byId, id, optionalText, procedure, requiredText, searchText, timestamp } from './define';

/*
 * Online payments through a payment gateway (Tripay, Midtrans, Xendit, Duitku): settings per gateway
 * (keys go in, never come out), payment attempts for a customer's open invoices, their reconciliation
 * beside the ledger, and the review list of money that could not be applied by itself.
 */

export const GATEWAYS = ['tripay', 'midtrans', 'xendit', 'duitku'] as const;
export const gatewayProvider = z.enum(GATEWAYS, { error: 'Must be tripay, midtrans, xendit or duitku' });
export type Gateway = z.output<typeof gatewayProvider>;

/** The credential fields each gateway needs (values are write-only). */
export const GATEWAY_CREDENTIALS: Record<Gateway, readonly string[]> = {
  tripay: ['merchantCode', 'apiKey', 'privateKey'],
  midtrans: ['serverKey'],
  xendit: ['secretKey', 'callbackToken'],
  duitku: ['merchantCode', 'apiKey'],
};

export const gatewaySettings = z.object({
  provider: gatewayProvider,
  enabled: z.boolean(),
  mode: z.enum(['sandbox', 'production']),
  methods: z.array(z.string()),
  feePayer: z.enum(['customer', 'isp']),
  baseUrl: z.string().nullable(),
  /** The provider's own URL for the mode (shown when baseUrl is empty). */
  defaultBaseUrl: z.string(),
  ratePerSecond: z.number().int(),
  alertAfterMinutes: z.number().int(),
  expiryHours: z.number().int(),
  callbacksEnabled: z.boolean(),
  /** Which credential fields hold a value (the values themselves never leave the main process). */
  credentialsSet: z.array(z.string()),
});
export type GatewaySettings = z.output<typeof gatewaySettings>;

const httpUrl = z
  .string()
  .trim()
  .max(300, 'Base URL must be at most 300 characters')
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), 'Base URL must start with http:// or https://');

export const gatewaySettingsInput = z
  .object({
    provider: gatewayProvider,
    enabled: z.boolean(),
    mode: z.enum(['sandbox', 'production']),
    methods: z
      .array(z.string().trim().min(1, 'Method code is required').max(40, 'Method code must be at most 40 characters'))
      .max(40),
    feePayer: z.enum(['customer', 'isp']),
    /** Empty = the provider's own URL. */
    baseUrl: httpUrl.nullable(),
    ratePerSecond: z.number().int().min(1, 'At least 1').max(100, 'At most 100'),
    alertAfterMinutes: z.number().int().min(5, 'At least 5').max(10_080, 'At most 10080'),
    expiryHours: z.number().int().min(1, 'At least 1').max(720, 'At most 720'),
    callbacksEnabled: z.boolean(),
    /** Only the fields typed now; an omitted field keeps its stored value. */
    credentials: z.record(z.string(), z.string().trim().max(500, 'Key must be at most 500 characters')).optional(),
  })
  .strict();

/** Where a payment attempt stands, from the reconciliation's point of view. */
export const GATEWAY_TX_STATES = [
  'pending',
  'paid',
  'credited',
  'deposit',
  'review',
  'expired',
  'failed',
  'cancelled',
] as const;
export const gatewayTxState = z.enum(GATEWAY_TX_STATES);

/**
 * How to pay an attempt, as the gateway answered: a VA number (with its bank and biller code), a QR, a pay
 * code or a checkout page. The payer's view and the staff's carry the same fields.
 */
const howToPayFields = {
  vaNumber: z.string().nullable(),
  bank: z.string().nullable(),
  billerCode: z.string().nullable(),
  qrString: z.string().nullable(),
  payCode: z.string().nullable(),
  checkoutUrl: z.string().nullable(),
};

/**
 * What the payer of an attempt sees (a customer in the portal, a reseller topping up): how to pay it and
 * where it stands, without staff fields. Each payer's view adds its own fields to these.
 */
export const payerAttemptFields = {
  id: z.number().int(),
  reference: z.string(),
  provider: gatewayProvider,
  method: z.string(),
  /** pending (waiting for money), paid (not yet credited), credited, review (the office checks it), expired, failed, cancelled. */
  state: gatewayTxState,
  amount: z.number().int(),
  /** A fee the gateway adds on top for the payer. */
  feeCustomer: z.number().int(),
  expiresAt: timestamp,
  ...howToPayFields,
  paidAt: timestamp.nullable(),
};

export const gatewayTx = z.object({
  id: z.number().int(),
  merchantRef: z.string(),
  provider: gatewayProvider,
  providerRef: z.string().nullable(),
  /** The payer: a customer, or a reseller topping up their balance (then the code and name are the reseller's). */
  customerId: z.number().int().nullable(),
  resellerId: z.number().int().nullable(),
  customerCode: z.string(),
  customerName: z.string(),
  amount: z.number().int(),
  feeCustomer: z.number().int(),
  method: z.string(),
  state: gatewayTxState,
  expiresAt: timestamp,
  ...howToPayFields,
  paidAmount: z.number().int().nullable(),
  paidAt: timestamp.nullable(),
  paymentId: z.number().int().nullable(),
  paymentNumber: z.string().nullable(),
  lastCheckedAt: timestamp.nullable(),
  createdAt: timestamp,
  invoices: z.array(z.object({ invoiceId: z.number().int(), invoiceNumber: z.string(), amount: z.number().int() })),
});
export type GatewayTx = z.output<typeof gatewayTx>;

export const gatewayHealth = z.object({
  provider: gatewayProvider,
  enabled: z.boolean(),
  lastSuccessAt: timestamp.nullable(),
  lastErrorAt: timestamp.nullable(),
  lastError: z.string().nullable(),
  failingSince: timestamp.nullable(),
  pending: z.number().int(),
  /** Failing for longer than the gateway's alert time. */
  alert: z.boolean(),
});
export type GatewayHealth = z.output<typeof gatewayHealth>;

export const paymentReview = z.object({
  id: z.number().int(),
  source: z.enum(['gateway', 'bank']),
  provider: z.string().nullable(),
  reference: z.string(),
  transactionId: z.number().int().nullable(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  /** A reseller's top-up (its attempt's reseller): it can be resolved into their balance. */
  resellerId: z.number().int().nullable(),
  resellerName: z.string().nullable(),
  amount: z.number().int(),
  reason: z.enum(['unknown_reference', 'amount_mismatch']),
  detail: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  resolution: z.enum(['deposit', 'invoice', 'reseller']).nullable(),
  paymentId: z.number().int().nullable(),
  resolvedAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type PaymentReview = z.output<typeof paymentReview>;

const listFilter = z
  .object({
    provider: gatewayProvider.optional(),
    state: gatewayTxState.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    search: searchText,
  })
  .strict();

export const gatewayPaymentsContract = {
  'gateways.list': procedure({
    permission: 'settings.read',
    input: z.object({}).strict().default({}),
    output: z.array(gatewaySettings),
  }),
  'gateways.save': procedure({
    permission: 'settings.write',
    mutates: 'gateways',
    input: gatewaySettingsInput,
    output: gatewaySettings,
  }),
  /** Enabled gateways and their methods, for the desk's "pay online" dialog. */
  'gateways.available': procedure({
    permission: 'payments.create',
    input: z.object({}).strict().default({}),
    output: z.array(z.object({ provider: gatewayProvider, methods: z.array(z.string()), feePayer: z.string() })),
  }),
  'gateways.health': procedure({
    permission: 'dashboard.read',
    input: z.object({}).strict().default({}),
    output: z.array(gatewayHealth),
  }),
  'gatewayPayments.create': procedure({
    permission: 'payments.create',
    mutates: 'gatewayPayments',
    input: z
      .object({
        customerId: id,
        /** One invoice; all of the customer's open invoices when omitted. */
        invoiceId: id.optional(),
        provider: gatewayProvider,
        method: requiredText(40, 'Method'),
      })
      .strict(),
    output: gatewayTx,
  }),
  'gatewayPayments.get': procedure({ permission: 'payments.read', input: byId.strict(), output: gatewayTx }),
  'gatewayPayments.forCustomer': procedure({
    permission: 'payments.read',
    input: z.object({ customerId: id }).strict(),
    output: z.array(gatewayTx),
  }),
  /** Asks the gateway now instead of waiting for the poller. */
  'gatewayPayments.check': procedure({
    permission: 'payments.create',
    mutates: 'gatewayPayments',
    input: byId.strict(),
    output: gatewayTx,
  }),
  'gatewayPayments.cancel': procedure({
    permission: 'payments.void',
    mutates: 'gatewayPayments',
    input: z.object({ id, reason: requiredText(500, 'Reason') }).strict(),
    output: gatewayTx,
  }),
  'gatewayPayments.list': procedure({
    permission: 'payments.read',
    input: listFilter,
    output: z.object({
      items: z.array(gatewayTx),
      total: z.number().int(),
      totals: z.array(
        z.object({ day: z.string(), provider: gatewayProvider, count: z.number().int(), amount: rupiah, paid: rupiah }),
      ),
    }),
  }),
  'gatewayPayments.export': procedure({
    permission: 'reports.export',
    input: listFilter,
    output: z.object({ filename: z.string(), base64: z.string() }),
  }),
  'paymentReviews.list': procedure({
    permission: 'payments.read',
    input: z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') }).strict(),
    output: z.array(paymentReview),
  }),
  'paymentReviews.resolve': procedure({
    permission: 'payments.void',
    mutates: 'payments',
    input: z
      .object({
        id,
        /** `reseller`: a reseller top-up's money into that reseller's balance (no customer). */
        to: z.enum(['deposit', 'invoice', 'reseller']),
        /** Required for `deposit` and `invoice`. */
        customerId: id.optional(),
        invoiceId: id.optional(),
        reason: requiredText(500, 'Reason'),
        notes: optionalText(500, 'Notes'),
      })
      .strict(),
    output: paymentReview,
  }),
};
