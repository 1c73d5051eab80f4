import { z } from 'zod';
import { daysBetween, isoDate } from '../dates';
import { procedure } from './define';

/*
 * Owner's dashboard and reports. Everything is computed locally from the ledger; money is integer
 * rupiah; dates are business dates in the ISP zone. Collected = money received (live payments, not
 * pay-from-deposit, which moves no money).
 */

export const MAX_REPORT_DAYS = 3660; // ten years

/** `{ from, to, ...extra }` with from ≤ to and at most ten years between them. */
export function rangeInput<T extends z.ZodRawShape>(extra: T) {
  return z
    .object({ from: isoDate, to: isoDate, ...extra })
    .strict()
    .superRefine((value, ctx) => {
      const r = value as { from: string; to: string };
      if (r.to < r.from)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date is before the start date' });
      else if (daysBetween(r.from, r.to) > MAX_REPORT_DAYS) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'A report covers at most 10 years' });
      }
    });
}

export const GROUP_BY = ['day', 'month', 'year'] as const;
const groupBy = z.enum(GROUP_BY, { error: 'Group by day, month or year' });
const money = z.number().int();
const count = z.number().int();

const methodRow = z.object({ method: z.string(), count, amount: money });

/**
 * Issue 18: the brand filter of every report, its export and the dashboard: only that brand's figures;
 * without it, every brand the user may see.
 */
const brandId = z.number().int().positive().optional();
/** The brand filter applied, if any (echoed in the output). */
const appliedBrand = z.number().int().optional();

export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export const agingBucket = z.enum(AGING_BUCKETS);

export const agingReport = z.object({
  asOf: z.string(),
  brandId: appliedBrand,
  total: money,
  buckets: z.array(
    z.object({
      bucket: agingBucket,
      amount: money,
      invoices: count,
      customersTotal: count,
      /** Largest first, at most 500 per bucket (customersTotal tells how many there are). */
      customers: z.array(
        z.object({
          customerId: z.number().int(),
          customerCode: z.string(),
          name: z.string(),
          phone: z.string().nullable(),
          amount: money,
          invoices: count,
          oldestDueDate: z.string(),
        }),
      ),
    }),
  ),
});
export type AgingReport = z.output<typeof agingReport>;

export const financialReport = z.object({
  brandId: appliedBrand,
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(GROUP_BY),
  buckets: z.array(
    z.object({
      key: z.string(),
      invoiced: money,
      collected: money,
      /** Invoices voided in the bucket (by void date). */
      voided: money,
      /** Of the invoices issued in the bucket, what is still unpaid now. */
      outstanding: money,
      payments: count,
      /** Deposits paid back to customers (live refunds, by refund date): money out. */
      refunded: money,
      refunds: count,
    }),
  ),
  totals: z.object({
    invoiced: money,
    collected: money,
    voided: money,
    outstanding: money,
    payments: count,
    refunded: money,
    refunds: count,
  }),
  byMethod: z.array(methodRow),
  /** Deposit refunds by how they were paid out (cash, transfer). */
  refundsByMethod: z.array(methodRow),
  byCashier: z.array(z.object({ userId: z.number().int().nullable(), name: z.string(), count, amount: money })),
});
export type FinancialReport = z.output<typeof financialReport>;

export const customersReport = z.object({
  brandId: appliedBrand,
  from: z.string(),
  to: z.string(),
  months: z.array(
    z.object({
      period: z.string(),
      new: count,
      churned: count,
      net: count,
      activeAtStart: count,
      activeAtEnd: count,
      /** churned / activeAtStart, as a fraction (0–1). */
      churnRate: z.number(),
      collected: money,
      /** collected / activeAtEnd, rounded rupiah. */
      arpu: money,
    }),
  ),
  totals: z.object({ new: count, churned: count, net: count, churnRate: z.number(), arpu: money }),
  byPackage: z.array(
    z.object({ packageId: z.number().int(), name: z.string(), subscriptions: count, monthlyValue: money }),
  ),
  byStatus: z.array(z.object({ status: z.string(), customers: count })),
});
export type CustomersReport = z.output<typeof customersReport>;

export const forecastReport = z.object({
  brandId: appliedBrand,
  basedOn: z.object({
    from: z.string(),
    to: z.string(),
    invoiced: money,
    collected: money,
    /** collected ÷ invoiced over the window, 0–1. */
    collectionRate: z.number(),
  }),
  months: z.array(
    z.object({ period: z.string(), subscriptions: count, expectedInvoicing: money, expectedCollection: money }),
  ),
  method: z.string(),
});
export type ForecastReport = z.output<typeof forecastReport>;

