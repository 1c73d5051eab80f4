import { notFound } from '../../../src-shared/result';
import type { RouterClient, RouterTarget } from '../../routeros/client';
import { routerTargetRow } from '../../data/network/routers.repository';
import type { AppContext } from '../context';
import type { ClientOptions, RouterConnector } from './connector';
import { poolConnector } from './pool-connector';

export const ROUTER_CONNECTOR = 'network.routerConnector';

export function setConnector(app: AppContext, connector: RouterConnector) {
  app.services[ROUTER_CONNECTOR] = connector;
}

/** The app's connector; the RouterOS pool is created on first use and closed with the app. */
export function connectorOf(app: AppContext): RouterConnector {
  let c = app.services[ROUTER_CONNECTOR] as RouterConnector | undefined;
  if (!c) {
    const pool = poolConnector(app);
    app.onClose(() => void pool.close());
    app.services[ROUTER_CONNECTOR] = c = pool;
  }
  return c;
}

/** Connection details of a saved router, password decrypted (stays inside the main process). */
export function routerTarget(app: AppContext, routerId: number): RouterTarget {
  const r = routerTargetRow(app.sqlite, routerId);
  if (!r) throw notFound('Router');
  return {
    host: r.host,
    port: r.port,
    tls: r.useTls === 1,
    username: r.username,
    password: r.passwordEnc ? app.secrets.decrypt(r.passwordEnc) : '',
  };
}

/** The pooled client of a saved router. `fresh` when a user is waiting for the answer. */
export async function routerClient(app: AppContext, routerId: number, opts: ClientOptions = {}): Promise<RouterClient> {
  return connectorOf(app).client(routerId, routerTarget(app, routerId), opts);
}
