import type { staffSessionsContract } from '../../../src-shared/contract/staff-sessions';
import { endMySession, endStaffSession, listStaffSessions, mySessions } from '../../core/sessions/staff-sessions';
import type { HandlersFor } from '../handler';

export const staffSessionsHandlers: HandlersFor<typeof staffSessionsContract> = {
  'staffSessions.list': (_input, call) => listStaffSessions(call),
  'staffSessions.end': ({ id }, call) => endStaffSession(call, id),
  'staffSessions.mine': (_input, call) => mySessions(call),
  'staffSessions.endMine': ({ id }, call) => endMySession(call, id),
};
