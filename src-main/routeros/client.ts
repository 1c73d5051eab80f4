/**
 * The one interface the rest of the app uses to talk to a MikroTik router. Behind it sits our own
 * protocol implementation (connection.ts; node-routeros was rejected, see the README's RouterOS section),
 * pooled per router in pool.ts. Nothing a router sends or fails to send may crash or hang the app.
 */
export interface RouterTarget {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  password: string;
  /** Connect + login timeout. */
  connectTimeoutMs?: number;
  /** Default per-command timeout. */
  commandTimeoutMs?: number;
  /**
   * API-SSL only: PEM of the router's certificate (or its CA). Given → the certificate is verified.
   * Not given → encrypted but unauthenticated (a trusted LAN), anonymous-DH suites offered too.
   */
  tlsCa?: string;
}

/** One reply row (`!re`): attribute name → value, including `.id`. */
export type RouterRow = Record<string, string>;

export interface CommandOptions {
  /** Query words for print, e.g. `?name=budi`, `?#|`. */
  queries?: string[];
  timeoutMs?: number;
}

export type RouterErrorKind =
  | 'unreachable' // connection refused / host down / DNS
  | 'auth' // bad credentials
  | 'timeout' // no answer in time
  | 'trap' // the router refused the command (!trap); `message` is the router's text
  | 'fatal' // the router closed the session (!fatal)
  | 'closed' // the connection dropped while the command was pending
  | 'protocol'; // a reply we could not parse

export class RouterError extends Error {
  constructor(
    readonly kind: RouterErrorKind,
    message: string,
    /** RouterOS `=category=` of a !trap, when given. */
    readonly category?: string,
  ) {
    super(message);
    this.name = 'RouterError';
  }
}

export interface RouterClient {
  /**
   * Runs one API command (`/ppp/secret/print`, `/ppp/secret/add`...) with `=name=value` attributes.
   * Resolves with the `!re` rows (empty for `!empty` or no rows); for `add`, the new `.id` comes back
   * as a single row `{ ret: '*1A' }`. Rejects with RouterError. Concurrent calls are tagged and pipelined.
   */
  run(
    command: string,
    attrs?: Record<string, string | number | boolean | undefined>,
    opts?: CommandOptions,
  ): Promise<RouterRow[]>;
  readonly connected: boolean;
  close(): Promise<void>;
}