const trafficRow = z.object({
  id: z.number().int().nullable(),
  name: z.string(),
  bytesIn: z.number(),
  bytesOut: z.number(),
});
export const bandwidthReport = z.object({
  brandId: appliedBrand,
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(GROUP_BY),
  series: z.array(z.object({ key: z.string(), bytesIn: z.number(), bytesOut: z.number() })),
  byPackage: z.array(trafficRow),
  byRouter: z.array(trafficRow),
  topUsers: z.array(
    z.object({
      accountId: z.number().int(),
      username: z.string(),
      customerName: z.string(),
      bytesIn: z.number(),
      bytesOut: z.number(),
    }),
  ),
  samples: count,
});
export type BandwidthReport = z.output<typeof bandwidthReport>;

export const dashboard = z.object({
  brandId: appliedBrand,
  today: z.string(),
  period: z.string(),
  collectedToday: money,
  collectedTodayByMethod: z.array(methodRow),
  collectedMonth: money,
  collectedMonthByMethod: z.array(methodRow),
  invoicedMonth: money,
  outstanding: z.object({ invoices: count, amount: money }),
  overdue: z.object({ invoices: count, amount: money, customers: count }),
  customers: z.object({ active: count, inactive: count, suspended: count, isolated: count, total: count }),
  routers: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      state: z.string(),
      lastSeenAt: z.string().nullable(),
      accounts: count,
      online: count,
      pendingSync: count,
      failedSync: count,
    }),
  ),
  alerts: z.object({
    overdueInvoices: z.array(
      z.object({
        invoiceId: z.number().int(),
        invoiceNumber: z.string(),
        customerId: z.number().int(),
        customerName: z.string(),
        dueDate: z.string(),
        daysOverdue: count,
        outstanding: money,
      }),
    ),
    expiringAccounts: z.array(
      z.object({
        accountId: z.number().int(),
        username: z.string(),
        customerId: z.number().int(),
        customerName: z.string(),
        expiresAt: z.string(),
        daysLeft: count,
      }),
    ),
    routersOffline: count,
    syncFailures: count,
  }),
  /** Daily collected over the last 30 days, for the trend sparkline. */
  trend: z.array(z.object({ date: z.string(), collected: money })),
});
export type Dashboard = z.output<typeof dashboard>;

export const REPORT_NAMES = ['financial', 'aging', 'customers', 'forecast', 'bandwidth'] as const;

export const reportsContract = {
  'billing.dashboard': procedure({
    permission: 'dashboard.read',
    input: z.object({ brandId }).strict().default({}),
    output: dashboard,
  }),
  'reports.financial': procedure({
    permission: 'reports.read',
    input: rangeInput({ groupBy: groupBy.default('month'), brandId }),
    output: financialReport,
  }),
  'reports.aging': procedure({
    permission: 'reports.read',
    input: z.object({ asOf: isoDate.optional(), brandId }).strict().default({}),
    output: agingReport,
  }),
  'reports.customers': procedure({
    permission: 'reports.read',
    input: rangeInput({ brandId }),
    output: customersReport,
  }),
  'reports.forecast': procedure({
    permission: 'reports.read',
    input: z
      .object({ months: z.number().int().min(1).max(12).default(3), brandId })
      .strict()
      .default({ months: 3 }),
    output: forecastReport,
  }),
  'reports.bandwidth': procedure({
    permission: 'reports.read',
    input: rangeInput({ groupBy: groupBy.default('day'), brandId }),
    output: bandwidthReport,
  }),
  'reports.export': procedure({
    permission: 'reports.export',
    // params: the report's own input, brandId included (checked with the report's schema).
    input: z
      .object({
        report: z.enum(REPORT_NAMES, { error: `Report must be one of ${REPORT_NAMES.join(', ')}` }),
        params: z.record(z.string(), z.unknown()).default({}),
        format: z.enum(['pdf', 'xlsx'], { error: 'Format must be pdf or xlsx' }),
        language: z.enum(['id', 'en']).optional(),
      })
      .strict(),
    output: z.object({ filename: z.string(), mime: z.string(), base64: z.string() }),
  }),
};
