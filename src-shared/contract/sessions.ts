import { z } from 'zod';
import { id, procedure, timestamp } from './define';

export const activeSession = z.object({
  routerId: z.number().int(),
  sessionId: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  callerId: z.string().nullable(),
  uptime: z.string().nullable(),
  service: z.string().nullable(),
  accountId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  customerCode: z.string().nullable(),
});
export type ActiveSession = z.output<typeof activeSession>;

export const sessionsContract = {
  /** Routers to pick from on the sessions screen (roles that may see sessions but not manage routers). */
  'sessions.routers': procedure({
    permission: 'sessions.read',
    input: z.object({}).strict().default({}),
    output: z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string(), state: z.string() })) }),
  }),
  'sessions.list': procedure({
    permission: 'sessions.read',
    input: z.object({ routerId: id }).strict(),
    output: z.object({ routerId: z.number().int(), fetchedAt: timestamp, items: z.array(activeSession) }),
  }),
  'sessions.kick': procedure({
    permission: 'sessions.kick',
    mutates: 'sessions',
    input: z.object({ routerId: id, name: z.string().min(1).max(64) }).strict(),
    output: z.object({ kicked: z.boolean() }),
  }),
  /** One live sample of an account's rx/tx (the UI polls once a second while the chart is open). */
  'sessions.traffic': procedure({
    permission: 'sessions.read',
    input: z.object({ accountId: id }).strict(),
    output: z.object({ at: timestamp, online: z.boolean(), rxBps: z.number(), txBps: z.number() }),
  }),
  /**
   * Data used per business day (the last `days`, zeros included) and per month (the last 12), and the
   * speed over the last sample; from the usage sampler. bytesIn = downloaded by the customer.
   */
  'sessions.usage': procedure({
    permission: 'sessions.read',
    input: z
      .object({
        accountId: id,
        days: z
          .number({ error: 'Days must be a number' })
          .int('Days must be a whole number')
          .min(1, 'Days: 1 to 366')
          .max(366, 'Days: 1 to 366')
          .default(30),
      })
      .strict(),
    output: z.object({
      days: z.array(z.object({ day: z.string(), bytesIn: z.number(), bytesOut: z.number() })),
      months: z.array(z.object({ month: z.string(), bytesIn: z.number(), bytesOut: z.number() })),
      current: z.object({ at: z.string(), bpsIn: z.number(), bpsOut: z.number() }).nullable(),
    }),
  }),
};
