import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { migrationsBefore, tempDir, testApp, type TestApp } from '../../helpers/app';
import { seedBilling, travelTo } from './fixtures';

/*
 * Issue 14 / 20: drizzle/0038 replaced the triggers a payment fires on invoices (the aging summary's
 * re-read of the customer's open invoices, the daily invoice aggregate's remove-and-add) with statements
 * that change the row the payment touches. The same mixed sequence of payments (partial, whole, over,
 * from the deposit, on a chosen invoice), voids, refunds, invoice voids, new months and day moves runs on
 * an app migrated up to 0037 and on one with 0038: every table must hold the same rows. And a trigger off
 * by one rupiah must be caught.
 */
const apps: TestApp[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const t of apps.splice(0)) t.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function app(migrations: 'old' | 'new'): Promise<TestApp> {
  let migrationsFolder: string | undefined;
  if (migrations === 'old') {
    const dir = tempDir();
    dirs.push(dir);
    migrationsFolder = migrationsBefore(dir, '0038_payment_triggers');
  }
  const t = await testApp({ migrationsFolder });
  apps.push(t);
  return t;
}

/** Rows that differ between two apps for reasons of their own: sign-in tokens, keys, the migrations list. */
const UNRELATED = /^(__drizzle_migrations|auth_sessions|users|.*_fts.*|sqlite_.*)$/;

/** When this test started: instants from then on come from SQLite's own clock (column defaults), not the app's. */
const started = Date.now() - 1000;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const wallClock = (_key: string, v: unknown) =>
  typeof v === 'string' && ISO.test(v) && Date.parse(v) >= started && Date.parse(v) <= Date.now() ? '(now)' : v;

/** The new app's tables that the old one has too: later migrations add tables of their own. */
function sameTables(now: TestApp, old: TestApp): Record<string, string[]> {
  const mine = tables(now);
  return Object.fromEntries(Object.keys(tables(old)).map((name) => [name, mine[name] ?? []]));
}

function tables(t: TestApp): Record<string, string[]> {
  const db = t.app.ctx.sqlite;
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    names
      .filter((n) => !UNRELATED.test(n))
      .map((n) => [
        n,
        (db.prepare(`SELECT * FROM "${n}"`).all() as object[]).map((r) => JSON.stringify(r, wallClock)).sort(),
      ]),
  );
}

