import crypto from 'node:crypto';
import type { StaffSession } from '../../../src-shared/contract/staff-sessions';
import { AppError, notFound } from '../../../src-shared/result';
import {
  endedSessionOf,
  endSessionBy,
  findActiveSession,
  listActiveSessions,
  listUserActiveSessions,
  type ActiveSessionRow,
} from '../../data/sessions.repository';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';

/*
 * Issue 17: every staff session shows where it comes from (recorded at sign-in, see origin.ts) and can be
 * ended at once, by an Admin for anyone or by a user for their own other sessions. Ending sets revoked_at:
 * resolveSession refuses the token from the next call on, and the event stream closes at the next event.
 */

const toSession = (row: ActiveSessionRow, currentId: number | undefined): StaffSession => ({
  ...row,
  current: row.id === currentId,
});

const nowIso = (app: AppContext) => app.clock.now().toISOString();

export function listStaffSessions(call: CallContext): { items: StaffSession[] } {
  const rows = listActiveSessions(call.app.sqlite, nowIso(call.app));
  return { items: rows.map((r) => toSession(r, call.session?.sessionId)) };
}

export function mySessions(call: CallContext): { items: StaffSession[] } {
  const s = call.session!;
  const rows = listUserActiveSessions(call.app.sqlite, s.userId, nowIso(call.app));
  return { items: rows.map((r) => toSession(r, s.sessionId)) };
}

function end(call: CallContext, id: number, ownOnly: boolean): { ok: boolean } {
  const { app } = call;
  const s = call.session!;
  return app.sqlite.transaction(() => {
    const at = nowIso(app);
    const row = findActiveSession(app.sqlite, id, at);
    // Another user's session is "not found" to a user ending their own: no ids of others leak.
    if (!row || (ownOnly && row.userId !== s.userId)) throw notFound('Session');
    if (row.id === s.sessionId) throw new AppError('BAD_INPUT', 'This is your current session: sign out instead');
    endSessionBy(app.sqlite, id, at, s.userId);
    writeAudit(call, {
      action: 'user.end_session',
      entity: 'user',
      entityId: row.userId,
      before: { sessionId: row.id, source: row.source, device: row.device, seat: row.seat, lastSeenAt: row.lastSeenAt },
    });
    return { ok: true };
  })();
}

/** An Admin ends any session but their current one. */
export const endStaffSession = (call: CallContext, id: number) => end(call, id, false);

/** A user ends another of their own sessions. */
export const endMySession = (call: CallContext, id: number) => end(call, id, true);

/**
 * The message a refused call gets when its session was ended from the sessions list, so the screen
 * can say why it is back at sign-in (undefined: expired or signed out, the usual message stands).
 */
export function endedSessionMessage(app: AppContext, token: string | undefined): string | undefined {
  if (!token) return undefined;
  const hash = crypto.createHash('sha256').update(token).digest('hex');
  const ended = endedSessionOf(app.sqlite, hash);
  if (!ended) return undefined;
  return ended.endedBy === ended.userId
    ? 'This session was ended from another of your sessions: please sign in again'
    : 'This session was ended by an Admin: please sign in again';
}
