/**
 * A reseller adds a customer with a PPPoE account from their phone: the office's own services and rules
 * (the same errors, word for word), the customer theirs at once, the account on their router through the
 * sync queue and billed, every row audited under the reseller's sign-in; only when the office allows it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { ops } from '../network/seed';
import { auditRows, seedSellingReseller } from './fixtures';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedSellingReseller>>;
beforeEach(async () => {
  t = await testApp();
  s = await seedSellingReseller(t, { customers: 1 });
});
afterEach(() => t.close());

const count = (table: string) =>
  (t.app.ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const written = () => [count('customers'), count('pppoe_accounts'), count('subscriptions'), count('audit_log')];

describe('a reseller adds a customer and a PPPoE account', () => {
  it('makes them theirs, queues the account to their router, bills it, and audits it as the reseller', async () => {
    const r = await t.ok(
      'reseller.createCustomer',
      { name: 'Siti Aminah', phone: '0812-7777-8888', address: 'RT 02 Sukamaju', internetPackageId: s.pkg.id },
      s.token,
    );
    expect(r).toMatchObject({
      customer: { name: 'Siti Aminah', status: 'active', createdByName: 'Mitra Sukamaju' },
      packageName: s.pkg.name,
      monthlyPrice: 250_000,
    });
    expect(r.password).toMatch(/^\S{10}$/);
    const own = await t.ok('reseller.customers', { search: 'Siti' }, s.token);
    expect(own.items).toEqual([expect.objectContaining({ id: r.customer.id, accounts: 1 })]);

    const account = await t.ok('pppoe.get', { id: r.accountId });
    expect(account).toMatchObject({ username: r.username, routerId: s.router.id, status: 'active' });
    expect((await t.ok('pppoe.revealPassword', { id: r.accountId })).password).toBe(r.password);
    const queued = ops(t.app.ctx, s.router.id).filter((o) => o.kind === 'secret.upsert' && o.status === 'pending');
    expect(queued.map((o) => o.payload.name)).toContain(r.username);
    const subs = await t.ok('subscriptions.list', { customerId: r.customer.id });
    expect(subs.items).toEqual([expect.objectContaining({ internetPackageId: s.pkg.id, monthlyFee: 250_000 })]);

    for (const action of ['customer.create', 'pppoe.create', 'reseller.customer_create'])
      expect(auditRows(t, action).at(-1), action).toMatchObject({ username: 'mitra1' });
    expect(JSON.parse(auditRows(t, 'reseller.customer_create')[0]!.after!)).toMatchObject({
      customer: r.customer.customerCode,
      account: r.username,
    });
  });

  it("answers bad input with the office's own errors, word for word, and writes nothing", async () => {
    const cases = [
      { name: '' },
      { name: 'Budi', phone: '12' },
      { name: 'Budi', idCard: '1234' },
      { name: 'Budi', email: 'bukan-email' },
    ];
    for (const c of cases) {
      const before = written();
      const staff = await t.call('customers.create', c);
      const reseller = await t.call('reseller.createCustomer', { ...c, internetPackageId: s.pkg.id }, s.token);
      expect(staff.ok).toBe(false);
      expect(reseller, JSON.stringify(c)).toEqual(staff);
      expect(written()).toEqual(before);
    }
    // A PPPoE username already in use: the account service's own refusal, and no customer left behind.
    const first = await t.ok('reseller.createCustomer', { name: 'Dewi', internetPackageId: s.pkg.id }, s.token);
    const before = written();
    const dup = await t.call(
      'reseller.createCustomer',
      { name: 'Dewi Dua', internetPackageId: s.pkg.id, username: first.username },
      s.token,
    );
    expect(dup).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'This PPPoE username is already used' },
    });
    expect(written()).toEqual(before);
  });

  it('only when the office allows it, with a router set; editing is for their own customers', async () => {
    const fields = { name: s.reseller.name, status: 'active' as const, routerId: s.router.id };
    await t.ok('resellers.update', { id: s.reseller.id, ...fields, canCreateCustomers: false });
    const before = written();
    expect(
      await t.call('reseller.createCustomer', { name: 'Rudi', internetPackageId: s.pkg.id }, s.token),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'The office has not allowed this reseller to add customers' },
    });
    expect(await t.call('reseller.updateCustomer', { id: s.own[0]!.id, name: 'Rudi' }, s.token)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await t.ok('reseller.me', {}, s.token)).canCreateCustomers).toBe(false);

    expect(written()).toEqual(before);

    await t.ok('resellers.update', { id: s.reseller.id, ...fields, routerId: null, canCreateCustomers: true });
    const noRouter = written();
    expect(
      await t.call('reseller.createCustomer', { name: 'Rudi', internetPackageId: s.pkg.id }, s.token),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(written()).toEqual(noRouter);

    const edited = await t.ok(
      'reseller.updateCustomer',
      { id: s.own[0]!.id, address: 'Jl. Melati 4', email: 'PEL@contoh.id' },
      s.token,
    );
    expect(edited).toMatchObject({ address: 'Jl. Melati 4', email: 'pel@contoh.id' });
    expect(auditRows(t, 'customer.update').at(-1)).toMatchObject({ username: 'mitra1' });
  });
});