/** The aging summary recomputed from the invoices (as 0031's back-fill does). */
function agingRecomputed(t: TestApp) {
  const db = t.app.ctx.sqlite;
  const kept = db
    .prepare(
      'SELECT customer_id, bucket, issued, brand_id, invoices, owed, oldest_due FROM report_aging_customers ORDER BY 1, 2, 3',
    )
    .all();
  const recomputed = db
    .prepare(
      `SELECT i.customer_id, CASE WHEN i.due_date >= s.as_of THEN 0 WHEN i.due_date >= date(s.as_of, '-30 days') THEN 1
           WHEN i.due_date >= date(s.as_of, '-60 days') THEN 2 WHEN i.due_date >= date(s.as_of, '-90 days') THEN 3 ELSE 4 END AS bucket,
         i.invoice_date <= s.as_of AS issued, c.brand_id, count(*) AS invoices, sum(i.amount - i.paid_amount) AS owed,
         min(i.due_date) AS oldest_due
       FROM invoices i JOIN customers c ON c.id = i.customer_id JOIN report_aging_state s ON s.id = 1
       WHERE i.status IN ('unpaid', 'partial', 'overdue') AND i.amount > i.paid_amount GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
  return { kept, recomputed };
}

/** The mixed sequence; every answer (or refusal) is returned so both apps can be compared call by call. */
async function run(t: TestApp): Promise<unknown[]> {
  const out: unknown[] = [];
  const { customers } = await seedBilling(t, { customers: 4, startDate: '2026-08-01' });
  const db = t.app.ctx.sqlite;
  db.prepare('UPDATE subscriptions SET monthly_fee = monthly_fee + id * 25000').run();
  const [c0, c1, c2, c3] = customers.map((c) => c.id) as [number, number, number, number];
  const call = async (channel: string, input: object) => {
    const r = await t.call(channel as never, input as never);
    out.push(r);
    return r.ok ? (r.value as { id: number }) : undefined;
  };
  const open = (customerId: number) =>
    db
      .prepare(
        "SELECT id, amount - paid_amount AS owed FROM invoices WHERE customer_id = ? AND status IN ('unpaid', 'partial') ORDER BY due_date, id",
      )
      .all(customerId) as { id: number; owed: number }[];
  for (const period of ['2026-09', '2026-10', '2026-11']) await call('billing.generateInvoices', { period });

  const whole = await call('payments.create', { customerId: c0, amount: open(c0)[0]!.owed, method: 'cash' });
  const part = await call('payments.create', { customerId: c1, amount: 50_000, method: 'cash', tendered: 100_000 });
  await call('payments.create', { customerId: c1, amount: 60_000, method: 'e_wallet', referenceNumber: 'EW-1' });
  const over = await call('payments.create', {
    customerId: c1,
    amount: open(c1).reduce((s, i) => s + i.owed, 0) - 10_000,
    method: 'bank_transfer',
    referenceNumber: 'TF-1',
    confirmLarge: true,
  });
  const chosen = open(c2).at(-1)!.id;
  await call('payments.create', { customerId: c2, amount: 75_000, method: 'cash', invoiceId: chosen });
  await call('payments.create', {
    customerId: c3,
    amount: 2_000_000,
    method: 'bank_transfer',
    referenceNumber: 'TF-2',
    confirmLarge: true,
  });
  await call('billing.generateInvoices', { period: '2026-12' });
  await call('payments.create', { customerId: c3, amount: 100_000, method: 'deposit' });
  await call('payments.create', { customerId: c3, amount: 20_000, method: 'cash', useDeposit: true });
  if (part) await call('payments.void', { id: part.id, reason: 'Salah input' });
  if (whole) await call('payments.void', { id: whole.id, reason: 'Salah pelanggan' });
  if (over) await call('payments.void', { id: over.id, reason: 'Dobel' });
  const refund = await call('refunds.create', { customerId: c3, amount: 30_000, method: 'cash', reason: 'Pindah' });
  if (refund) await call('refunds.void', { id: refund.id, reason: 'Batal' });
  await call('invoices.void', { id: open(c2)[0]!.id, reason: 'Salah tagih' });
  // Later days: the aging report moves the summaries on, and payments then land in older buckets.
  for (const day of ['2026-12-20', '2027-01-25', '2027-03-05']) {
    travelTo(t, `${day}T03:00:00.000Z`);
    await call('reports.aging', {});
    for (const c of [c0, c1, c2]) {
      const first = open(c)[0];
      if (first) await call('payments.create', { customerId: c, amount: Math.max(1, first.owed - 1), method: 'cash' });
      if (first) await call('payments.create', { customerId: c, amount: 1, method: 'cash', invoiceId: first.id });
    }
  }
  await call('billing.generateInvoices', { period: '2027-03' });
  // And some left part paid, so what the partial payments wrote stays to be compared.
  for (const c of [c0, c1, c2, c3]) await call('payments.create', { customerId: c, amount: 10_000, method: 'cash' });
  return out;
}

/** One trigger of the new app rewritten to count one rupiah too many of what an invoice still owes. */
function offByOne(t: TestApp, trigger: string) {
  const db = t.app.ctx.sqlite;
  const sql = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")
    .pluck()
    .get(trigger) as string;
  const wrong = sql.replace('+ (new.amount - new.paid_amount)', '+ (new.amount - new.paid_amount + 1)');
  expect(wrong).not.toBe(sql);
  db.exec(`DROP TRIGGER ${trigger}`);
  db.exec(wrong);
}

describe('the triggers a payment fires (drizzle/0038)', () => {
  it('leave every table as the triggers before them did, and the aging summary as recomputed', async () => {
    const old = await app('old');
    const now = await app('new');
    expect(
      old.app.ctx.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'report_aging_inv_au_owed'").get(),
    ).toBeUndefined();
    const answers = await run(old);
    expect(await run(now)).toEqual(answers);
    // The sequence did what it is meant to: money moved, voids and refunds went through.
    expect(answers.filter((r) => (r as { ok: boolean }).ok).length).toBeGreaterThan(25);
    expect(sameTables(now, old)).toEqual(tables(old));
    const aging = agingRecomputed(now);
    expect(aging.kept.length).toBeGreaterThan(0);
    expect(aging.kept).toEqual(aging.recomputed);
  }, 120_000);

  it.each(['report_aging_inv_au_owed', 'report_inv_au_same'])(
    'find a summary off by one rupiah in %s',
    async (trigger) => {
      const old = await app('old');
      const now = await app('new');
      offByOne(now, trigger);
      await run(old);
      await run(now);
      expect(sameTables(now, old)).not.toEqual(tables(old));
    },
    120_000,
  );
});
