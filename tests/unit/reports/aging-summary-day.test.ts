import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../../src-main/db/migrate';
import { agingReport, ledgerBuckets } from '../../../src-main/core/reports/aging';
import {
  agingSummaryDay,
  openSummaryTotals,
  rollAgingSummary,
} from '../../../src-main/data/reports/aging-summary.queries';
import { brandFilter } from '../../../src-main/data/reports/brand-filter';
import { openInvoiceTotals } from '../../../src-main/data/reports/dashboard.queries';
import { FakeClock, MIGRATIONS, migrationsBefore, tempDir, testApp, type TestApp } from '../../helpers/app';
import { agingOld } from '../../bench/reports-old';
import { seedReportsWorld } from '../../bench/reports-seed';

/*
 * Issue 20: the aging report as of today and the dashboard's open figures read the summaries of
 * drizzle/0031. They must move at the ISP's local midnight, give exactly what the ledger queries give,
 * and a database made before 0031 must be back-filled by the migration.
 */
describe('buckets move at local midnight (Asia/Jakarta, UTC+7)', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('an invoice due today turns 1 day overdue at 00:00 WIB, and one dated tomorrow is then counted', async () => {
    const clock = new FakeClock(Date.parse('2026-12-11T16:59:59.000Z')); // 23:59:59 WIB on 11 December
    t = await testApp({ clock });
    const db = t.app.ctx.sqlite;
    const cust = Number(
      db.prepare("INSERT INTO customers(customer_code, name, join_date) VALUES ('M1', 'Budi', '2026-01-01')").run()
        .lastInsertRowid,
    );
    const ins = db.prepare(
      "INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount) VALUES (?, ?, '2026-12', ?, ?, ?)",
    );
    ins.run('DUE-TODAY', cust, '2026-12-01', '2026-12-11', 150_000);
    ins.run('ISSUED-TOMORROW', cust, '2026-12-12', '2026-12-22', 99_000);
    const bucket = (r: { buckets: { bucket: string; amount: number }[] }, b: string) =>
      r.buckets.find((x) => x.bucket === b)!.amount;

    const before = await t.ok('reports.aging', {});
    expect(before.asOf).toBe('2026-12-11');
    expect([bucket(before, 'current'), bucket(before, '1-30'), before.total]).toEqual([150_000, 0, 150_000]);
    expect((await t.ok('billing.dashboard', {})).overdue).toEqual({ invoices: 0, amount: 0, customers: 0 });
    expect(before).toEqual(agingOld(db, '2026-12-11'));

    clock.set('2026-12-11T17:00:00.000Z'); // 00:00 WIB on 12 December
    const after = await t.ok('reports.aging', {});
    expect(after.asOf).toBe('2026-12-12');
    expect([bucket(after, 'current'), bucket(after, '1-30'), after.total]).toEqual([99_000, 150_000, 249_000]);
    const dash = await t.ok('billing.dashboard', {});
    expect(dash.overdue).toEqual({ invoices: 1, amount: 150_000, customers: 1 });
    expect(dash.outstanding).toEqual({ invoices: 2, amount: 249_000 });
    expect(after).toEqual(agingOld(db, '2026-12-12'));
    expect(agingSummaryDay(db)).toBe('2026-12-12');
  });
});

describe('as of today, the summaries give what the ledger queries give', () => {
  let t: TestApp;
  const clock = new FakeClock();
  beforeAll(async () => {
    t = await testApp({ clock });
    seedReportsWorld(t.app.ctx.sqlite, 2_000, 3);
  }, 120_000);
  afterAll(() => t.close());

  // Due dates are the 11th: the 11th/12th cross an edge, 2026-03-01 moves back a long way, 2027-06-01 forward.
  it.each(['2026-11-24', '2026-12-11', '2026-12-12', '2027-01-10', '2026-03-01', '2027-06-01'])(
    'on %s: the aging report (every brand and each one) and the dashboard figures',
    (day) => {
      clock.set(`${day}T05:00:00.000Z`);
      const db = t.app.ctx.sqlite;
      const now = agingReport(t.app.ctx, {});
      expect(agingSummaryDay(db)).toBe(day);
      expect(now).toEqual(agingOld(db, day));
      if (day === '2026-11-24') expect(now.buckets.some((b) => b.customersTotal > 500)).toBe(true);
      for (const brands of [[2], [1, 3]]) {
        const f = brandFilter(brands);
        expect(agingReport(t.app.ctx, {}, f).buckets).toEqual(ledgerBuckets(t.app.ctx, day, f));
      }
      for (const brands of [null, [2], [1, 3]]) {
        const f = brandFilter(brands);
        expect(openSummaryTotals(db, f)).toEqual(openInvoiceTotals(db, day, f));
      }
    },
  );
});

