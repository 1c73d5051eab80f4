import { testApp } from '../helpers/app';
import { ms, percentile, timeAsync, type BenchSuite } from './harness';
import { seedCustomers } from './platform.bench';
import { seedLedger } from './ledger-seed';

const BILLS = 1_000;
const PRICE = 150_000;

/**
 * Paying 1,000 bills from a reseller's balance against 1,000 cash payments at the desk, in the same run,
 * through the same dispatch (session check, zod in and out) on one database.
 */
export const resellersSuite: BenchSuite = {
  id: 'resellers',
  title: 'Resellers: 1,000 bills paid from a reseller balance vs 1,000 desk payments',
  notes:
    "2,000 customers with one open 150.000 invoice each (raw SQL; at `--scale` that many customers, the 2,000 among them, with ten months of invoices and payments each); half belong to the reseller (a 10% discount rule on their package), whose balance covers every bill. Each payment is one call through dispatch: the reseller's reseller.pay (balance check, ledger debit, the customer's payment, restore check, audit) and the cashier's payments.create (cash into the open shift). Sequential, in turns.",
  scalable: true,
  async run(scale) {
    const t = await testApp();
    const db = t.app.ctx.sqlite;
    // At a chosen size: that many customers (at least the 2,000 paying here), ten months of history each.
    seedCustomers(db, Math.max(scale ?? 0, 2 * BILLS));
    const pkg = await t.ok('packages.create', {
      name: 'Paket 20 Mbps',
      bandwidthUp: 10240,
      bandwidthDown: 20480,
      price: PRICE,
      billingCycle: 'monthly',
    });
    const reseller = await t.ok('resellers.create', { name: 'Mitra Bench' });
    db.transaction(() => {
      const sub = db.prepare(
        `INSERT INTO subscriptions(customer_id, internet_package_id, start_date, billing_day, status) VALUES (?, ?, '2026-10-01', 1, 'active')`,
      );
      const inv = db.prepare(
        `INSERT INTO invoices(invoice_number, customer_id, subscription_id, period, invoice_date, due_date, amount, paid_amount, status)
         VALUES (?, ?, ?, '2026-11', '2026-11-01', '2026-11-10', ?, 0, 'unpaid')`,
      );
      const own = db.prepare(
        `INSERT INTO reseller_customers(customer_id, reseller_id, assigned_at) VALUES (?, ?, '2026-11-01')`,
      );
      for (let c = 1; c <= 2 * BILLS; c++) {
        const s = sub.run(c, pkg.id).lastInsertRowid;
        inv.run(`INV-B-${c}`, c, s, PRICE);
        if (c <= BILLS) own.run(c, reseller.id);
      }
    })();
    if (scale) seedLedger(db, Math.max(scale, 2 * BILLS), 10);
    await t.ok('resellers.setRule', {
      resellerId: reseller.id,
      internetPackageId: pkg.id,
      kind: 'discount',
      mode: 'percent',
      value: 1000,
    });
    // A cash top-up is taken in the cashier's open shift.
    await t.ok('shifts.open', { openingCash: 0 });
    await t.ok('resellers.topup', { resellerId: reseller.id, amount: BILLS * PRICE, method: 'cash' });
    await t.ok('resellers.setLogin', { id: reseller.id, username: 'agen-bench', password: 'Pulsa-Agen-Jaya-5' });
    const { token } = await t.ok('auth.login', { username: 'agen-bench', password: 'Pulsa-Agen-Jaya-5' }, '');
    const invoiceOf = db.prepare("SELECT id FROM invoices WHERE customer_id = ? AND invoice_number LIKE 'INV-B-%'");
    const idOf = (c: number) => (invoiceOf.get(c) as { id: number }).id;

    const reseller_ms: number[] = [];
    const desk_ms: number[] = [];
    let errors = 0;
    for (let i = 1; i <= BILLS; i++) {
      const r = await timeAsync(() => t.call('reseller.pay', { invoiceId: idOf(i) }, token));
      if (!r.value.ok) errors++;
      reseller_ms.push(r.ms);
      const c = BILLS + i;
      const d = await timeAsync(() =>
        t.call('payments.create', { customerId: c, invoiceId: idOf(c), amount: PRICE, method: 'cash' }),
      );
      if (!d.value.ok) errors++;
      desk_ms.push(d.ms);
    }
    const balance = (await t.ok('resellers.get', { id: reseller.id })).balance;
    t.close();
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const fig = (xs: number[]) =>
      `${(sum(xs) / 1000).toFixed(2)} s total, p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}`;
    return [
      {
        name: '1,000 bills paid from the reseller balance (reseller.pay)',
        value: fig(reseller_ms),
        kind: 'interactive',
      },
      { name: '1,000 desk cash payments (payments.create)', value: fig(desk_ms), kind: 'interactive' },
      {
        name: 'reseller ÷ desk, total time',
        value: `${(sum(reseller_ms) / sum(desk_ms)).toFixed(2)}×`,
        target: '≤ 2×',
        pass: sum(reseller_ms) <= 2 * sum(desk_ms) && errors === 0,
      },
      {
        name: 'balance left (10% discount on every bill), failed calls',
        value: `Rp ${balance.toLocaleString('id-ID')}, ${errors} failed`,
        target: `Rp ${(BILLS * PRICE * 0.1).toLocaleString('id-ID')}, 0 failed`,
        pass: balance === BILLS * PRICE * 0.1 && errors === 0,
        kind: 'info',
      },
    ];
  },
};
