import { z } from 'zod';
import { procedure } from './define';

/** Active PPPoE accounts that no subscription bills (the dashboard alert) and the fix. */
export const unbilledContract = {
  /** Active accounts of billable customers that no active subscription bills: the dashboard alert. */
  'subscriptions.unbilled': procedure({
    permission: 'subscriptions.read',
    input: z
      .object({ limit: z.number().int().min(1).max(500).default(20) })
      .strict()
      .default({ limit: 20 }),
    output: z.object({
      count: z.number().int(),
      items: z.array(
        z.object({
          accountId: z.number().int(),
          username: z.string(),
          customerId: z.number().int(),
          customerCode: z.string(),
          customerName: z.string(),
          packageName: z.string(),
          price: z.number().int(),
          createdAt: z.string(),
        }),
      ),
    }),
  }),
  /** The alert's fix: a subscription (from today, Settings' terms) for each unbilled account, audited. */
  'subscriptions.billUnbilled': procedure({
    permission: 'subscriptions.write',
    mutates: 'subscriptions',
    input: z.object({}).strict().default({}),
    output: z.object({ created: z.number().int(), linked: z.number().int() }),
  }),
};
