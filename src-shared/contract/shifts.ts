import { z } from 'zod';
import { isoDate } from '../dates';
import { rupiah } from '../money';
import { byId, id, listOf, optionalText, page, pageSize, procedure, timestamp } from './define';
import { ispBlock } from './isp';
import { payment, paymentMethod } from './payments';
import { refund } from './refunds';

/* Cashier shifts: opened with a float, closed with counted cash and a variance report. */

export const shift = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  userName: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  openingCash: z.number().int(),
  /** Live figures while open; frozen at close. */
  expectedCash: z.number().int(),
  countedCash: z.number().int().nullable(),
  variance: z.number().int().nullable(),
  paymentsCount: z.number().int(),
  /** Money received in the shift by all methods (live payments). */
  totalReceived: z.number().int(),
  /** Deposit refunds paid out of this drawer in cash (live); expected cash = opening + cash in − this. */
  cashRefunded: z.number().int(),
  refundsCount: z.number().int(),
  /** Resellers' top-ups taken in cash in this shift (not reversed): part of the expected cash. */
  cashTopUps: z.number().int(),
  notes: z.string().nullable(),
  status: z.enum(['open', 'closed']),
});
export type Shift = z.output<typeof shift>;

export const shiftTopUp = z.object({
  id: z.number().int(),
  resellerCode: z.string(),
  resellerName: z.string(),
  amount: z.number().int(),
  method: z.enum(['cash', 'bank_transfer']),
  referenceNumber: z.string().nullable(),
  at: timestamp,
  reversed: z.boolean(),
});

export const shiftReport = z.object({
  isp: ispBlock,
  shift,
  byMethod: z.array(z.object({ method: paymentMethod, count: z.number().int(), amount: z.number().int() })),
  openingCash: z.number().int(),
  cashReceived: z.number().int(),
  cashRefunded: z.number().int(),
  cashTopUps: z.number().int(),
  expectedCash: z.number().int(),
  countedCash: z.number().int().nullable(),
  variance: z.number().int().nullable(),
  payments: z.array(payment),
  voidedPayments: z.array(payment),
  /** Deposit refunds made in the shift (every method), voided ones included with their status. */
  refunds: z.array(refund),
  /** Resellers' top-ups taken in the shift (every method; a reversed one has `reversed`). */
  topUps: z.array(shiftTopUp),
  generatedAt: timestamp,
});

export const shiftsContract = {
  'shifts.open': procedure({
    permission: 'shifts.use',
    mutates: 'shifts',
    input: z.object({ openingCash: rupiah, notes: optionalText(500, 'Notes') }).strict(),
    output: shift,
  }),
  'shifts.close': procedure({
    permission: 'shifts.use',
    mutates: 'shifts',
    input: z
      .object({
        /** Defaults to the caller's open shift; closing someone else's needs shifts.readAll. */
        id: id.optional(),
        countedCash: rupiah,
        notes: optionalText(500, 'Notes'),
      })
      .strict(),
    output: shiftReport,
  }),
  'shifts.current': procedure({
    permission: 'shifts.use',
    input: z.object({}).strict().default({}),
    output: shift.nullable(),
  }),
  'shifts.list': procedure({
    permission: 'shifts.use',
    input: z
      .object({
        /** Other users' shifts need shifts.readAll. */
        userId: id.optional(),
        status: z.enum(['open', 'closed']).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        page,
        pageSize,
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(shift),
  }),
  'shifts.report': procedure({ permission: 'shifts.use', input: byId.strict(), output: shiftReport }),
};
