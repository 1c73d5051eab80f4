import type { TestApp } from '../../helpers/app';
import { seedBilling } from '../billing/fixtures';

export const RESELLER_PASSWORD = 'Pulsa-Mitra-Desa-5';

/**
 * A reseller with a sign-in and `customers` customers of their own (each with a 250.000 November
 * invoice), plus one customer who belongs to nobody and one of another reseller.
 */
export async function seedReseller(t: TestApp, opts: { customers?: number; price?: number } = {}) {
  const n = opts.customers ?? 2;
  const { pkg, customers } = await seedBilling(t, { customers: n + 2, price: opts.price ?? 250_000 });
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  const reseller = await t.ok('resellers.create', { name: 'Mitra Sukamaju', phone: '0812 3456 7890' });
  const other = await t.ok('resellers.create', { name: 'Mitra Lain' });
  const own = customers.slice(0, n);
  await t.ok('resellers.assign', { resellerId: reseller.id, customerIds: own.map((c) => c.id) });
  await t.ok('resellers.assign', { resellerId: other.id, customerIds: [customers[n + 1]!.id] });
  await t.ok('resellers.setLogin', { id: reseller.id, username: 'mitra1', password: RESELLER_PASSWORD });
  const { token } = await t.ok('auth.login', { username: 'mitra1', password: RESELLER_PASSWORD }, '');
  const invoices = (await t.ok('invoices.list', { pageSize: 500 })).items;
  const invoiceOf = (customerId: number) => invoices.find((i) => i.customerId === customerId)!;
  return {
    pkg,
    reseller,
    other,
    token,
    own,
    nobody: customers[n]!,
    othersCustomer: customers[n + 1]!,
    invoiceOf,
  };
}

/** The reseller's balance as the sum of its ledger, read straight from the database. */
export function ledgerSum(t: TestApp, resellerId: number): number {
  return (
    t.app.ctx.sqlite
      .prepare('SELECT coalesce(sum(amount), 0) AS s FROM reseller_ledger WHERE reseller_id = ?')
      .get(resellerId) as { s: number }
  ).s;
}

export function auditRows(t: TestApp, action: string) {
  return t.app.ctx.sqlite.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id').all(action) as {
    username: string;
    before: string | null;
    after: string | null;
    reason: string | null;
    entity_id: string;
    source: string;
  }[];
}

/**
 * seedReseller, and the office lets the reseller add customers: their router (a loopback address, never
 * dialled here) and the seeded package on their rules (a 10% commission), plus a second package they may
 * not sell.
 */
export async function seedSellingReseller(t: TestApp, opts: { customers?: number } = {}) {
  const s = await seedReseller(t, opts);
  const router = await t.ok('routers.create', {
    name: 'Router Mitra',
    host: '127.0.0.2',
    username: 'admin',
    password: 'rahasia',
  });
  await t.ok('resellers.update', {
    id: s.reseller.id,
    name: s.reseller.name,
    status: 'active',
    canCreateCustomers: true,
    routerId: router.id,
  });
  await t.ok('resellers.setRule', {
    resellerId: s.reseller.id,
    internetPackageId: s.pkg.id,
    kind: 'commission',
    mode: 'percent',
    value: 1000,
  });
  const notForSale = await t.ok('packages.create', {
    name: 'Paket Kantor 50 Mbps',
    bandwidthUp: 25_600,
    bandwidthDown: 51_200,
    price: 750_000,
    billingCycle: 'monthly',
  });
  return { ...s, router, notForSale };
}
