import { z } from 'zod';
import { isoDate } from '../dates';
import { id, listOf, page, pageSize, procedure, timestamp } from './define';
import { invoice } from './invoices';

/* Billing automation (renew/expire, isolate/restore), its log, and the overdue/expiring alerts. */

export const AUTOMATION_ACTIONS = [
  'isolate',
  'restore',
  'expire',
  'renew',
  'subscription.expire',
  'invoice.run',
  'error',
] as const;

export const automationEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  accountId: z.number().int().nullable(),
  pppoeUsername: z.string().nullable(),
  invoiceId: z.number().int().nullable(),
  invoiceNumber: z.string().nullable(),
  detail: z.string().nullable(),
  result: z.string(),
});

export const automationResult = z.object({
  ranAt: timestamp,
  today: z.string(),
  isolated: z.number().int(),
  restored: z.number().int(),
  expired: z.number().int(),
  renewed: z.number().int(),
  subscriptionsExpired: z.number().int(),
  /** Invoice runs done by catch-up in this tick (scheduler only; 0 from the button). */
  invoiceRuns: z.array(z.object({ period: z.string(), created: z.number().int() })),
  errors: z.array(z.string()),
});

export const automationContract = {
  'billing.runAutomation': procedure({
    permission: 'billing.run',
    mutates: 'automation',
    input: z.object({}).strict().default({}),
    output: automationResult,
  }),
  'automation.log': procedure({
    permission: 'invoices.read',
    input: z
      .object({
        action: z.string().max(40).optional(),
        customerId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        page,
        pageSize,
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(automationEntry),
  }),
  'billing.alerts': procedure({
    permission: 'dashboard.read',
    input: z
      .object({ limit: z.number().int().min(1).max(500).default(100) })
      .strict()
      .default({ limit: 100 }),
    output: z.object({
      today: z.string(),
      overdueCount: z.number().int(),
      overdueAmount: z.number().int(),
      overdue: z.array(invoice.extend({ daysOverdue: z.number().int(), isolationDue: z.boolean() })),
      expiringCount: z.number().int(),
      expiring: z.array(
        z.object({
          accountId: z.number().int(),
          username: z.string(),
          customerId: z.number().int(),
          customerCode: z.string(),
          customerName: z.string(),
          expiresAt: z.string(),
          daysLeft: z.number().int(),
        }),
      ),
    }),
  }),
};
