import { describe, expect, it } from 'vitest';
import { portalTurns } from '../../../src-main/host/http/portal-turns';

/*
 * Portal requests take turns with the rest of the app: a turn runs queued requests until it has spent its
 * budget, so whatever else is waiting (the desk's payment) runs after that much portal work, not after all
 * the requests that arrived together.
 */

/** A clock the requests advance: each "costs" `ms` of it. */
function fakeClock() {
  let t = 0;
  return { now: () => t, spend: (ms: number) => void (t += ms) };
}

/** Three portal requests of `costMs` each, then the desk's call arriving as its own event: the order they ran. */
async function order(budgetMs: number, costMs: number) {
  const clock = fakeClock();
  const takeTurn = portalTurns(budgetMs, clock.now);
  const ran: string[] = [];
  const requests = [1, 2, 3].map((n) =>
    takeTurn(async () => {
      clock.spend(costMs);
      ran.push(`portal ${n}`);
    }),
  );
  const desk = new Promise<void>((done) => setImmediate(() => done(void ran.push('desk'))));
  await Promise.all([...requests, desk]);
  return ran;
}

describe('portal turns', () => {
  it('lets an event that arrived behind three portal requests run once a turn has spent its budget', async () => {
    expect(await order(1, 0.6)).toEqual(['portal 1', 'portal 2', 'desk', 'portal 3']);
    expect(await order(1, 1.5)).toEqual(['portal 1', 'desk', 'portal 2', 'portal 3']);
    expect(await order(0, 0.1)).toEqual(['portal 1', 'desk', 'portal 2', 'portal 3']);
  });

  it('serves a crowd of cheap requests in one turn', async () => {
    expect(await order(1, 0.1)).toEqual(['portal 1', 'portal 2', 'portal 3', 'desk']);
  });

  it('answers each request with its own result or error, a synchronous throw included', async () => {
    const takeTurn = portalTurns(0);
    const a = takeTurn(async () => 'a');
    const b = takeTurn(async () => {
      throw new Error('b failed');
    });
    const c = takeTurn((() => {
      throw new Error('c threw');
    }) as () => Promise<never>);
    const d = takeTurn(() => Promise.resolve(4));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b failed');
    await expect(c).rejects.toThrow('c threw');
    await expect(d).resolves.toBe(4);
  });

  it('does not hold the queue while a request waits for something else (a password hash)', async () => {
    const takeTurn = portalTurns(0);
    let release!: () => void;
    const hashed = new Promise<void>((done) => (release = done));
    const ran: string[] = [];
    const login = takeTurn(async () => {
      ran.push('login starts');
      await hashed;
      ran.push('login ends');
    });
    await takeTurn(async () => void ran.push('read'));
    expect(ran).toEqual(['login starts', 'read']);
    release();
    await login;
    expect(ran).toEqual(['login starts', 'read', 'login ends']);
  });
});
