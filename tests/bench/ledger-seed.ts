import type { Sqlite } from '../../src-main/db/open';

/**
 * A year of history straight into SQLite (set-up only): for customers first..first+customers-1, one Rp 150.000
 * invoice per month of 2026 up to `months`, four in five paid in cash on the 5th (payment and allocation).
 * What the scaled benches (`--scale`) add so invoices and payments grow with the customers.
 */
export function seedLedger(sqlite: Sqlite, customers: number, months: number, first = 1) {
  const inv = sqlite.prepare(
    `INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, paid_amount, status)
     VALUES (?, ?, ?, ?, ?, 150000, ?, ?)`,
  );
  const pay = sqlite.prepare(
    `INSERT INTO payments(payment_number, customer_id, invoice_id, amount, method, payment_date, paid_at) VALUES (?, ?, ?, 150000, 'cash', ?, ?)`,
  );
  const alloc = sqlite.prepare('INSERT INTO payment_allocations(payment_id, invoice_id, amount) VALUES (?, ?, 150000)');
  sqlite.transaction(() => {
    let n = 0;
    for (let m = 1; m <= months; m++) {
      const period = `2026-${String(m).padStart(2, '0')}`;
      for (let c = first; c < first + customers; c++) {
        const paid = (c + m) % 5 !== 0;
        const { lastInsertRowid } = inv.run(
          `INV-${period.replace('-', '')}-${String(c).padStart(5, '0')}`,
          c,
          period,
          `${period}-01`,
          `${period}-10`,
          paid ? 150000 : 0,
          paid ? 'paid' : 'unpaid',
        );
        if (paid) {
          const p = pay.run(
            `PAY-${period.replace('-', '')}05-${String(++n).padStart(6, '0')}`,
            c,
            lastInsertRowid,
            `${period}-05`,
            `${period}-05T03:00:00.000Z`,
          );
          alloc.run(p.lastInsertRowid, lastInsertRowid);
        }
      }
    }
  })();
}
