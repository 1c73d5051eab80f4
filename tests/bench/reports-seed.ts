import { addDays } from '../../src-shared/dates';
import type { Sqlite } from '../../src-main/db/open';
import { seedCustomers } from './platform.bench';

export const REPORTS_CUSTOMERS = 50_000;
const PAYMENTS = 1_000_000;
const METHODS = ['cash', 'cash', 'cash', 'bank_transfer', 'e_wallet', 'credit_card'];

/** Deterministic pseudo-random numbers (the same ledger every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * The reports suite's world, raw SQL with the report triggers on: `customers` customers, 36 monthly
 * invoices each (the last three carry the arrears) and payments in proportion (1,000,000 at 50,000).
 * `brands` > 1 adds brands 2… and spreads the customers over them round-robin (issue 18's 3-brand bench).
 */
export function seedReportsWorld(db: Sqlite, customers: number, brands = 1): void {
  const payments = Math.round((PAYMENTS * customers) / REPORTS_CUSTOMERS);
  seedCustomers(db, customers);
  const random = rng(42);
  const start = '2023-12-01';
  db.transaction(() => {
    for (let b = 2; b <= brands; b++)
      db.prepare('INSERT INTO brands(id, name, invoice_prefix) VALUES (?, ?, ?)').run(b, `Brand ${b}`, `B${b}`);
    if (brands > 1) db.prepare(`UPDATE customers SET brand_id = 1 + (id - 1) % ?`).run(brands);
    const inv = db.prepare(
      `INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, paid_amount, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let n = 0;
    for (let m = 0; m < 36; m++) {
      const date = `${2023 + Math.floor((11 + m) / 12)}-${String(((11 + m) % 12) + 1).padStart(2, '0')}-01`;
      for (let c = 1; c <= customers; c++) {
        const amount = [99_000, 150_000, 250_000, 500_000][c % 4]!;
        const r = random();
        // Older months are mostly paid; the last three carry the arrears.
        const open = m >= 33 ? r < 0.35 : r < 0.01;
        const paid = open ? (r < 0.005 ? Math.floor(amount / 2) : 0) : amount;
        inv.run(
          `INV-${++n}`,
          c,
          date.slice(0, 7),
          date,
          addDays(date, 10),
          amount,
          paid,
          paid === amount ? 'paid' : paid ? 'partial' : 'unpaid',
        );
      }
    }
    const pay = db.prepare(
      `INSERT INTO payments(payment_number, customer_id, amount, method, payment_date, paid_at, received_by, status)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
    );
    for (let i = 0; i < payments; i++) {
      const day = addDays(start, Math.floor(random() * 1090));
      pay.run(
        `PAY-${i}`,
        1 + Math.floor(random() * customers),
        99_000 + Math.floor(random() * 400) * 1000,
        METHODS[i % METHODS.length],
        day,
        `${day}T03:00:00.000Z`,
        random() < 0.002 ? 'void' : 'live',
      );
    }
  })();
  db.pragma('optimize');
}
