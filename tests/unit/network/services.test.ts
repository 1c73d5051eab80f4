import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { signInAs } from '../security/helpers';
import { customerAndPackage } from './net-helpers';
import { ops } from './seed';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const router = (over: Record<string, unknown> = {}) =>
  t.ok('routers.create', {
    name: 'Kantor',
    host: '192.168.88.1',
    username: 'admin',
    password: 'rahasia',
    ...over,
  } as never);

describe('routers', () => {
  it('stores the password encrypted, never returns it, and defaults the port by TLS', async () => {
    const r = await router();
    expect(r).toMatchObject({ port: 8728, hasPassword: true, isolirProfile: 'ISOLIR', state: 'unknown' });
    expect(JSON.stringify(r)).not.toContain('rahasia');
    const row = t.app.ctx.sqlite.prepare('SELECT password_enc AS enc FROM routers WHERE id = ?').get(r.id) as {
      enc: string;
    };
    expect(row.enc).not.toContain('rahasia');
    expect(t.app.ctx.secrets.decrypt(row.enc)).toBe('rahasia');
    const tls = await router({ name: 'Tower', useTls: true });
    expect(tls.port).toBe(8729);
    const audit = t.app.ctx.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'router.create'").all() as {
      after: string;
    }[];
    expect(audit.map((a) => a.after).join()).not.toContain('rahasia');
    // Update without a password keeps it; with one, replaces it.
    await t.ok('routers.update', { id: r.id, notes: 'rak atas' });
    expect(
      t.app.ctx.secrets.decrypt(
        (t.app.ctx.sqlite.prepare('SELECT password_enc AS enc FROM routers WHERE id = ?').get(r.id) as { enc: string })
          .enc,
      ),
    ).toBe('rahasia');
  });

  it.each([
    ['host', { host: 'not a host!' }],
    ['host', { host: '300.1.1.1' }],
    ['port', { port: 70000 }],
    ['port', { port: 0 }],
    ['username', { username: 'ad min' }],
    ['isolirProfile', { isolirProfile: 'isolir profile' }],
    ['password', { password: '' }],
  ])('refuses a bad %s field by name', async (path, over) => {
    const res = await t.call('routers.create', {
      name: 'X',
      host: '10.0.0.1',
      username: 'admin',
      password: 'x',
      ...over,
    } as never);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('BAD_INPUT');
      expect(res.error.issues?.map((i) => i.path)).toContain(path);
    }
    expect((t.app.ctx.sqlite.prepare('SELECT count(*) AS n FROM routers').get() as { n: number }).n).toBe(0);
  });

  it('accepts host names and refuses duplicate names', async () => {
    await router({ host: 'mikrotik.kantor.lan' });
    const dup = await t.call('routers.create', { name: 'kantor', host: '10.0.0.1', username: 'admin', password: 'x' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'name' }] } });
  });

  it('queues every active package as a profile on a new router, and package edits to every router', async () => {
    await customerAndPackage(t);
    const r = await router();
    expect(ops(t.app.ctx, r.id).map((o) => [o.kind, o.payload.name, o.payload.rateLimit])).toEqual([
      ['profile.ensure', 'ISOLIR', '256k/256k'],
      ['profile.upsert', 'Home-10M', '2M/10M'],
    ]);
    const pkg = (await t.ok('packages.list', {})).items[0]!;
    await t.ok('packages.update', { id: pkg.id, bandwidthDown: 20000 });
    const q = ops(t.app.ctx, r.id).filter((o) => o.kind === 'profile.upsert');
    expect(q.map((o) => `${o.status}:${o.payload.rateLimit}`)).toEqual(['dropped:2M/10M', 'pending:2M/20M']);
    await t.ok('packages.update', { id: pkg.id, price: 175_000 });
    expect(ops(t.app.ctx, r.id)).toHaveLength(3); // price is not on the router
  });

  it('refuses to delete a router that still has accounts', async () => {
    const r = await router();
    const { customer, pkg } = await customerAndPackage(t);
    const { account } = await t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: r.id,
    });
    expect(await t.call('routers.delete', { id: r.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await t.ok('pppoe.update', { id: account.id, routerId: null });
    await t.ok('routers.delete', { id: r.id });
    expect((await t.ok('routers.list', {})).items).toHaveLength(0);
  });
});

