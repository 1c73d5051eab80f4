import { addDays } from '../../src-shared/dates';
import type { Sqlite } from '../../src-main/db/open';
import { seedCustomers } from './platform.bench';

/**
 * The portal benches' world, inserted with raw SQL (set-up only): `customers` customers, one PPPoE account
 * each on one package, and a Rp 150.000 invoice per customer per month for `months` months from December of
 * `firstYear`; `open(month, customer)` says which stay unpaid, `suspended(customer)` which accounts are.
 */
export function seedPortalWorld(
  db: Sqlite,
  o: {
    customers: number;
    months: number;
    firstYear: number;
    open: (month: number, customer: number) => boolean;
    suspended?: (customer: number) => boolean;
  },
): void {
  seedCustomers(db, o.customers);
  db.transaction(() => {
    const pkg = db
      .prepare(
        `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name)
         VALUES ('Paket 20 Mbps', 10240, 20480, 150000, 'monthly', 30, 'p20')`,
      )
      .run().lastInsertRowid;
    const acc = db.prepare(
      `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, status)
       VALUES (?, ?, ?, 'x', 'p20', ?)`,
    );
    for (let c = 1; c <= o.customers; c++) acc.run(c, pkg, `user${c}`, o.suspended?.(c) ? 'suspended' : 'active');
    const inv = db.prepare(
      `INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, paid_amount, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let n = 0;
    for (let m = 0; m < o.months; m++) {
      const date = `${o.firstYear + Math.floor((11 + m) / 12)}-${String(((11 + m) % 12) + 1).padStart(2, '0')}-01`;
      for (let c = 1; c <= o.customers; c++) {
        const open = o.open(m, c);
        inv.run(
          `INV-${++n}`,
          c,
          date.slice(0, 7),
          date,
          addDays(date, 10),
          150_000,
          open ? 0 : 150_000,
          open ? 'unpaid' : 'paid',
        );
      }
    }
  })();
}
