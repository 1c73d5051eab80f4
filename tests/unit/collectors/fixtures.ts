import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../helpers/app';
import { addAccount, seedBilling } from '../billing/fixtures';
import { mintSession } from '../security/helpers';

/**
 * Five customers with November invoices (Rp 250.000 each) and a collector assigned three of them: one by
 * area ("RT 03" in the address), one by hand, one by a PPPoE account on an assigned router. The other two
 * (D, E) are not theirs. Admin has an open cash shift (the desk).
 */
export async function seedCollectors(t: TestApp) {
  const { pkg, customers } = await seedBilling(t, { customers: 5 });
  const [a, b, c, d, e] = customers as [
    (typeof customers)[0],
    (typeof customers)[0],
    (typeof customers)[0],
    (typeof customers)[0],
    (typeof customers)[0],
  ];
  await t.ok('customers.update', { id: a.id, address: 'Jl. Mawar 5, rt 03 / RW 01, Krajan' });
  await t.ok('customers.update', { id: d.id, address: 'Jl. Melati 9, RT 07, Krajan' });
  const db = t.app.ctx.sqlite;
  const routerId = Number(
    db
      .prepare(
        `INSERT INTO routers(name, host, port, username, password_enc) VALUES ('Tower Barat', '127.0.0.2', 8728, 'admin', 'x')`,
      )
      .run().lastInsertRowid,
  );
  addAccount(t, c.id, pkg.id, 'pelanggan-c');
  db.prepare('UPDATE pppoe_accounts SET router_id = ? WHERE customer_id = ?').run(routerId, c.id);
  addAccount(t, e.id, pkg.id, 'pelanggan-e');
  await t.ok('billing.generateInvoices', { period: '2026-11' });

  const collector = await t.ok('users.create', {
    username: 'penagih1',
    fullName: 'Budi Penagih',
    role: 'collector',
    password: 'Jalan-Kaki-Desa-5',
    mustChangePassword: false,
  });
  const other = await t.ok('users.create', {
    username: 'penagih2',
    fullName: 'Sari Penagih',
    role: 'collector',
    password: 'Jalan-Kaki-Desa-6',
    mustChangePassword: false,
  });
  await t.ok('collectors.assign', { collectorId: collector.id, kind: 'area', area: 'RT 03' });
  await t.ok('collectors.assign', { collectorId: collector.id, kind: 'customer', customerId: b.id });
  await t.ok('collectors.assign', { collectorId: collector.id, kind: 'router', routerId });
  await t.ok('collectors.assign', { collectorId: other.id, kind: 'customer', customerId: d.id });
  return {
    pkg,
    routerId,
    assigned: [a, b, c] as const,
    notAssigned: [d, e] as const,
    collector: { id: collector.id, token: mintSession(t, collector.id) },
    other: { id: other.id, token: mintSession(t, other.id) },
  };
}

export const newKey = () => randomUUID();

/** The first open invoice of a customer. */
export function openInvoiceOf(t: TestApp, customerId: number): { id: number; amount: number } {
  return t.app.ctx.sqlite
    .prepare(
      `SELECT id, amount - paid_amount AS amount FROM invoices WHERE customer_id = ? AND status IN ('unpaid','partial') ORDER BY due_date, id LIMIT 1`,
    )
    .get(customerId) as { id: number; amount: number };
}

export function paymentCount(t: TestApp, customerId?: number): number {
  const row = t.app.ctx.sqlite
    .prepare(`SELECT count(*) AS n FROM payments WHERE (? IS NULL OR customer_id = ?)`)
    .get(customerId ?? null, customerId ?? null) as { n: number };
  return row.n;
}
