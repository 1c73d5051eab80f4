import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src-main/core/context';
import { expireAccount, isolateAccount, restoreAccount } from '../../../src-main/core/network/isolir';
import { testApp, type TestApp } from '../../helpers/app';
import { ops, seedAccount, seedCustomer, seedPackage, seedRouter } from './seed';

let t: TestApp;
let call: CallContext;
let acc: number;
let routerId: number;
beforeEach(async () => {
  t = await testApp();
  call = { app: t.app.ctx, session: null, transport: 'internal' };
  routerId = seedRouter(t.app.ctx, 'Kantor', 'ISOLIR-LOW');
  const c = seedCustomer(t.app.ctx, 'CUST0001', 'Budi Santoso');
  const p = seedPackage(t.app.ctx);
  acc = seedAccount(t.app.ctx, {
    customerId: c,
    packageId: p,
    routerId,
    username: 'budi.santoso',
    staticIp: '10.10.0.5',
  });
});
afterEach(() => t.close());

const account = () =>
  t.app.ctx.sqlite
    .prepare(
      'SELECT status, profile_name AS profileName, isolated_from_profile AS isolatedFrom, isolated_at AS isolatedAt FROM pppoe_accounts WHERE id = ?',
    )
    .get(acc) as { status: string; profileName: string; isolatedFrom: string | null; isolatedAt: string | null };
const inTx = (fn: () => void) => t.app.ctx.sqlite.transaction(fn)();

describe('isolir helpers', () => {
  it('profile mode: remembers the profile, queues the isolir profile with the static IP kept, and a kick', () => {
    inTx(() => isolateAccount(call, acc, 'profile'));
    expect(account()).toMatchObject({ status: 'suspended', profileName: 'home-10m', isolatedFrom: 'home-10m' });
    expect(account().isolatedAt).not.toBeNull();
    const q = ops(t.app.ctx, routerId);
    expect(q.map((o) => o.kind)).toEqual(['secret.upsert', 'session.kick']);
    expect(q[0]!.payload).toMatchObject({
      name: 'budi.santoso',
      profile: 'ISOLIR-LOW',
      remoteAddress: '10.10.0.5',
      disabled: false,
      comment: 'CUST0001',
    });
    expect(q[1]!.payload).toEqual({ name: 'budi.santoso' });
  });

  it('is idempotent: isolating twice queues nothing more and writes one audit row', () => {
    inTx(() => isolateAccount(call, acc, 'profile'));
    inTx(() => isolateAccount(call, acc, 'profile'));
    expect(ops(t.app.ctx)).toHaveLength(2);
    const audits = t.app.ctx.sqlite
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'pppoe.isolate'")
      .get() as { n: number };
    expect(audits.n).toBe(1);
  });

  it('disable mode disables the secret and kicks', () => {
    inTx(() => isolateAccount(call, acc, 'disable'));
    expect(account()).toMatchObject({ status: 'suspended', isolatedFrom: null });
    const q = ops(t.app.ctx);
    expect(q[0]!.payload).toMatchObject({ profile: 'home-10m', disabled: true });
    expect(q[1]!.kind).toBe('session.kick');
  });

  it('restore puts the original profile back, supersedes the queued isolation and kicks again', () => {
    inTx(() => isolateAccount(call, acc, 'profile'));
    inTx(() => restoreAccount(call, acc));
    expect(account()).toMatchObject({
      status: 'active',
      profileName: 'home-10m',
      isolatedFrom: null,
      isolatedAt: null,
    });
    const q = ops(t.app.ctx);
    expect(q.map((o) => `${o.kind}:${o.status}`)).toEqual([
      'secret.upsert:dropped',
      'session.kick:pending',
      'secret.upsert:pending',
      'session.kick:pending',
    ]);
    expect(q[2]!.payload).toMatchObject({ profile: 'home-10m', disabled: false });
    inTx(() => restoreAccount(call, acc));
    expect(ops(t.app.ctx)).toHaveLength(4);
  });

  it('restore after disable mode enables the secret', () => {
    inTx(() => isolateAccount(call, acc, 'disable'));
    inTx(() => restoreAccount(call, acc));
    expect(ops(t.app.ctx).at(-2)!.payload).toMatchObject({ disabled: false, profile: 'home-10m' });
  });

  it('expire disables and kicks; a rolled-back caller transaction leaves nothing behind', () => {
    expect(() =>
      inTx(() => {
        expireAccount(call, acc);
        throw new Error('billing failed later in the same transaction');
      }),
    ).toThrow();
    expect(account().status).toBe('active');
    expect(ops(t.app.ctx)).toHaveLength(0);
    inTx(() => expireAccount(call, acc));
    expect(account().status).toBe('expired');
    expect(ops(t.app.ctx)[0]!.payload).toMatchObject({ disabled: true });
    expect(() => inTx(() => isolateAccount(call, acc, 'profile'))).toThrow(/expired/);
  });

  it('restore leaves accounts that are not isolated alone', () => {
    t.app.ctx.sqlite.prepare("UPDATE pppoe_accounts SET status = 'inactive' WHERE id = ?").run(acc);
    inTx(() => restoreAccount(call, acc));
    expect(account().status).toBe('inactive');
    expect(ops(t.app.ctx)).toHaveLength(0);
  });

  it('an account without a router changes status only', () => {
    t.app.ctx.sqlite.prepare('UPDATE pppoe_accounts SET router_id = NULL WHERE id = ?').run(acc);
    inTx(() => isolateAccount(call, acc, 'profile'));
    expect(account().status).toBe('suspended');
    expect(ops(t.app.ctx)).toHaveLength(0);
  });
});
