import { z } from 'zod';
import { id, procedure } from './define';

/** One object of the isolir router setup and what applying/removing does to it. */
export const isolirChange = z.object({
  menu: z.enum(['/ip/pool', '/ppp/profile', '/ip/firewall/nat', '/ip/firewall/filter']),
  /** Our name for it; the router comment is `pppoe-desk:isolir:<key>`. */
  key: z.string(),
  action: z.enum(['add', 'set', 'remove', 'keep']),
  /** The router's `.id` (null for an add). */
  id: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string() })),
  /** For an added rule: the rule it goes before (null = end of the list). */
  placeBefore: z.string().nullable(),
  placeBeforeLabel: z.string().nullable(),
});
export type IsolirChange = z.infer<typeof isolirChange>;

export const isolirPlan = z.object({
  mode: z.enum(['apply', 'remove']),
  changes: z.array(isolirChange),
  /** Why it cannot be carried out (missing settings, names taken by the operator's own objects). */
  problems: z.array(z.string()),
  /** Changes that are not `keep`: 0 = the router already matches. */
  pending: z.number().int(),
  /** Pass back to apply/remove: refused when the router changed since the preview. */
  fingerprint: z.string(),
});
export type IsolirPlan = z.infer<typeof isolirPlan>;

const mode = z.enum(['apply', 'remove'], { error: 'Mode is apply or remove' });

export const isolirRouterContract = {
  /** Dry run: what applying (or removing) the isolir setup would change on this router. */
  'routers.isolirPreview': procedure({
    permission: 'routers.write',
    input: z.object({ routerId: id, mode }).strict(),
    output: isolirPlan,
  }),
  /** Carries out the previewed plan; refused when the router changed since (preview again). */
  'routers.isolirRun': procedure({
    permission: 'routers.write',
    mutates: 'routers',
    input: z.object({ routerId: id, mode, fingerprint: z.string().regex(/^[0-9a-f]{16}$/, 'Preview first') }).strict(),
    output: z.object({ done: z.array(isolirChange) }),
  }),
};
