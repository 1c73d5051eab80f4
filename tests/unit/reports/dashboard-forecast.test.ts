import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp(); // 2026-11-24 10:00 WIB
});
afterEach(() => t.close());

function seed(t: TestApp) {
  const db = t.app.ctx.sqlite;
  const cust = (code: string, status = 'active') =>
    Number(
      db
        .prepare("INSERT INTO customers(customer_code, name, join_date, status) VALUES (?, ?, '2025-01-01', ?)")
        .run(code, `N ${code}`, status).lastInsertRowid,
    );
  const a = cust('C1');
  const b = cust('C2');
  cust('C3', 'suspended');
  cust('C4', 'inactive');
  const inv = (n: string, c: number, date: string, due: string, amount: number, paid = 0, status = 'unpaid') =>
    db
      .prepare(
        'INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, paid_amount, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(n, c, date.slice(0, 7), date, due, amount, paid, status);
  inv('I1', a, '2026-11-01', '2026-11-10', 150_000); // overdue 14 days
  inv('I2', a, '2026-10-01', '2026-10-10', 150_000, 50_000, 'partial'); // overdue 45 days
  inv('I3', b, '2026-11-20', '2026-11-30', 250_000); // open, not yet due
  inv('I4', b, '2026-11-01', '2026-11-10', 250_000, 250_000, 'paid');
  const pay = (n: string, c: number, date: string, amount: number, method: string, status = 'live') =>
    db
      .prepare(
        'INSERT INTO payments(payment_number, customer_id, amount, method, payment_date, paid_at, received_by, status) VALUES (?, ?, ?, ?, ?, ?, 1, ?)',
      )
      .run(n, c, amount, method, date, `${date}T02:00:00.000Z`, status);
  pay('P1', b, '2026-11-24', 250_000, 'cash');
  pay('P2', a, '2026-11-24', 50_000, 'e_wallet');
  pay('P3', a, '2026-11-02', 100_000, 'cash');
  pay('P4', a, '2026-11-24', 99_000, 'cash', 'void');
  pay('P5', a, '2026-11-24', 10_000, 'deposit');
  return { a, b };
}

describe('billing.dashboard', () => {
  it('sums today, the month, open and overdue money and customers by status', async () => {
    seed(t);
    const d = await t.ok('billing.dashboard', {});
    expect(d.today).toBe('2026-11-24');
    expect(d.collectedToday).toBe(300_000);
    expect(d.collectedTodayByMethod).toEqual([
      { method: 'cash', count: 1, amount: 250_000 },
      { method: 'e_wallet', count: 1, amount: 50_000 },
    ]);
    expect(d.collectedMonth).toBe(400_000);
    expect(d.invoicedMonth).toBe(650_000);
    expect(d.outstanding).toEqual({ invoices: 3, amount: 500_000 });
    expect(d.overdue).toEqual({ invoices: 2, amount: 250_000, customers: 1 });
    expect(d.customers).toMatchObject({ active: 2, suspended: 1, inactive: 1, total: 4 });
    expect(d.alerts.overdueInvoices.map((i) => [i.invoiceNumber, i.daysOverdue, i.outstanding])).toEqual([
      ['I2', 45, 100_000],
      ['I1', 14, 150_000],
    ]);
    expect(d.trend).toHaveLength(30);
    expect(d.trend.at(-1)).toEqual({ date: '2026-11-24', collected: 300_000 });
  });

  it('lists accounts expiring within the alert window', async () => {
    const { a } = seed(t);
    const db = t.app.ctx.sqlite;
    const pkg = Number(
      db
        .prepare(
          "INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name) VALUES ('P', 1, 1, 1, 'monthly', 30, 'P')",
        )
        .run().lastInsertRowid,
    );
    const acc = (u: string, exp: string) =>
      db
        .prepare(
          "INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, expires_at) VALUES (?, ?, ?, 'x', 'P', ?)",
        )
        .run(a, pkg, u, exp);
    acc('soon', '2026-11-27T16:59:59.000Z');
    acc('later', '2026-12-20T00:00:00.000Z');
    acc('past', '2026-11-01T00:00:00.000Z');
    const d = await t.ok('billing.dashboard', {});
    expect(d.alerts.expiringAccounts.map((x) => [x.username, x.daysLeft])).toEqual([['soon', 3]]);
  });
});

describe('reports.forecast', () => {
  it('charges each active subscription on its cycle and applies the observed collection rate', async () => {
    const db = t.app.ctx.sqlite;
    const c = Number(
      db.prepare("INSERT INTO customers(customer_code, name, join_date) VALUES ('F1', 'F', '2025-01-01')").run()
        .lastInsertRowid,
    );
    const pkg = (name: string, cycle: string) =>
      Number(
        db
          .prepare(
            'INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name) VALUES (?, 1, 1, 1, ?, 30, ?)',
          )
          .run(name, cycle, name).lastInsertRowid,
      );
    const monthly = pkg('M', 'monthly');
    const quarterly = pkg('Q', 'quarterly');
    const sub = (p: number, fee: number, start: string, status = 'active') =>
      db
        .prepare(
          'INSERT INTO subscriptions(customer_id, internet_package_id, start_date, monthly_fee, billing_day, status) VALUES (?, ?, ?, ?, 1, ?)',
        )
        .run(c, p, start, fee, status);
    sub(monthly, 100_000, '2026-01-01');
    sub(quarterly, 300_000, '2026-10-01'); // periods Oct, Jan, Apr…
    sub(monthly, 999_999, '2026-01-01', 'inactive');
    // Last six complete months: 1,000,000 invoiced, 800,000 of it paid → 80%.
    db.prepare(
      "INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, paid_amount, status) VALUES ('X1', ?, '2026-08', '2026-08-01', '2026-08-10', 1000000, 800000, 'partial')",
    ).run(c);
    const f = await t.ok('reports.forecast', {});
    expect(f.basedOn).toMatchObject({
      from: '2026-05-01',
      to: '2026-10-31',
      invoiced: 1_000_000,
      collected: 800_000,
      collectionRate: 0.8,
    });
    expect(f.months.map((m) => [m.period, m.subscriptions, m.expectedInvoicing, m.expectedCollection])).toEqual([
      ['2026-12', 1, 100_000, 80_000],
      ['2027-01', 2, 400_000, 320_000],
      ['2027-02', 1, 100_000, 80_000],
    ]);
    expect(f.method).toMatch(/80\.0%/);
  });
});