describe('pppoe accounts', () => {
  it('generates a readable unique username and a strong password; the queue carries no password', async () => {
    const r = await router();
    const { customer, pkg } = await customerAndPackage(t);
    const a = await t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: r.id,
      staticIp: '10.10.0.5',
    });
    expect(a.account).toMatchObject({
      username: 'budi.santoso',
      profileName: 'Home-10M',
      status: 'active',
      staticIp: '10.10.0.5',
      syncState: 'pending',
      customerCode: customer.customerCode,
    });
    expect(a.password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{10}$/);
    const b = await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id, routerId: r.id });
    expect(b.account.username).toBe('budi.santoso2');
    const upserts = ops(t.app.ctx, r.id).filter((o) => o.kind === 'secret.upsert');
    expect(upserts[0]!.payload).toEqual({
      name: 'budi.santoso',
      profile: 'Home-10M',
      remoteAddress: '10.10.0.5',
      comment: customer.customerCode,
      disabled: false,
      callerId: null,
    });
    expect(JSON.stringify(ops(t.app.ctx))).not.toContain(a.password!);
    const dup = await t.call('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      username: 'BUDI.SANTOSO',
    });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'username' }] } });
    const ipTaken = await t.call('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: r.id,
      staticIp: '10.10.0.5',
    });
    expect(ipTaken).toMatchObject({ ok: false, error: { code: 'CONFLICT', issues: [{ path: 'staticIp' }] } });
  });

  it.each([
    ['staticIp', { staticIp: '10.10.0.256' }],
    ['username', { username: 'budi santoso' }],
    ['password', { password: 'short' }],
    ['callerId', { callerId: 'zz:zz' }],
  ])('refuses a bad %s', async (path, over) => {
    const { customer, pkg } = await customerAndPackage(t);
    const res = await t.call('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id, ...over } as never);
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!res.ok) expect(res.error.issues?.map((i) => i.path)).toContain(path);
  });

  it('reveals passwords only to permitted roles, with an audit row', async () => {
    const { customer, pkg } = await customerAndPackage(t);
    const a = await t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      password: 'Rahasia-123',
    });
    expect(a.password).toBe('Rahasia-123');
    expect(await t.ok('pppoe.revealPassword', { id: a.account.id })).toEqual({ password: 'Rahasia-123' });
    const staff = await signInAs(t, 'staff');
    expect(await t.call('pppoe.revealPassword', { id: a.account.id }, staff.token)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const listed = await t.ok('pppoe.list', {}, staff.token);
    expect(JSON.stringify(listed)).not.toContain('Rahasia-123');
    const n = (
      t.app.ctx.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'pppoe.revealPassword'").get() as {
        n: number;
      }
    ).n;
    expect(n).toBe(1);
  });

  it('disable kicks, enable does not; change package follows the profile; rename keeps the old name for the router', async () => {
    const r = await router();
    const { customer, pkg } = await customerAndPackage(t);
    const { account } = await t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: r.id,
    });
    await t.ok('pppoe.disable', { id: account.id });
    let q = ops(t.app.ctx, r.id).filter((o) => o.status === 'pending' && !o.kind.startsWith('profile.'));
    expect(q.map((o) => o.kind)).toEqual(['secret.upsert', 'session.kick']);
    expect(q[0]!.payload.disabled).toBe(true);
    await t.ok('pppoe.enable', { id: account.id });
    q = ops(t.app.ctx, r.id).filter((o) => o.status === 'pending' && !o.kind.startsWith('profile.'));
    expect(q.map((o) => `${o.kind}:${String(o.payload.disabled)}`)).toEqual([
      'session.kick:undefined',
      'secret.upsert:false',
    ]);
    const fast = await t.ok('packages.create', {
      name: 'Fast 50M',
      bandwidthUp: 10000,
      bandwidthDown: 50000,
      price: 300_000,
      billingCycle: 'monthly',
    });
    const moved = await t.ok('pppoe.update', { id: account.id, internetPackageId: fast.id, username: 'budi.s' });
    expect(moved).toMatchObject({ profileName: 'Fast-50M', packageName: 'Fast 50M', username: 'budi.s' });
    const last = ops(t.app.ctx, r.id).filter((o) => o.kind === 'secret.upsert' && o.status === 'pending');
    expect(last).toHaveLength(1);
    expect(last[0]!.payload).toMatchObject({ name: 'budi.s', previousName: 'budi.santoso', profile: 'Fast-50M' });
  });

  it('delete queues a remove and a kick and drops what was still queued', async () => {
    const r = await router();
    const { customer, pkg } = await customerAndPackage(t);
    const { account } = await t.ok('pppoe.create', {
      customerId: customer.id,
      internetPackageId: pkg.id,
      routerId: r.id,
    });
    await t.ok('pppoe.delete', { id: account.id });
    const q = ops(t.app.ctx, r.id).filter((o) => !o.kind.startsWith('profile.'));
    expect(q.map((o) => `${o.kind}:${o.status}`)).toEqual([
      'secret.upsert:dropped',
      'secret.remove:pending',
      'session.kick:pending',
    ]);
    expect(await t.call('pppoe.get', { id: account.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('lists with search and filters', async () => {
    const { customer, pkg } = await customerAndPackage(t);
    const other = await t.ok('customers.create', { name: 'Siti Aminah', phone: '0812-3456-7890' });
    await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id });
    await t.ok('pppoe.create', { customerId: other.id, internetPackageId: pkg.id, status: 'inactive' });
    expect((await t.ok('pppoe.list', { search: 'siti' })).items.map((a) => a.username)).toEqual(['siti.aminah']);
    expect((await t.ok('pppoe.list', { search: '08123456' })).items.map((a) => a.username)).toEqual(['siti.aminah']);
    expect((await t.ok('pppoe.list', { status: 'active' })).total).toBe(1);
    expect((await t.ok('pppoe.suggest', { customerId: customer.id })).username).toBe('budi.santoso2');
  });
});

describe('sync queue admin', () => {
  it('retry and drop failed operations, with audit', async () => {
    const r = await router();
    const { customer, pkg } = await customerAndPackage(t);
    await t.ok('pppoe.create', { customerId: customer.id, internetPackageId: pkg.id, routerId: r.id });
    const [op] = ops(t.app.ctx, r.id).filter((o) => o.kind === 'secret.upsert');
    t.app.ctx.sqlite
      .prepare(
        "UPDATE sync_ops SET status = 'failed', last_error = 'invalid value for argument remote-address' WHERE id = ?",
      )
      .run(op!.id);
    let st = await t.ok('sync.status', {});
    expect(st.routers[0]).toMatchObject({
      name: 'Kantor',
      pending: 2,
      failed: 1,
      lastError: 'invalid value for argument remote-address',
    });
    const failed = await t.ok('sync.ops', { status: 'failed' });
    expect(failed.items[0]!.summary).toContain('secret budi.santoso');
    expect((await t.ok('pppoe.list', {})).items[0]).toMatchObject({
      syncState: 'failed',
      syncError: 'invalid value for argument remote-address',
    });
    expect(await t.ok('sync.retry', { ids: [op!.id] })).toEqual({ retried: 1, outcomes: [] }); // no sync worker in this test
    st = await t.ok('sync.status', {});
    expect(st.routers[0]).toMatchObject({ pending: 3, failed: 0 });
    expect(await t.ok('sync.drop', { ids: [op!.id], reason: 'fixed by hand on the router' })).toEqual({ dropped: 1 });
    const audit = t.app.ctx.sqlite.prepare("SELECT reason FROM audit_log WHERE action = 'sync.drop'").get() as {
      reason: string;
    };
    expect(audit.reason).toBe('fixed by hand on the router');
    const staff = await signInAs(t, 'staff');
    expect(await t.call('sync.drop', { ids: [op!.id] }, staff.token)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
