import { z } from 'zod';
import { timestamp } from '../define';
import { portalProcedure } from './define';

const usageDay = z.object({ day: z.string(), bytesIn: z.number().int(), bytesOut: z.number().int() });

/**
 * The customer's data use per day, this month and last month, per PPPoE account (bytesIn = downloaded
 * by the customer, bytesOut = uploaded), from the router's usage sampling; the speed at the last sample.
 */
export const portalUsage = z.object({
  /** First day of last month … today (ISP business dates); the current month starts at `thisMonth`-01. */
  thisMonth: z.string(),
  lastMonth: z.string(),
  accounts: z.array(
    z.object({
      username: z.string(),
      days: z.array(usageDay),
      current: z.object({ at: timestamp, bpsIn: z.number().int(), bpsOut: z.number().int() }).nullable(),
    }),
  ),
});
export type PortalUsage = z.output<typeof portalUsage>;

export const portalUsageContract = {
  'portal.usage': portalProcedure({
    access: 'customer',
    input: z.object({}).strict().default({}),
    output: portalUsage,
  }),
};
