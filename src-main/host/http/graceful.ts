import type http from 'node:http';

/** Requests that never end by themselves (the event stream) are not waited for on shutdown. */
const LONG_LIVED = (req: http.IncomingMessage) => req.url?.startsWith('/api/events') ?? false;

export interface Drain {
  /** True once close() began: new requests are refused with 503 so a seat retries elsewhere/later. */
  readonly draining: boolean;
  /** Requests being answered right now (event streams excluded). */
  readonly inflight: number;
  /**
   * Stops accepting connections, lets the requests in flight finish (at most `graceMs`), then closes
   * every connection (event streams included) and resolves once the server is closed.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Graceful close for the staff host: counts the requests in flight (a 'request' listener beside the
 * host's own) so SIGTERM waits for a payment being written instead of cutting its answer off.
 */
export function drainable(server: http.Server): Drain {
  let inflight = 0;
  let draining = false;
  let wake: (() => void) | null = null;
  // Before the host's own handler, so the header is set before any answer is written.
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    // While draining, answers ask the client to reconnect (after restart) instead of keeping this socket.
    if (draining) res.setHeader('Connection', 'close');
    if (LONG_LIVED(req)) return;
    inflight++;
    res.once('close', () => {
      inflight--;
      if (inflight === 0) wake?.();
    });
  });
  return {
    get draining() {
      return draining;
    },
    get inflight() {
      return inflight;
    },
    async close(graceMs = 10_000) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inflight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          timer.unref();
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
