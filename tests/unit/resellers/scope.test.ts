/**
 * A reseller reaches only their own customers, on every channel their role may call: each such channel
 * has a scope case here (the test fails when a new one appears without one), and nothing is written for a
 * customer, invoice or package that is not theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src-shared/contract';
import { testApp, type TestApp } from '../../helpers/app';
import { ownCallerCases, roleChannels } from '../../helpers/role-scope';
import { ledgerSum, seedSellingReseller } from './fixtures';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedSellingReseller>>;
const topUps = { own: 0, foreign: [] as number[] };
beforeAll(async () => {
  t = await testApp();
  s = await seedSellingReseller(t, { customers: 2 });
  await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 1_000_000, method: 'cash' });
  await t.ok('resellers.topup', { resellerId: s.other.id, amount: 1_000_000, method: 'cash' });
  // Online top-up attempts (issue 18): one of this reseller, one of the other reseller, one customer payment.
  const insert = t.app.ctx.sqlite.prepare(
    `INSERT INTO gateway_transactions(merchant_ref, provider, customer_id, reseller_id, amount, method, expires_at,
       created_at, updated_at) VALUES (?, 'tripay', ?, ?, 50000, 'QRIS', '2026-12-01T00:00:00.000Z', ?, ?)`,
  );
  const at = t.clock.now().toISOString();
  topUps.own = Number(insert.run('PD-MINE', null, s.reseller.id, at, at).lastInsertRowid);
  topUps.foreign.push(Number(insert.run('PD-OTHER', null, s.other.id, at, at).lastInsertRowid));
  topUps.foreign.push(Number(insert.run('PD-CUST', s.nobody.id, null, at, at).lastInsertRowid));
}, 60_000);
afterAll(() => t.close());

const call = <C extends Channel>(channel: C, input: unknown) => t.call(channel, input as never, s.token);
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
/** Customers that are not this reseller's: nobody's, another reseller's, and one that does not exist. */
const strangers = () => [s.nobody.id, s.othersCustomer.id, 999_999];
const count = (table: string) =>
  (t.app.ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const ownIds = () =>
  (
    t.app.ctx.sqlite
      .prepare('SELECT customer_id AS id FROM reseller_customers WHERE reseller_id = ?')
      .all(s.reseller.id) as { id: number }[]
  ).map((r) => r.id);

const SCOPED: Record<string, () => Promise<void>> = {
  'reseller.topups': async () => {
    expect((await t.ok('reseller.topups', {}, s.token)).items.map((i) => i.id)).toEqual([topUps.own]);
  },
  'reseller.topup': async () => {
    for (const id of [...topUps.foreign, 999_999])
      expect(codeOf(await call('reseller.topup', { id }))).toBe('NOT_FOUND');
    expect((await t.ok('reseller.topup', { id: topUps.own }, s.token)).reference).toBe('PD-MINE');
  },
  'reseller.topupCheck': async () => {
    const before = t.app.ctx.sqlite.prepare('SELECT * FROM gateway_transactions ORDER BY id').all();
    for (const id of [...topUps.foreign, 999_999])
      expect(codeOf(await call('reseller.topupCheck', { id }))).toBe('NOT_FOUND');
    expect(t.app.ctx.sqlite.prepare('SELECT * FROM gateway_transactions ORDER BY id').all()).toEqual(before);
  },
  'reseller.topupCreate': async () => {
    const before = [count('gateway_transactions'), ledgerSum(t, s.reseller.id), ledgerSum(t, s.other.id)];
    // The reseller is the signed-in one: no channel takes a reseller id.
    const input = { amount: 50_000, provider: 'tripay', method: 'QRIS' };
    expect(codeOf(await call('reseller.topupCreate', { ...input, resellerId: s.other.id }))).toBe('BAD_INPUT');
    // No gateway is enabled here: nothing is on offer.
    expect(codeOf(await call('reseller.topupCreate', input))).toBe('BAD_INPUT');
    expect([count('gateway_transactions'), ledgerSum(t, s.reseller.id), ledgerSum(t, s.other.id)]).toEqual(before);
  },
  ...ownCallerCases(call),
  'reseller.me': async () => expect((await t.ok('reseller.me', {}, s.token)).code).toBe(s.reseller.code),
  'reseller.customers': async () => {
    const list = await t.ok('reseller.customers', { pageSize: 100 }, s.token);
    expect(list.items.map((c) => c.id).sort()).toEqual(ownIds().sort());
  },
  'reseller.bills': async () => {
    for (const id of strangers()) expect(codeOf(await call('reseller.bills', { customerId: id }))).toBe('NOT_FOUND');
    const bills = await t.ok('reseller.bills', {}, s.token);
    for (const b of bills) expect(ownIds()).toContain(b.customerId);
  },
  'reseller.pay': async () => {
    const before = [ledgerSum(t, s.reseller.id), count('payments')];
    for (const id of [s.nobody.id, s.othersCustomer.id])
      expect(codeOf(await call('reseller.pay', { invoiceId: s.invoiceOf(id).id }))).toBe('NOT_FOUND');
    expect([ledgerSum(t, s.reseller.id), count('payments')]).toEqual(before);
  },
  'reseller.ledger': async () => {
    const ledger = await t.ok('reseller.ledger', { pageSize: 100 }, s.token);
    expect(ledger.balance).toBe(ledgerSum(t, s.reseller.id));
    expect(ledger.items.length).toBeGreaterThan(0);
    const other = t.app.ctx.sqlite.prepare('SELECT id FROM reseller_ledger WHERE reseller_id = ?').all(s.other.id);
    for (const m of ledger.items) expect(other).not.toContainEqual({ id: m.id });
  },
  'reseller.statement': async () => {
    const own = await t.ok('resellers.statement', { resellerId: s.reseller.id, month: '2026-11' });
    expect(await t.ok('reseller.statement', { month: '2026-11' }, s.token)).toEqual(own);
  },
  'reseller.statementFile': async () => {
    const r = await call('reseller.statementFile', { month: '2026-11', format: 'xlsx', resellerId: s.other.id });
    expect(codeOf(r)).toBe('BAD_INPUT'); // no channel takes a reseller id
  },
  'reseller.packages': async () => {
    expect((await t.ok('reseller.packages', {}, s.token)).map((p) => p.id)).toEqual([s.pkg.id]);
  },
  'reseller.customer': async () => {
    for (const id of strangers()) expect(codeOf(await call('reseller.customer', { customerId: id }))).toBe('NOT_FOUND');
    expect((await t.ok('reseller.customer', { customerId: s.own[0]!.id }, s.token)).id).toBe(s.own[0]!.id);
  },
  'reseller.createCustomer': async () => {
    const before = [count('customers'), count('pppoe_accounts'), count('sync_ops')];
    const notForSale = await call('reseller.createCustomer', { name: 'Pak Joko', internetPackageId: s.notForSale.id });
    expect(notForSale).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'Package not found' } });
    // The owner, the status and the brand are not the reseller's to choose.
    for (const extra of [{ resellerId: s.other.id }, { status: 'inactive' }, { brandId: 1 }])
      expect(codeOf(await call('reseller.createCustomer', { name: 'X', internetPackageId: s.pkg.id, ...extra }))).toBe(
        'BAD_INPUT',
      );
    expect([count('customers'), count('pppoe_accounts'), count('sync_ops')]).toEqual(before);
    const made = await t.ok('reseller.createCustomer', { name: 'Pak Joko', internetPackageId: s.pkg.id }, s.token);
    expect(ownIds()).toContain(made.customer.id);
  },
  'reseller.updateCustomer': async () => {
    const names = () =>
      strangers().map((id) => t.app.ctx.sqlite.prepare('SELECT name FROM customers WHERE id = ?').get(id));
    const before = names();
    for (const id of strangers())
      expect(codeOf(await call('reseller.updateCustomer', { id, name: 'Diambil alih' }))).toBe('NOT_FOUND');
    expect(names()).toEqual(before);
    expect(codeOf(await call('reseller.updateCustomer', { id: s.own[0]!.id, status: 'inactive' }))).toBe('BAD_INPUT');
    const own = await t.ok('reseller.updateCustomer', { id: s.own[0]!.id, phone: '0813 1111 2222' }, s.token);
    expect(own.phone).toBe('0813 1111 2222');
  },
};

describe('reseller role: every channel', () => {
  it('may call exactly the channels that have a scope case', () => {
    expect(roleChannels('reseller').sort()).toEqual(Object.keys(SCOPED).sort());
  });

  it.each(Object.keys(SCOPED))('%s reaches only their own', async (channel) => {
    await SCOPED[channel]!();
  });
});
