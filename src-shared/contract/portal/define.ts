import type { z } from 'zod';

/**
 * A channel of the customer portal. Its own realm: `customer` channels need a portal session (a
 * customer's cookie), never a staff token; `public` ones (sign-in) need none. The staff table
 * (contract/index.ts) and this one share no channel, and each host dispatches only its own.
 */
export interface PortalProcedure<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: 'public' | 'customer';
}

export const portalProcedure = <I extends z.ZodType, O extends z.ZodType>(p: PortalProcedure<I, O>) => p;
