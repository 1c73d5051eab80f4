import { z } from 'zod';
import { ROLES } from '../permissions';
import { byId, procedure, timestamp } from './define';

/** A live staff session and where it comes from (issue 17: seats on the office network, phones, the API). */
export const staffSession = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  createdAt: timestamp,
  lastSeenAt: timestamp,
  expiresAt: timestamp,
  /** `desktop` or the peer address. */
  source: z.string().nullable(),
  /** A short label from the User-Agent: "Chrome · Android". */
  device: z.string().nullable(),
  seat: z.enum(['this_pc', 'office', 'phone', 'api']).nullable(),
  /** The session making this call. */
  current: z.boolean(),
});
export type StaffSession = z.output<typeof staffSession>;

const sessionList = z.object({ items: z.array(staffSession) });
const ended = z.object({ ok: z.boolean() });

export const staffSessionsContract = {
  /** Every live session of every user (Admin). */
  'staffSessions.list': procedure({
    permission: 'users.manage',
    input: z.object({}).strict().default({}),
    output: sessionList,
  }),
  /** Ends any session at once: its next call is refused and its screen returns to sign-in. */
  'staffSessions.end': procedure({ permission: 'users.manage', mutates: 'users', input: byId.strict(), output: ended }),
  /** The caller's own live sessions. */
  'staffSessions.mine': procedure({
    permission: 'authenticated',
    input: z.object({}).strict().default({}),
    output: sessionList,
  }),
  /** Ends another of the caller's own sessions (not this one: that is signing out). */
  'staffSessions.endMine': procedure({
    permission: 'authenticated',
    mutates: 'users',
    input: byId.strict(),
    output: ended,
  }),
};
