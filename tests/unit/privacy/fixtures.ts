import type { TestApp } from '../../helpers/app';
import { travelTo } from '../billing/fixtures';

/** The customer who asks to be erased, and what the ISP knows about them. */
export const BUDI = {
  name: 'Budi Santosa Wibowo',
  phone: '0812-9988-7766',
  oldPhone: '0813-4455-6677',
  idCard: '3201123456789012',
  email: 'budi.wibowo@example.com',
  address: 'Jl. Melati Kuning No. 7, Bekasi',
  username: 'budiwibowo',
};
/** Strings that must be gone from the database after the erasure (as typed and as stored). */
export const BUDI_NEEDLES = [
  BUDI.name,
  BUDI.phone,
  BUDI.phone.replace(/\D/g, ''),
  BUDI.oldPhone,
  BUDI.oldPhone.replace(/\D/g, ''),
  BUDI.idCard,
  BUDI.email,
  BUDI.address,
];

/**
 * Budi and Siti, a router, Budi's PPPoE account (with its subscription), two months of invoices, a
 * payment with an overpayment to the deposit, a refund and a phone change (the old number lives on in
 * the audit trail). Budi's second invoice is still open.
 */
export async function seedErasable(t: TestApp) {
  travelTo(t, '2026-10-01T03:00:00.000Z');
  const pkg = await t.ok('packages.create', {
    name: 'Paket Home 10 Mbps',
    bandwidthUp: 5120,
    bandwidthDown: 10240,
    price: 200_000,
    billingCycle: 'monthly',
  });
  const router = await t.ok('routers.create', {
    name: 'Kantor',
    host: '127.0.0.2',
    username: 'admin',
    password: 'rahasia-router',
  });
  const budi = await t.ok('customers.create', {
    name: BUDI.name,
    phone: BUDI.oldPhone,
    idCard: BUDI.idCard,
    email: BUDI.email,
    address: BUDI.address,
    notes: `Rumah cat hijau, hubungi ${BUDI.oldPhone}`,
  });
  await t.ok('customers.update', { id: budi.id, phone: BUDI.phone });
  const siti = await t.ok('customers.create', { name: 'Siti Aminah Lestari', phone: '0857-1234-9876' });
  const account = await t.ok('pppoe.create', {
    customerId: budi.id,
    internetPackageId: pkg.id,
    routerId: router.id,
    username: BUDI.username,
    password: 'BudiPass123',
    notes: `Pasang oleh teknisi, HP ${BUDI.phone}`,
    billing: { billingDay: 1 },
  });
  await t.ok('pppoe.create', { customerId: siti.id, internetPackageId: pkg.id, billing: { billingDay: 1 } });
  await t.ok('shifts.open', { openingCash: 100_000 });
  await t.ok('billing.generateInvoices', { period: '2026-10' });
  await t.ok('payments.create', {
    customerId: budi.id,
    amount: 250_000,
    method: 'cash',
    tendered: 250_000,
    notes: `Dibayar oleh ${BUDI.name}`,
  });
  await t.ok('refunds.create', {
    customerId: budi.id,
    amount: 20_000,
    method: 'cash',
    reason: `Kelebihan bayar ${BUDI.name}`,
  });
  travelTo(t, '2026-11-01T03:00:00.000Z');
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  return { pkg, router, budi, siti, account: account.account };
}

/** Everything that stops Budi's erasure removed the way staff would: pay, disable, end, refund. */
export async function clearBlockers(t: TestApp, s: Awaited<ReturnType<typeof seedErasable>>) {
  const invoices = await t.ok('invoices.list', { customerId: s.budi.id, pageSize: 100 });
  for (const inv of invoices.items.filter((i) => i.status !== 'void' && i.paidAmount < i.amount))
    await t.ok('payments.create', {
      customerId: s.budi.id,
      amount: inv.amount - inv.paidAmount,
      method: 'bank_transfer',
      referenceNumber: `TRF-${inv.id}`,
      invoiceId: inv.id,
    });
  await t.ok('pppoe.disable', { id: s.account.id });
  const subs = await t.ok('subscriptions.list', { customerId: s.budi.id });
  for (const sub of subs.items)
    await t.ok('subscriptions.update', { id: sub.id, status: 'inactive', endDate: '2026-11-30' });
  const c = await t.ok('customers.get', { id: s.budi.id });
  if (c.deposit > 0)
    await t.ok('refunds.create', { customerId: s.budi.id, amount: c.deposit, method: 'cash', reason: 'Berhenti' });
}
