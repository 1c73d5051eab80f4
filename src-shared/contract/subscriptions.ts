import { z } from 'zod';
import { isoDate } from '../dates';
import { rupiah } from '../money';
import { byId, id, listOf, optionalText, page, pageSize, procedure, searchText, timestamp } from './define';
import { billingCycle } from './packages';

/*
 * Subscriptions: what a customer is billed for (package, fee, billing day, cycle).
 * Money is integer rupiah; dates `YYYY-MM-DD` are business dates in the ISP's time zone; instants are ISO UTC.
 */

export const SUBSCRIPTION_STATUSES = ['active', 'inactive', 'suspended', 'expired'] as const;
export const subscriptionStatus = z.enum(SUBSCRIPTION_STATUSES, {
  error: 'Must be active, inactive, suspended or expired',
});

const billingDay = z
  .number({ error: 'Must be a day 1–28' })
  .int('Must be a day 1–28')
  .min(1, 'Must be a day 1–28')
  .max(28, 'Must be a day 1–28');

export const subscription = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  internetPackageId: z.number().int(),
  packageName: z.string(),
  packagePrice: z.number().int(),
  billingCycle,
  pppoeAccountId: z.number().int().nullable(),
  pppoeUsername: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** Fee per billing cycle (monthly, quarterly or yearly amount), integer rupiah. */
  monthlyFee: z.number().int(),
  feeNote: z.string().nullable(),
  status: subscriptionStatus,
  autoRenew: z.boolean(),
  billingDay: z.number().int(),
  prorateFirst: z.boolean(),
  notes: z.string().nullable(),
  /** Latest invoiced period (`YYYY-MM`), null when never invoiced. */
  lastInvoicedPeriod: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Subscription = z.output<typeof subscription>;

const subscriptionFields = {
  customerId: id,
  internetPackageId: id,
  pppoeAccountId: id.nullable().optional(),
  /** Defaults to today (ISP zone). */
  startDate: isoDate.optional(),
  endDate: isoDate.nullable().optional(),
  /** Defaults to the package price; a different amount needs `feeNote`. */
  monthlyFee: rupiah.optional(),
  feeNote: optionalText(300, 'Fee note'),
  status: subscriptionStatus.optional(),
  autoRenew: z.boolean().optional(),
  /** Defaults to the day of startDate (capped at 28). */
  billingDay: billingDay.optional(),
  prorateFirst: z.boolean().optional(),
  notes: optionalText(2000, 'Notes'),
};

export const subscriptionsContract = {
  'subscriptions.list': procedure({
    permission: 'subscriptions.read',
    input: z
      .object({
        search: searchText,
        status: subscriptionStatus.optional(),
        customerId: id.optional(),
        internetPackageId: id.optional(),
        page,
        pageSize,
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(subscription),
  }),
  'subscriptions.get': procedure({ permission: 'subscriptions.read', input: byId.strict(), output: subscription }),
  'subscriptions.create': procedure({
    permission: 'subscriptions.write',
    mutates: 'subscriptions',
    input: z.object(subscriptionFields).strict(),
    output: subscription,
  }),
  'subscriptions.update': procedure({
    permission: 'subscriptions.write',
    mutates: 'subscriptions',
    input: z
      .object({
        id,
        ...subscriptionFields,
        customerId: id.optional(),
        internetPackageId: id.optional(),
      })
      .strict(),
    output: subscription,
  }),
};
