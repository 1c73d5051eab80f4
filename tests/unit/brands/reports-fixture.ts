import type { TestApp } from '../../helpers/app';

/*
 * Issue 18: two brands with money on both, written through the API (invoices, payments, a voided
 * payment, a voided invoice, a deposit refund), plus raw PPPoE accounts and usage rows for the bandwidth
 * report. The clock is the test app's 2026-11-24. The figures each brand must show are worked out by
 * hand in EXPECTED (reports-per-brand.test.ts checks them).
 */
export interface BrandWorld {
  beta: number;
  custA: number;
  custB: number;
  limited: string;
}

export async function seedBrandWorld(t: TestApp): Promise<BrandWorld> {
  await t.ok('settings.update', { ispName: 'Alfa Net' });
  const beta = (await t.ok('brands.create', { name: 'Beta Net', invoicePrefix: 'BETA', address: 'Jl. Beta' })).id;
  const cust: Record<'A' | 'B', number> = { A: 0, B: 0 };
  for (const [key, brandId, word, price] of [
    ['A', 1, 'Alfa', 100_000],
    ['B', beta, 'Beta', 250_000],
  ] as const) {
    const pkg = await t.ok('packages.create', {
      name: `Paket ${word}`,
      bandwidthUp: 1024,
      bandwidthDown: 2048,
      price,
      billingCycle: 'monthly',
      brandId,
    });
    const router = await t.ok('routers.create', {
      name: `Router ${word}`,
      host: '127.0.0.2',
      username: 'api',
      password: 'x',
      brandId,
    });
    const c = await t.ok('customers.create', { name: `Pelanggan ${word}`, brandId });
    cust[key] = c.id;
    await t.ok('subscriptions.create', {
      customerId: c.id,
      internetPackageId: pkg.id,
      startDate: '2026-10-01',
      billingDay: 1,
    });
    // One PPPoE account each (raw: no router round trip), with a day of traffic.
    const db = t.app.ctx.sqlite;
    const acct = db
      .prepare(
        `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, profile_name, status, expires_at)
         VALUES (?, ?, ?, ?, 'x', 'p', ?, ?)`,
      )
      .run(
        c.id,
        pkg.id,
        router.id,
        `user-${word.toLowerCase()}`,
        key === 'A' ? 'active' : 'suspended',
        '2026-11-26T10:00:00.000Z',
      );
    db.prepare(
      'INSERT INTO usage_daily(account_id, day, router_id, bytes_in, bytes_out, samples) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      acct.lastInsertRowid,
      key === 'A' ? '2026-11-20' : '2026-11-21',
      router.id,
      ...(key === 'A' ? [3e9, 1e9, 10] : [5e9, 2e9, 20]),
    );
  }
  const invoice = (customerId: number, invoiceDate: string, dueDate: string, amount: number) =>
    t.ok('invoices.create', { customerId, amount, description: 'Langganan', invoiceDate, dueDate });
  await invoice(cust.A, '2026-10-01', '2026-10-11', 100_000);
  await invoice(cust.A, '2026-11-01', '2026-11-11', 100_000);
  const wrong = await invoice(cust.A, '2026-11-05', '2026-11-15', 150_000);
  await invoice(cust.B, '2026-10-01', '2026-10-11', 250_000);
  await invoice(cust.B, '2026-11-01', '2026-11-11', 250_000);

  await t.ok('shifts.open', { openingCash: 500_000 });
  await t.ok('payments.create', { customerId: cust.A, amount: 100_000, method: 'cash' });
  const slip = await t.ok('payments.create', { customerId: cust.A, amount: 30_000, method: 'cash' });
  await t.ok('payments.void', { id: slip.id, reason: 'Salah input' });
  await t.ok('invoices.void', { id: wrong.id, reason: 'Salah tagih' });
  // Beta pays both bills and 100,000 more (deposit), of which 40,000 is refunded.
  await t.ok('payments.create', { customerId: cust.B, amount: 600_000, method: 'cash' });
  await t.ok('refunds.create', { customerId: cust.B, amount: 40_000, method: 'cash', reason: 'Kelebihan bayar' });
  // And a bill Beta still owes, not yet due.
  await invoice(cust.B, '2026-11-20', '2026-11-30', 250_000);

  const user = await t.ok('users.create', {
    username: 'manajer-alfa',
    fullName: 'Manajer Alfa',
    role: 'manager',
    password: 'Rahasia-Alfa-1',
    mustChangePassword: false,
  });
  await t.ok('brands.setUserBrands', { userId: user.id, brandIds: [1] });
  const limited = (await t.ok('auth.login', { username: 'manajer-alfa', password: 'Rahasia-Alfa-1' })).token;
  return { beta, custA: cust.A, custB: cust.B, limited };
}

/**
 * Each aggregate table, per brand, next to the same sums recomputed from the ledger rows and each row's
 * customer's brand now: the pairs must be equal after any sequence of writes.
 */
export const AGGREGATE_CHECKS: { name: string; kept: string; recomputed: string }[] = [
  {
    name: 'report_daily_invoices',
    kept: `SELECT day, brand_id AS b, invoices AS n, invoiced AS a, outstanding AS o FROM report_daily_invoices
           WHERE invoices != 0 OR invoiced != 0 OR outstanding != 0 ORDER BY 1, 2`,
    recomputed: `SELECT i.invoice_date AS day, c.brand_id AS b, count(*) AS n, sum(i.amount) AS a, sum(i.amount - i.paid_amount) AS o
                 FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.status != 'void' GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    name: 'report_daily_payments',
    kept: `SELECT day, method, received_by AS u, brand_id AS b, payments AS n, amount AS a FROM report_daily_payments
           WHERE payments != 0 OR amount != 0 ORDER BY 1, 2, 3, 4`,
    recomputed: `SELECT p.payment_date AS day, p.method, coalesce(p.received_by, 0) AS u, c.brand_id AS b, count(*) AS n, sum(p.amount) AS a
                 FROM payments p JOIN customers c ON c.id = p.customer_id WHERE p.status = 'live' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  },
  {
    name: 'report_daily_refunds',
    kept: `SELECT day, method, refunded_by AS u, brand_id AS b, refunds AS n, amount AS a FROM report_daily_refunds
           WHERE refunds != 0 OR amount != 0 ORDER BY 1, 2, 3, 4`,
    recomputed: `SELECT r.refund_date AS day, r.method, coalesce(r.refunded_by, 0) AS u, c.brand_id AS b, count(*) AS n, sum(r.amount) AS a
                 FROM deposit_refunds r JOIN customers c ON c.id = r.customer_id WHERE r.status = 'live' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  },
  {
    name: 'report_monthly_customers',
    kept: `SELECT month, brand_id AS b, active_delta AS d, churned AS c FROM report_monthly_customers
           WHERE active_delta != 0 OR churned != 0 ORDER BY 1, 2`,
    recomputed: `SELECT substr(h.changed_on, 1, 7) AS month, c.brand_id AS b,
                   sum((h.to_status = 'active') - (coalesce(h.from_status, '') = 'active')) AS d,
                   sum(h.to_status = 'inactive' AND coalesce(h.from_status, '') != 'inactive') AS c
                 FROM customer_status_history h JOIN customers c ON c.id = h.customer_id
                 GROUP BY 1, 2 HAVING d != 0 OR c != 0 ORDER BY 1, 2`,
  },
];
