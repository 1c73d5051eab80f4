import type { RouterClient, RouterTarget } from '../../routeros/client';

/**
 * How the network services reach routers. The production implementation wraps the RouterOS adapter's
 * connection pool (one persistent connection per router, pool-connector.ts); tests swap in a fake or
 * point at the simulator (router-access.ts: setConnector).
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
