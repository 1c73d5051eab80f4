import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { addDays } from '../../../src-shared/dates';

/** A random ledger, written with plain SQL so the report triggers see inserts, updates and voids. */
export interface LedgerOp {
  /** `brand` (issue 18: only the brands tests write it, with brands 2 and 3 made first) moves the customer. */
  kind: 'invoice' | 'payment' | 'pay' | 'voidInvoice' | 'voidPayment' | 'refund' | 'voidRefund' | 'brand';
  day: number;
  amount: number;
  pick: number;
  method: number;
  cashier: number;
  voidHour: number;
}

export const opArb = fc.record({
  kind: fc.constantFrom(
    'invoice',
    'invoice',
    'payment',
    'payment',
    'pay',
    'voidInvoice',
    'voidPayment',
    'refund',
    'voidRefund',
  ) as fc.Arbitrary<LedgerOp['kind']>,
  day: fc.integer({ min: 0, max: 800 }),
  amount: fc.integer({ min: 1, max: 2_000_000 }),
  pick: fc.nat(),
  method: fc.integer({ min: 0, max: 4 }),
  cashier: fc.integer({ min: 0, max: 2 }),
  voidHour: fc.integer({ min: 0, max: 23 }),
});

export const METHODS = ['cash', 'bank_transfer', 'e_wallet', 'credit_card', 'deposit'] as const;
export const REFUND_METHODS = ['cash', 'bank_transfer', 'e_wallet'] as const;
export const BASE_DAY = '2024-06-01';

export function seedBase(db: Database.Database): { customers: number[]; cashiers: (number | null)[] } {
  const customers: number[] = [];
  // A deposit large enough for any refund the ops write (the over-refund trigger checks it).
  const ins = db.prepare(
    "INSERT INTO customers(customer_code, name, join_date, phone, deposit) VALUES (?, ?, '2024-01-01', ?, 1000000000000)",
  );
  for (let i = 1; i <= 6; i++) customers.push(Number(ins.run(`T${i}`, `Customer ${i}`, `0812000${i}`).lastInsertRowid));
  const u = db
    .prepare(
      "INSERT INTO users(username, full_name, role, password_hash) VALUES ('kasir1', 'Kasir Satu', 'staff', 'x')",
    )
    .run();
  return { customers, cashiers: [null, 1, Number(u.lastInsertRowid)] };
}

/** Applies ops; returns nothing — the final tables are the source of truth for the oracle. */
export function applyOps(db: Database.Database, ops: LedgerOp[]) {
  const { customers, cashiers } = seedBase(db);
  let n = 0;
  for (const op of ops) {
    const day = addDays(BASE_DAY, op.day);
    const customer = customers[op.pick % customers.length]!;
    const invoices = db
      .prepare("SELECT id, amount, paid_amount AS paid, status FROM invoices WHERE status != 'void'")
      .all() as {
      id: number;
      amount: number;
      paid: number;
    }[];
    switch (op.kind) {
      case 'invoice':
        db.prepare(
          'INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(`INV-${++n}`, customer, day.slice(0, 7), day, addDays(day, 10), op.amount);
        break;
      case 'payment':
        db.prepare(
          `INSERT INTO payments(payment_number, customer_id, amount, method, payment_date, paid_at, received_by)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(`PAY-${++n}`, customer, op.amount, METHODS[op.method], day, `${day}T03:00:00.000Z`, cashiers[op.cashier]);
        break;
      case 'pay': {
        const inv = invoices[op.pick % Math.max(1, invoices.length)];
        if (!inv) break;
        const paid = Math.min(inv.amount, inv.paid + (op.amount % inv.amount) + 1);
        db.prepare('UPDATE invoices SET paid_amount = ?, status = ? WHERE id = ?').run(
          paid,
          paid === inv.amount ? 'paid' : 'partial',
          inv.id,
        );
        break;
      }
      case 'voidInvoice': {
        const inv = invoices[op.pick % Math.max(1, invoices.length)];
        if (!inv) break;
        // Voided at a UTC instant: 17:00Z and later is already the next day in WIB.
        db.prepare("UPDATE invoices SET status = 'void', voided_at = ? WHERE id = ?").run(
          `${day}T${String(op.voidHour).padStart(2, '0')}:30:00.000Z`,
          inv.id,
        );
        break;
      }
      case 'refund':
        db.prepare(
          `INSERT INTO deposit_refunds(refund_number, customer_id, amount, method, refund_date, refunded_at, reason, refunded_by)
           VALUES (?, ?, ?, ?, ?, ?, 'r', ?)`,
        ).run(
          `RFD-${++n}`,
          customer,
          op.amount,
          REFUND_METHODS[op.method % REFUND_METHODS.length],
          day,
          `${day}T04:00:00.000Z`,
          cashiers[op.cashier],
        );
        break;
      case 'voidRefund': {
        const live = db.prepare("SELECT id FROM deposit_refunds WHERE status = 'live' ORDER BY id").all() as {
          id: number;
        }[];
        const r = live[op.pick % Math.max(1, live.length)];
        if (r) db.prepare("UPDATE deposit_refunds SET status = 'void' WHERE id = ?").run(r.id);
        break;
      }
      case 'brand':
        db.prepare('UPDATE customers SET brand_id = ? WHERE id = ?').run(1 + (op.method % 3), customer);
        break;
      case 'voidPayment': {
        const live = db.prepare("SELECT id FROM payments WHERE status = 'live' ORDER BY id").all() as { id: number }[];
        const p = live[op.pick % Math.max(1, live.length)];
        if (p) db.prepare("UPDATE payments SET status = 'void' WHERE id = ?").run(p.id);
        break;
      }
    }
  }
}
