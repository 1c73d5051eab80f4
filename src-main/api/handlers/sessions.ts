import type { sessionsContract } from '../../../src-shared/contract/sessions';
import { kickSession, listSessions, trafficNow, usage } from '../../core/network/sessions';
import type { HandlersFor } from '../handler';

export const sessionsHandlers: HandlersFor<typeof sessionsContract> = {
  'sessions.routers': (_input, call) => ({
    items: call.app.sqlite
      .prepare('SELECT id, name, state FROM routers WHERE is_active = 1 ORDER BY name COLLATE NOCASE')
      .all() as { id: number; name: string; state: string }[],
  }),
  'sessions.list': ({ routerId }, call) => listSessions(call, routerId),
  'sessions.kick': ({ routerId, name }, call) => kickSession(call, routerId, name),
  'sessions.traffic': ({ accountId }, call) => trafficNow(call, accountId),
  'sessions.usage': ({ accountId, days }, call) => usage(call, accountId, days),
};
