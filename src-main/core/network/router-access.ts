import { AppError, notFound } from '../../../src-shared/result';
import { RouterError, type RouterClient, type RouterTarget } from '../../routeros/client';
import type { AppContext } from '../context';
import { poolConnector } from './pool-connector';

/**
 * How the network services reach routers. The production implementation wraps the RouterOS adapter's
 * connection pool (one persistent connection per router); tests swap in a fake or point at the simulator.
 */
/** How fresh the connection must be (see RouterPool's ConnectOptions). */
export interface ClientOptions {
  /** A user is waiting (opened a screen, pressed a button): try now, never answer with a cached failure. */
  fresh?: boolean;
  /** The token retry() returned: the answer comes from that retry's attempt (or a later one). */
  freshSince?: number;
}

export interface RouterConnector {
  /** The router's persistent (pooled) connection, connected and logged in. */
  client(routerId: number, target: RouterTarget, opts?: ClientOptions): Promise<RouterClient>;
  /**
   * A user's "try now": starts a fresh connection attempt at once, whatever the backoff, replacing an
   * automatic attempt still in flight. Returns the token for `client(…, { freshSince })`.
   */
  retry(routerId: number, target: RouterTarget): number;
  /** A one-off connection the caller closes (the Test button before a router is saved). */
  connect(target: RouterTarget): Promise<RouterClient>;
  /** Drops the pooled connection (router edited or deleted). */
  release(routerId: number): void;
}

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

interface TargetRow {
  host: string;
  port: number;
  useTls: number;
  username: string;
  passwordEnc: string | null;
}

/** Connection details of a saved router, password decrypted (stays inside the main process). */
export function routerTarget(app: AppContext, routerId: number): RouterTarget {
  const r = app.sqlite
    .prepare('SELECT host, port, use_tls AS useTls, username, password_enc AS passwordEnc FROM routers WHERE id = ?')
    .get(routerId) as TargetRow | undefined;
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

/** A RouterError as a user-facing AppError (router calls made directly from a channel). */
export function routerFailure(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof RouterError) {
    if (err.kind === 'trap') return new AppError('CONFLICT', `The router refused: ${err.message}`);
    return new AppError('ROUTER_UNREACHABLE', describeRouterError(err));
  }
  return new AppError('ROUTER_UNREACHABLE', `Router error: ${err instanceof Error ? err.message : String(err)}`);
}

export function describeRouterError(err: unknown): string {
  if (!(err instanceof RouterError)) return err instanceof Error ? err.message : String(err);
  switch (err.kind) {
    case 'unreachable':
      return `Router unreachable: ${err.message}`;
    case 'auth':
      return `Login refused (wrong user name or password): ${err.message}`;
    case 'timeout':
      return `The router did not answer in time: ${err.message}`;
    case 'closed':
    case 'fatal':
      return `The router closed the connection: ${err.message}`;
    case 'trap':
      return err.message;
    default:
      return `Unexpected reply from the router: ${err.message}`;
  }
}
