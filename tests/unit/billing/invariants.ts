import { expect } from 'vitest';
import type { AppContext } from '../../../src-main/core/context';

/**
 * DOMAIN.md's ledger invariants, checked with independent SQL and plain JS (no service code):
 * paid_amount = live allocations, status follows amounts, deposit = ledger sum ≥ 0, one invoice per
 * subscription and period, gapless unique numbering, audit rows for every change, voids reversed,
 * deposit refunds never above the deposit they paid out of, and their daily aggregate exact.
 */
export function checkInvariants(app: AppContext, opts: { allowNegativeDeposit?: boolean } = {}): void {
  const db = app.sqlite;
  const all = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[];

  // Invoices: paid amount and status.
  const invoices = all<{
    id: number;
    number: string;
    amount: number;
    paid: number;
    status: string;
    live: number;
    sub: number | null;
    period: string;
  }>(
    `SELECT i.id, i.invoice_number AS number, i.amount, i.paid_amount AS paid, i.status, i.subscription_id AS sub, i.period,
            coalesce((SELECT sum(a.amount) FROM payment_allocations a WHERE a.invoice_id = i.id AND a.is_live = 1), 0) AS live
     FROM invoices i`,
  );
  for (const i of invoices) {
    expect(i.paid, `${i.number} paid_amount = live allocations`).toBe(i.live);
    expect(i.paid >= 0 && i.paid <= i.amount, `${i.number} 0 ≤ paid ≤ amount`).toBe(true);
    const want = i.status === 'void' ? 'void' : i.paid === 0 ? 'unpaid' : i.paid >= i.amount ? 'paid' : 'partial';
    expect(i.status, `${i.number} status`).toBe(want);
    if (i.status === 'void') expect(i.paid, `${i.number} void has no live money`).toBe(0);
  }
  // One invoice per subscription per period.
  const keys = invoices.filter((i) => i.sub !== null).map((i) => `${i.sub}:${i.period}`);
  expect(new Set(keys).size, 'one invoice per subscription per period').toBe(keys.length);

  // Numbering: unique, and per month / per day exactly 1..N where N is the counter.
  const gapless = (numbers: string[], re: RegExp, seqName: (prefix: string, key: string) => string) => {
    expect(new Set(numbers).size, 'numbers unique').toBe(numbers.length);
    const groups = new Map<string, number[]>();
    for (const n of numbers) {
      const m = re.exec(n);
      expect(m, `number format ${n}`).not.toBeNull();
      const g = `${m![1]}|${m![2]}`;
      groups.set(g, [...(groups.get(g) ?? []), Number(m![3])]);
    }
    for (const [g, ns] of groups) {
      ns.sort((a, b) => a - b);
      expect(ns, `gapless ${g}`).toEqual(ns.map((_, k) => k + 1));
      const [prefix, key] = g.split('|') as [string, string];
      const seq = db.prepare('SELECT value FROM sequences WHERE name = ?').get(seqName(prefix, key)) as
        | { value: number }
        | undefined;
      expect(seq?.value, `counter of ${g}`).toBe(ns.length);
    }
  };
  gapless(
    invoices.map((i) => i.number),
    /^([A-Z0-9]+)-(\d{6})-(\d{5})$/,
    (p, k) => `invoice:${p}:${k}`,
  );
  const payments = all<{
    id: number;
    number: string;
    amount: number;
    method: string;
    status: string;
    customer: number;
  }>('SELECT id, payment_number AS number, amount, method, status, customer_id AS customer FROM payments');
  gapless(
    payments.map((p) => p.number),
    /^([A-Z0-9]+)-(\d{8})-(\d{4})$/,
    (p, k) => `payment:${p}:${k}`,
  );

  // Deposit = ledger sum, never negative (unless allowed).
  for (const c of all<{ id: number; deposit: number; ledger: number }>(
    'SELECT c.id, c.deposit, coalesce((SELECT sum(amount) FROM deposit_ledger d WHERE d.customer_id = c.id), 0) AS ledger FROM customers c',
  )) {
    expect(c.deposit, `customer ${c.id} deposit = ledger`).toBe(c.ledger);
    if (!opts.allowNegativeDeposit) expect(c.deposit, `customer ${c.id} deposit ≥ 0`).toBeGreaterThanOrEqual(0);
  }

  // Payments: money received = allocated + credited to deposit; deposit use = deposit debits; voids fully reversed.
  for (const p of payments) {
    const a = db
      .prepare(
        `SELECT coalesce(sum(CASE WHEN source = 'payment' AND is_live = 1 THEN amount END), 0) AS fromMoney,
                coalesce(sum(CASE WHEN source = 'deposit' AND is_live = 1 THEN amount END), 0) AS fromDeposit,
                coalesce(sum(CASE WHEN is_live = 1 THEN 1 ELSE 0 END), 0) AS live
         FROM payment_allocations WHERE payment_id = ?`,
      )
      .get(p.id) as { fromMoney: number; fromDeposit: number; live: number };
    const l = db
      .prepare(
        `SELECT coalesce(sum(CASE WHEN amount > 0 AND kind IN ('overpayment','topup') THEN amount END), 0) AS credit,
                coalesce(sum(CASE WHEN kind = 'applied' THEN -amount END), 0) AS applied,
                coalesce(sum(amount), 0) AS net
         FROM deposit_ledger WHERE payment_id = ?`,
      )
      .get(p.id) as { credit: number; applied: number; net: number };
    if (p.status === 'void') {
      expect(a.live, `${p.number} void: no live allocations`).toBe(0);
      expect(l.net, `${p.number} void: deposit effect reversed`).toBe(0);
    } else {
      expect(a.fromMoney + l.credit, `${p.number} received = allocated + deposit credit`).toBe(p.amount);
      expect(a.fromDeposit, `${p.number} deposit allocations = deposit debit`).toBe(l.applied);
      expect(p.amount + a.fromDeposit, `${p.number} does something`).toBeGreaterThan(0);
    }
  }

  // Audit: every invoice created/voided, every payment created/voided, every allocation applied/reversed.
  const auditCount = (action: string, entity: string, id: number) =>
    (
      db
        .prepare('SELECT count(*) AS n FROM audit_log WHERE action = ? AND entity = ? AND entity_id = ?')
        .get(action, entity, String(id)) as { n: number }
    ).n;
  for (const i of invoices) {
    expect(auditCount('invoice.create', 'invoice', i.id), `${i.number} create audited`).toBe(1);
    expect(auditCount('invoice.void', 'invoice', i.id), `${i.number} void audited`).toBe(i.status === 'void' ? 1 : 0);
    const allocs = db
      .prepare(
        'SELECT count(*) AS n, coalesce(sum(1 - is_live), 0) AS dead FROM payment_allocations WHERE invoice_id = ?',
      )
      .get(i.id) as { n: number; dead: number };
    expect(auditCount('invoice.payment', 'invoice', i.id), `${i.number} payments audited`).toBe(allocs.n);
    expect(auditCount('invoice.payment_void', 'invoice', i.id), `${i.number} reversals audited`).toBe(allocs.dead);
  }
  for (const p of payments) {
    expect(auditCount('payment.create', 'payment', p.id), `${p.number} create audited`).toBe(1);
    expect(auditCount('payment.void', 'payment', p.id), `${p.number} void audited`).toBe(p.status === 'void' ? 1 : 0);
  }
  // Deposit refunds: paid out of the deposit there was (never more), one ledger debit each, reversed by a void.
  const refunds = all<{ id: number; number: string; customer: number; amount: number; status: string }>(
    'SELECT id, refund_number AS number, customer_id AS customer, amount, status FROM deposit_refunds',
  );
  gapless(
    refunds.map((r) => r.number),
    /^([A-Z0-9]+)-(\d{8})-(\d{4})$/,
    (p, k) => `refund:${p}:${k}`,
  );
  for (const r of refunds) {
    expect(r.amount, `${r.number} amount > 0`).toBeGreaterThan(0);
    const rows = all<{ id: number; kind: string; amount: number }>(
      'SELECT id, kind, amount FROM deposit_ledger WHERE refund_id = ? ORDER BY id',
      r.id,
    );
    const want = r.status === 'void' ? ['refund', 'reversal'] : ['refund'];
    expect(
      rows.map((x) => x.kind),
      `${r.number} ledger rows`,
    ).toEqual(want);
    expect(rows[0]!.amount, `${r.number} debit`).toBe(-r.amount);
    if (r.status === 'void') expect(rows[1]!.amount, `${r.number} void gives it back`).toBe(r.amount);
    const before = (
      db
        .prepare('SELECT coalesce(sum(amount), 0) AS s FROM deposit_ledger WHERE customer_id = ? AND id < ?')
        .get(r.customer, rows[0]!.id) as { s: number }
    ).s;
    expect(r.amount, `${r.number} never more than the deposit`).toBeLessThanOrEqual(before);
    expect(auditCount('refund.create', 'refund', r.id), `${r.number} create audited`).toBe(1);
    expect(auditCount('refund.void', 'refund', r.id), `${r.number} void audited`).toBe(r.status === 'void' ? 1 : 0);
  }
  // The trigger-kept daily aggregate equals the live refunds.
  const agg = (sql: string) => JSON.stringify(db.prepare(sql).all());
  expect(
    agg(
      'SELECT day, method, refunded_by AS u, brand_id AS b, refunds AS n, amount FROM report_daily_refunds WHERE refunds != 0 OR amount != 0 ORDER BY 1, 2, 3, 4',
    ),
    'report_daily_refunds exact',
  ).toBe(
    agg(`SELECT r.refund_date AS day, r.method, coalesce(r.refunded_by, 0) AS u, c.brand_id AS b, count(*) AS n, sum(r.amount) AS amount
         FROM deposit_refunds r JOIN customers c ON c.id = r.customer_id WHERE r.status = 'live' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`),
  );

  // Each deposit movement has its audit row (one per payment or refund, and direction).
  const grouped = (
    db
      .prepare(
        `SELECT count(*) AS n FROM (SELECT payment_id, refund_id, CASE WHEN kind = 'reversal' THEN 'r' ELSE 'f' END AS dir
                                     FROM deposit_ledger GROUP BY 1, 2, 3)`,
      )
      .get() as { n: number }
  ).n;
  const depositAudits = (
    db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'customer.deposit'").get() as { n: number }
  ).n;
  expect(depositAudits, 'deposit changes audited').toBe(grouped);
}
