/**
 * How the sync worker records a batch's outcomes (core/network/drain.ts, set-based per batch): each
 * operation exactly as the router answered it, and nothing for an operation whose answer never came.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../src-main/core/network/engine';
import type { SimCommandEvent } from '../../routeros-sim/simulator';
import { customerAndPackage, manualTimers, netTest, type NetTest } from './net-helpers';

let n: NetTest;
beforeEach(async () => {
  n = await netTest();
});
afterEach(async () => {
  await n.close();
});

async function accounts(names: string[]) {
  const { pkg } = await customerAndPackage(n.t, 'Pelanggan Awal');
  const out: { id: number; username: string }[] = [];
  for (const name of names) {
    const c = await n.t.ok('customers.create', { name });
    const { account } = await n.t.ok('pppoe.create', {
      customerId: c.id,
      internetPackageId: pkg.id,
      routerId: n.routerId,
      password: `Rahasia-${name.length}x`,
    });
    out.push({ id: account.id, username: account.username });
  }
  return out;
}

interface OpState {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

const opsOf = (accountId: number) =>
  n.t.app.ctx.sqlite
    .prepare(
      `SELECT id, kind, status, attempts, last_error AS lastError, next_attempt_at AS nextAttemptAt
       FROM sync_ops WHERE entity = 'pppoe' AND entity_id = ? ORDER BY id`,
    )
    .all(accountId) as OpState[];

const secretIdOf = (accountId: number) =>
  (
    n.t.app.ctx.sqlite.prepare('SELECT router_secret_id AS s FROM pppoe_accounts WHERE id = ?').get(accountId) as {
      s: string | null;
    }
  ).s;

describe('sync outcomes of one batch', () => {
  it('records each operation of a mixed batch exactly: done, refused, retried later, superseded in flight', async () => {
    const [ok, refused, busy, moved] = await accounts(['Ani', 'Budi', 'Cici', 'Dodi']);
    n.sim.inject((cmd, a) => cmd === '/ppp/secret/add' && a.name === refused!.username, {
      kind: 'trap',
      message: 'invalid value for argument caller-id',
    });
    n.sim.inject(
      (cmd, a) => cmd === '/ppp/secret/add' && a.name === busy!.username,
      { kind: 'trap', message: 'router busy, try again later' },
      1,
    );
    // The router holds Dodi's add until the app has superseded that operation by a newer change.
    let open!: () => void;
    n.sim.inject(
      (cmd, a) => cmd === '/ppp/secret/add' && a.name === moved!.username,
      {
        kind: 'gate',
        open: new Promise<void>((r) => (open = r)),
      },
      1,
    );
    const held = new Promise<void>((r) =>
      n.sim.on(
        'command',
        (e: SimCommandEvent) => e.command === '/ppp/secret/add' && e.attrs.name === moved!.username && r(),
      ),
    );
    const [firstOfMoved] = opsOf(moved!.id);

    const run = n.engine.runOnce(n.routerId);
    await held;
    await n.t.ok('pppoe.disable', { id: moved!.id });
    open();
    const r = await run;

    expect(r).toMatchObject({ failed: 1, connectionError: null });
    const secret = (name: string) => n.sim.secret(name)!['.id'];
    expect(opsOf(ok!.id)).toMatchObject([{ kind: 'secret.upsert', status: 'done', attempts: 1, lastError: null }]);
    expect(secretIdOf(ok!.id)).toBe(secret(ok!.username));

    expect(opsOf(refused!.id)).toMatchObject([
      { status: 'failed', attempts: 1, lastError: 'The router refused: invalid value for argument caller-id' },
    ]);
    expect(secretIdOf(refused!.id)).toBeNull();

    const [later] = opsOf(busy!.id);
    expect(later).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'The router refused: router busy, try again later',
    });
    expect(later!.nextAttemptAt).toBe(new Date(n.t.clock.now().getTime() + 1000).toISOString());
    expect(secretIdOf(busy!.id)).toBeNull();

    // The router confirmed the superseded add, but a dropped operation stays dropped; its successor is done.
    const movedOps = opsOf(moved!.id);
    expect(movedOps[0]).toMatchObject({ id: firstOfMoved!.id, status: 'dropped', attempts: 0 });
    expect(movedOps.slice(1).map((o) => [o.kind, o.status])).toEqual([
      ['secret.upsert', 'done'],
      ['session.kick', 'done'],
    ]);
    expect(n.sim.secret(moved!.username)!.disabled).toBe('true');
    expect(secretIdOf(moved!.id)).toBe(secret(moved!.username));
  });

  it('an add the router ran but whose answer never came stays pending, and the next run applies it once', async () => {
    const [a, b, c] = await accounts(['Eka', 'Fani', 'Gita']);
    // One operation at a time, so the order of answers is certain.
    const engine = new SyncEngine(n.t.app.ctx, { timers: manualTimers(), concurrency: 1 });
    n.sim.inject((cmd, x) => cmd === '/ppp/secret/add' && x.name === b!.username, { kind: 'dropMidReply' }, 1);
    const r = await engine.runOnce(n.routerId);
    expect(r.connectionError).toBeTruthy();

    expect(opsOf(a!.id)).toMatchObject([{ status: 'done', attempts: 1 }]);
    expect(secretIdOf(a!.id)).toBe(n.sim.secret(a!.username)!['.id']);
    // On the router, but not confirmed: not done, not counted as an attempt, not recorded as the app's.
    expect(n.sim.secret(b!.username)).toBeDefined();
    expect(opsOf(b!.id)).toMatchObject([{ status: 'pending', attempts: 0, lastError: null }]);
    expect(secretIdOf(b!.id)).toBeNull();
    expect(opsOf(c!.id)).toMatchObject([{ status: 'pending', attempts: 0 }]);

    const adds: string[] = [];
    n.sim.on('command', (e: SimCommandEvent) => e.command === '/ppp/secret/add' && adds.push(e.attrs.name!));
    const again = await engine.runOnce(n.routerId);
    expect(again).toMatchObject({ applied: 2, failed: 0, connectionError: null });
    // b is updated in place (the app's own secret by its comment), c added: one secret each.
    expect(adds).toEqual([c!.username]);
    expect(n.sim.secrets().filter((s) => s.name === b!.username)).toHaveLength(1);
    expect(opsOf(b!.id)).toMatchObject([{ status: 'done', attempts: 1 }]);
    expect(secretIdOf(b!.id)).toBe(n.sim.secret(b!.username)!['.id']);
    await engine.stop();
  });
  it('a change made while the run connects wins: the batch read before it is superseded, not recorded as done', async () => {
    const [a] = await accounts(['Hana']);
    const [first] = opsOf(a!.id);
    // The run reads its first batch and then connects; the change lands while the login is on the wire.
    let changed: Promise<unknown> | undefined;
    n.sim.on('command', (e: SimCommandEvent) => {
      if (e.command === '/login' && !changed) changed = n.t.ok('pppoe.disable', { id: a!.id });
    });
    n.engine.stop(); // a fresh pool connection for the run below, so it logs in
    const engine = new SyncEngine(n.t.app.ctx, { timers: manualTimers() });
    const { connectorOf } = await import('../../../src-main/core/network/router-access');
    connectorOf(n.t.app.ctx).release(n.routerId);
    const r = await engine.runOnce(n.routerId);
    await changed;
    await engine.runOnce(n.routerId);
    expect(changed).toBeDefined();
    expect(r.connectionError).toBeNull();
    const ops = opsOf(a!.id);
    expect(ops[0]).toMatchObject({ id: first!.id, status: 'dropped' });
    expect(ops.slice(1).map((o) => [o.kind, o.status])).toEqual([
      ['secret.upsert', 'done'],
      ['session.kick', 'done'],
    ]);
    expect(n.sim.secret(a!.username)!.disabled).toBe('true');
    await engine.stop();
  });
});
