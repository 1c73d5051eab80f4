import { z } from 'zod';
import { id, listOf, optionalText, page, pageSize, procedure, timestamp } from './define';
import { routerState } from './routers';

export const syncOp = z.object({
  id: z.number().int(),
  routerId: z.number().int(),
  kind: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  /** Human-readable English (logs, audit): "secret budi.santoso: profile Home-10M". */
  summary: z.string(),
  /** What the operation sets, for screens to word in the user's language. */
  details: z.object({
    name: z.string(),
    profile: z.string().nullable(),
    previousName: z.string().nullable(),
    ip: z.string().nullable(),
    disabled: z.boolean(),
    rateLimit: z.string().nullable(),
    pool: z.string().nullable(),
  }),
  status: z.enum(['pending', 'failed', 'done', 'dropped']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type SyncOp = z.output<typeof syncOp>;

/** The last difference check of a router. */
export const driftSeen = z.object({
  checkedAt: timestamp,
  differences: z.number().int(),
  /** The check could not be done (an English server message, translated on screen). */
  error: z.string().nullable(),
});

export const routerSyncStatus = z.object({
  routerId: z.number().int(),
  name: z.string(),
  state: routerState,
  lastSeenAt: z.string().nullable(),
  pending: z.number().int(),
  failed: z.number().int(),
  lastError: z.string().nullable(),
  oldestPendingAt: z.string().nullable(),
  /** Set while the worker applies a batch. */
  running: z.boolean(),
  nextRetryAt: z.string().nullable(),
  /** What the worker's last attempt did (since the app started). */
  lastRun: z
    .object({
      at: timestamp,
      applied: z.number().int(),
      failed: z.number().int(),
      /** Why the router could not be reached (an English server message, translated on screen). */
      error: z.string().nullable(),
    })
    .nullable(),
  /**
   * The queue is held (after a restore: the router may hold a state the restored data does not know)
   * until the owner has looked at the differences and chose to send it (sync.retry releases it).
   */
  hold: z.object({ reason: z.enum(['restore']), since: timestamp, drift: driftSeen.nullable() }).nullable(),
});

/** The outcome of one router's "try now" attempt. */
export const retryOutcome = z.object({
  routerId: z.number().int(),
  name: z.string(),
  applied: z.number().int(),
  failed: z.number().int(),
  /** Still waiting after the attempt. */
  pending: z.number().int(),
  error: z.string().nullable(),
});
export type RetryOutcome = z.output<typeof retryOutcome>;

export const syncContract = {
  'sync.status': procedure({
    permission: 'sync.read',
    input: z.object({}).strict().default({}),
    output: z.object({ routers: z.array(routerSyncStatus) }),
  }),
  'sync.ops': procedure({
    permission: 'sync.read',
    input: z
      .object({
        routerId: id.optional(),
        status: z.enum(['pending', 'failed', 'done', 'dropped']).optional(),
        page,
        pageSize,
      })
      .strict()
      .default({ page: 1, pageSize: 25 }),
    output: listOf(syncOp),
  }),
  'sync.retry': procedure({
    permission: 'sync.write',
    mutates: 'sync',
    input: z
      .object({ ids: z.array(id).max(10_000).optional(), routerId: id.optional() })
      .strict()
      .refine((v) => v.ids !== undefined || v.routerId !== undefined, {
        message: 'Choose operations or a router',
        path: ['ids'],
      }),
    /** Answers after the fresh attempt: what it applied, or why the router could not be reached. */
    output: z.object({ retried: z.number().int(), outcomes: z.array(retryOutcome) }),
  }),
  'sync.drop': procedure({
    permission: 'sync.write',
    mutates: 'sync',
    input: z
      .object({
        ids: z.array(id).min(1, 'Choose at least one operation').max(10_000),
        reason: optionalText(500, 'Reason'),
      })
      .strict(),
    output: z.object({ dropped: z.number().int() }),
  }),
};
