import type { sessionsContract } from '../../../src-shared/contract/sessions';
import { activeRoutersByName } from '../../data/online-sessions.queries';
import { kickSession, listSessions, trafficNow } from '../../core/network/sessions';
import { accountUsage } from '../../core/network/usage';
import type { HandlersFor } from '../handler';

export const sessionsHandlers: HandlersFor<typeof sessionsContract> = {
  'sessions.routers': (_input, call) => ({ items: activeRoutersByName(call.app.sqlite) }),
  'sessions.list': ({ routerId }, call) => listSessions(call, routerId),
  'sessions.kick': ({ routerId, name }, call) => kickSession(call, routerId, name),
  'sessions.traffic': ({ accountId }, call) => trafficNow(call, accountId),
  'sessions.usage': ({ accountId, days }, call) => accountUsage(call.app, accountId, days),
};