describe('migration 0031 on a database made before it', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The summaries recomputed in SQL with day arithmetic (julianday), not the triggers' date comparisons. */
  const recomputed = (db: Database.Database) =>
    db
      .prepare(
        `SELECT i.customer_id AS c, CASE WHEN julianday(s.as_of) - julianday(i.due_date) <= 0 THEN 0
            WHEN julianday(s.as_of) - julianday(i.due_date) <= 30 THEN 1 WHEN julianday(s.as_of) - julianday(i.due_date) <= 60 THEN 2
            WHEN julianday(s.as_of) - julianday(i.due_date) <= 90 THEN 3 ELSE 4 END AS k,
           CASE WHEN i.invoice_date <= s.as_of THEN 1 ELSE 0 END AS i, c.brand_id AS b, count(*) AS n,
           sum(i.amount - i.paid_amount) AS owed, min(i.due_date) AS due
         FROM invoices i JOIN customers c ON c.id = i.customer_id, report_aging_state s
         WHERE i.status IN ('unpaid', 'partial') AND i.amount > i.paid_amount GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all();
  const kept = (db: Database.Database) =>
    db
      .prepare(
        'SELECT customer_id AS c, bucket AS k, issued AS i, brand_id AS b, invoices AS n, owed, oldest_due AS due FROM report_aging_customers ORDER BY 1, 2, 3',
      )
      .all();

  it('back-fills the summaries from the ledger, leaves the ledger as it was, and keeps them after', () => {
    dir = tempDir();
    const sqlite = new Database(path.join(dir, 'db.sqlite'));
    const db = drizzle(sqlite);
    runMigrations(sqlite, db as never, migrationsBefore(dir, '0031_report_aging_summaries'));
    sqlite.exec(
      "INSERT INTO users(id, username, full_name, role, password_hash) VALUES (1, 'admin', 'Admin', 'admin', 'x')",
    );
    seedReportsWorld(sqlite, 300, 3); // open, partly paid, paid invoices over 3 years, in 3 brands
    sqlite.exec(`INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount)
      VALUES ('FUTURE', 7, '2099-01', '2099-01-01', '2099-01-11', 123000);
      UPDATE invoices SET status = 'void' WHERE id % 97 = 0;`);
    const ledger = () => sqlite.prepare('SELECT * FROM invoices ORDER BY id').all();
    const before = ledger();

    const info = runMigrations(sqlite, db as never, MIGRATIONS);
    expect(info.applied).toBe(info.latest);
    expect(ledger()).toEqual(before);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    const rows = kept(sqlite);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows).toEqual(recomputed(sqlite));
    expect(rows.some((r) => (r as { i: number }).i === 0)).toBe(true); // the future invoice: not issued yet
    const sum = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    expect(sum('SELECT sum(owed) AS n FROM report_aging_totals')).toBe(
      sum("SELECT sum(amount - paid_amount) AS n FROM invoices WHERE status IN ('unpaid', 'partial')"),
    );

    // Moved to another day and written to afterwards, they still follow the ledger.
    rollAgingSummary(sqlite, '2026-11-24');
    sqlite.exec("UPDATE invoices SET paid_amount = amount, status = 'paid' WHERE id % 5 = 0 AND status = 'unpaid'");
    expect(kept(sqlite)).toEqual(recomputed(sqlite));
    sqlite.close();
  });
});
