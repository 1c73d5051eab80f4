/*
 * The portal shares the app's one thread with the desk. Node answers every request that is ready in one
 * pass of its event loop before anything else gets a turn, so a desk call (an IPC message, a staff HTTP
 * request) arriving while customers browse used to wait for all the portal reads that arrived with it
 * (0.3–1.5 ms of synchronous SQLite, zod and JSON each, dozens at once when customers pile up). Here portal
 * requests queue and run in turns of the loop (setImmediate): a turn runs queued requests until it has spent
 * PORTAL_TURN_MS, then whatever else is waiting runs before the next turn. So a desk call waits for at most
 * that much portal work plus the one request that crossed it, however many customers are waiting.
 */

/** Portal work per turn: small beside a payment's own time, big enough that a crowd is still served. */
export const PORTAL_TURN_MS = 1;

/** Runs `work` in a later turn of the event loop; resolves or rejects with its result. */
export type TakeTurn = <T>(work: () => Promise<T>) => Promise<T>;

export function portalTurns(budgetMs = PORTAL_TURN_MS, now = () => performance.now()): TakeTurn {
  const queue: (() => void)[] = [];
  let scheduled = false;
  const schedule = () => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(turn);
  };
  function turn() {
    scheduled = false;
    const start = now();
    do queue.shift()!();
    while (queue.length > 0 && now() - start < budgetMs);
    // setImmediate called from inside an immediate runs in the next turn, after what arrived meanwhile.
    schedule();
  }
  return (work) =>
    new Promise((resolve, reject) => {
      queue.push(() => {
        // The synchronous part of the request (session, handler) runs in this turn; a request that then waits
        // for something else (a password hash on the thread pool) does not hold the queue.
        try {
          work().then(resolve, reject);
        } catch (err) {
          reject(err);
        }
      });
      schedule();
    });
}
