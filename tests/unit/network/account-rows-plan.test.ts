/**
 * The automation's batch reads the active accounts of its customers by customer (pppoe_customer_idx), with
 * or without planner statistics: without them SQLite read every active account through pppoe_status_idx
 * and kept those of the batch (77 ms for 10 customers among 500,000 accounts, 0.3 ms by customer).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeAccountRowsOf } from '../../../src-main/data/network/account-state.repository';
import { testApp, type TestApp } from '../../helpers/app';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

describe('active accounts of a batch of customers', () => {
  it('are looked up by customer, and are exactly the active ones in customer then account order', async () => {
    t = await testApp();
    const db = t.app.ctx.sqlite;
    db.prepare(
      `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name)
       VALUES ('P', 1024, 2048, 150000, 'monthly', 30, 'P')`,
    ).run();
    const customer = db.prepare(`INSERT INTO customers(customer_code, name, join_date) VALUES (?, 'x', '2026-01-01')`);
    const account = db.prepare(
      `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name, status)
       VALUES (?, 1, ?, 'x', 'P', ?)`,
    );
    db.transaction(() => {
      for (let i = 1; i <= 40; i++) customer.run(`C${i}`);
      // Customer 5's second account comes last; 6's is suspended; 7 has none.
      for (let i = 1; i <= 40; i++) if (i !== 7) account.run(i, `pel${i}`, i === 6 ? 'suspended' : 'active');
      account.run(5, 'pel5b', 'active');
    })();
    db.exec('DROP TABLE IF EXISTS sqlite_stat1'); // no statistics: a new install before its first tick
    const prepare = vi.spyOn(db, 'prepare');
    const rows = activeAccountRowsOf(db, [9, 5, 6, 7, 5, 2]);
    expect(rows.map((r) => [r.customerId, r.username])).toEqual([
      [2, 'pel2'],
      [5, 'pel5'],
      [5, 'pel5b'],
      [9, 'pel9'],
    ]);
    // The plan of the statement it ran.
    const sql = prepare.mock.calls.map(([q]) => q).find((q) => q.includes('FROM pppoe_accounts'))!;
    prepare.mockRestore();
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[1]') as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).toContain('SEARCH a USING INDEX pppoe_customer_idx (customer_id=?)');
    expect(plan.join('\n')).not.toContain('pppoe_status_idx');
  });
});
