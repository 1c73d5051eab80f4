/**
 * The automation tick on its own (issue 20: isolating ~5,000 overdue customers ≤ 300 ms): 50,000 customers with
 * one open bill and one PPPoE account each, 5,000 of them past the grace period, no router (the router work is
 * the sync queue's). Prints the isolating tick and the quiet tick after it, REPS times (accounts reset between).
 * Run it on two checkouts in turns to compare: `REPS=2 npx tsx tests/bench/automation-tick.ts`.
 */
import { testApp } from '../helpers/app';
import { seedCustomers } from './platform.bench';

const N = 50_000;
const OVERDUE = 5_000;

async function main() {
  const p = await testApp();
  const db = p.app.ctx.sqlite;
  seedCustomers(db, N);
  db.prepare("UPDATE customers SET status = 'active' WHERE status = 'inactive'").run();
  db.prepare(
    `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name)
     VALUES ('P1', 1024, 2048, 100000, 'monthly', 30, 'P1')`,
  ).run();
  db.prepare(
    `INSERT INTO subscriptions(customer_id, internet_package_id, start_date, monthly_fee, status, auto_renew, billing_day, prorate_first)
     SELECT c.id, 1, '2025-01-01', 100000, 'active', 1, 1, 0 FROM customers c`,
  ).run();
  const ins = db.prepare(
    `INSERT INTO invoices(invoice_number, customer_id, subscription_id, period, invoice_date, due_date, amount, paid_amount, status, description)
     VALUES (?, ?, ?, '2026-11', '2026-11-01', ?, 100000, 0, 'unpaid', 'Internet — 2026-11')`,
  );
  db.transaction(() => {
    for (let c = 1; c <= N; c++)
      ins.run(`INV-202611-${String(c).padStart(6, '0')}`, c, c, c > OVERDUE ? '2099-12-31' : '2026-11-11');
  })();
  db.prepare(
    `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name)
     SELECT id, 1, 'pel' || id, 'x', 'P1' FROM customers`,
  ).run();
  db.pragma('optimize');
  const reps = Number(process.env.REPS ?? 1);
  for (let r = 0; r < reps; r++) {
    if (r > 0) {
      db.prepare("UPDATE pppoe_accounts SET status = 'active', isolated_from_profile = NULL").run();
      db.prepare('DELETE FROM automation_log').run();
    }
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const tick = await p.ok('billing.runAutomation', {});
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    const quiet = await p.ok('billing.runAutomation', {});
    const t2 = performance.now();
    console.log(
      `isolating tick ${(t1 - t0).toFixed(0)} ms, CPU ${((c1.user + c1.system) / 1000).toFixed(0)} ms (${tick.isolated} isolated), quiet tick ${(t2 - t1).toFixed(0)} ms (${quiet.isolated} isolated, ${quiet.restored} restored)`,
    );
  }
  p.close();
}
void main();
