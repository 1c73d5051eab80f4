import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src-main/db/open';
import {
  expiryAlerts,
  isolatedCustomerCount,
  overdueAlerts,
  routerHealth,
} from '../../../src-main/data/reports/dashboard.queries';
import { testApp, type TestApp } from '../../helpers/app';
import { threeBrandsOnePackage } from './brand-world';

/*
 * Issue 20: the dashboard's expiry alerts (a walk of pppoe_expiry_idx), overdue alerts (10 ids picked from
 * the covering index first), isolated customers (the brand looked up per row) and router account counts
 * (report_router_accounts) against the queries they replaced, verbatim, on random accounts and invoices.
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  const db = t.app.ctx.sqlite;
  threeBrandsOnePackage(db);
  for (const b of [1, 2, 3])
    db.prepare(`INSERT INTO routers(name, host, username, brand_id) VALUES (?, '127.0.0.2', 'api', ?)`).run(`R${b}`, b);
  for (let c = 1; c <= 30; c++)
    db.prepare("INSERT INTO customers(customer_code, name, brand_id, join_date) VALUES (?, ?, ?, '2026-01-01')").run(
      `C${c}`,
      `Cust ${c}`,
      1 + (c % 3),
    );
});
afterAll(() => t.close());

const OLD = {
  expiry: `SELECT a.id AS accountId, a.username, a.customer_id AS customerId, c.name AS customerName, substr(a.expires_at, 1, 10) AS expiresAt
     FROM pppoe_accounts a JOIN customers c ON c.id = a.customer_id
     WHERE a.status = 'active' AND a.expires_at IS NOT NULL AND substr(a.expires_at, 1, 10) BETWEEN @from AND @to
       AND (@brands IS NULL OR c.brand_id IN (SELECT value FROM json_each(@brands)))
     ORDER BY a.expires_at, a.id LIMIT 10`,
  overdue: `SELECT i.id AS invoiceId, i.invoice_number AS invoiceNumber, i.customer_id AS customerId, c.name AS customerName,
            i.due_date AS dueDate, i.amount - i.paid_amount AS outstanding
     FROM invoices i INDEXED BY invoices_open_idx JOIN customers c ON c.id = i.customer_id
     WHERE i.status IN ('unpaid', 'partial', 'overdue') AND i.amount > i.paid_amount AND i.due_date < @day
       AND (@brands IS NULL OR c.brand_id IN (SELECT value FROM json_each(@brands)))
     ORDER BY i.due_date, i.id LIMIT 10`,
  isolated: `SELECT count(DISTINCT customer_id) AS n FROM pppoe_accounts WHERE status = 'suspended'
     AND (@brands IS NULL OR customer_id IN (SELECT id FROM customers WHERE brand_id IN (SELECT value FROM json_each(@brands))))`,
  routers: `SELECT r.id, r.name, r.state, r.last_seen_at AS lastSeenAt,
            (SELECT count(*) FROM pppoe_accounts a WHERE a.router_id = r.id) AS accounts,
            (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'pending') AS pendingSync,
            (SELECT count(*) FROM sync_ops o WHERE o.router_id = r.id AND o.status = 'failed') AS failedSync
     FROM routers r WHERE r.is_active = 1 AND (@brands IS NULL OR r.brand_id IN (SELECT value FROM json_each(@brands))) ORDER BY r.name`,
};

// Expiry instants around the window's edges: date-only, the first and last second of a day, UTC offsets.
const EXPIRES = [
  null,
  '2026-11-23',
  '2026-11-23T23:59:59.999Z',
  '2026-11-24',
  '2026-11-24T00:00:00.000Z',
  '2026-11-26T10:00:00+07:00',
  '2026-12-01',
  '2026-12-01T23:59:59.999Z',
  '2026-12-02',
  '2026-12-02T00:00:00.000Z',
];
const account = fc.record({
  customer: fc.integer({ min: 1, max: 30 }),
  router: fc.constantFrom(null, 1, 2, 3),
  status: fc.constantFrom('active', 'active', 'suspended', 'disabled'),
  expires: fc.constantFrom(...EXPIRES),
});
// Few due dates, so many open invoices share one (as when everyone is billed on the 1st).
const invoice = fc.record({
  customer: fc.integer({ min: 1, max: 30 }),
  due: fc.constantFrom('2026-10-11', '2026-11-11', '2026-11-24', '2026-12-11'),
  status: fc.constantFrom('unpaid', 'partial', 'overdue', 'paid', 'void'),
  paid: fc.constantFrom(0, 50_000, 100_000),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

function write(db: Sqlite, accounts: ValueOf<typeof account>[], invoices: ValueOf<typeof invoice>[]) {
  db.transaction(() => {
    db.prepare('DELETE FROM pppoe_accounts').run();
    db.prepare('DELETE FROM invoices').run();
    accounts.forEach((a, i) =>
      db
        .prepare(
          `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, profile_name, status, expires_at)
           VALUES (?, 1, ?, ?, 'x', 'p', ?, ?)`,
        )
        .run(a.customer, a.router, `u${i}`, a.status, a.expires),
    );
    invoices.forEach((v, i) =>
      db
        .prepare(
          `INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, paid_amount, status)
           VALUES (?, ?, '2026-11', '2026-11-01', ?, 100000, ?, ?)`,
        )
        .run(`INV-${i}`, v.customer, v.due, v.paid, v.status),
    );
  })();
}

describe('billing.dashboard reads, new vs old', () => {
  it('gives the same alerts, isolated customers and router counts for every brand filter', () => {
    const db = t.app.ctx.sqlite;
    let listed = 0;
    fc.assert(
      fc.property(
        fc.array(account, { minLength: 10, maxLength: 40 }),
        fc.array(invoice, { minLength: 30, maxLength: 120 }),
        fc.constantFrom('2026-11-24', '2026-11-23', '2026-12-01'),
        (accounts, invoices, from) => {
          write(db, accounts, invoices);
          for (const brands of [null, '[1]', '[2]', '[1,3]']) {
            const range = { from, to: '2026-12-01', brands };
            const expiring = expiryAlerts(db, range, 10, brands);
            expect(expiring).toEqual(db.prepare(OLD.expiry).all(range));
            const overdue = overdueAlerts(db, from, 10, brands);
            expect(overdue).toEqual(db.prepare(OLD.overdue).all({ day: from, brands }));
            expect(isolatedCustomerCount(db, brands)).toBe(
              (db.prepare(OLD.isolated).get({ brands }) as { n: number }).n,
            );
            expect(routerHealth(db, brands)).toEqual(db.prepare(OLD.routers).all({ brands }));
            listed += expiring.length + overdue.length;
          }
        },
      ),
      { numRuns: 30 },
    );
    expect(listed).toBeGreaterThan(0);
  }, 90_000);
});
