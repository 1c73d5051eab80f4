/**
 * Migration 0029 rebuilds gateway_transactions (customer_id nullable, reseller_id, one-payer CHECK): a
 * database with customer payments made before it keeps every row and link as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { runMigrations } from '../../../src-main/db/migrate';
import { MIGRATIONS, migrationsBefore, tempDir } from '../../helpers/app';

const TAG = '0029_reseller_gateway_topups';
let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('keeps a customer payment attempt, its credit and review rows unchanged', () => {
  dir = tempDir();
  const sqlite = new Database(path.join(dir, 'db.sqlite'));
  const db = drizzle(sqlite);
  runMigrations(sqlite, db as never, migrationsBefore(dir, TAG));
  const now = '2026-11-20T03:00:00.000Z';
  sqlite.exec(`
    INSERT INTO customers(customer_code, name, join_date, created_at, updated_at)
      VALUES ('CUST0001', 'Budi', '2026-11-01', '${now}', '${now}');
    INSERT INTO gateway_transactions(merchant_ref, provider, provider_ref, customer_id, amount, method, status,
      credit_state, expires_at, paid_amount, created_at, updated_at)
      VALUES ('PD-20261120-AAAA0001', 'tripay', 'T1', 1, 175000, 'QRIS', 'paid', 'review', '${now}', 170000, '${now}', '${now}');
    INSERT INTO gateway_credits(provider, merchant_ref, transaction_id, amount, outcome, via, created_at)
      VALUES ('tripay', 'PD-20261120-AAAA0001', 1, 170000, 'review', 'poll', '${now}');
    INSERT INTO payment_reviews(source, provider, reference, transaction_id, customer_id, amount, reason, created_at)
      VALUES ('gateway', 'tripay', 'PD-20261120-AAAA0001', 1, 1, 170000, 'amount_mismatch', '${now}');
  `);
  const read = () => ({
    tx: sqlite.prepare('SELECT * FROM gateway_transactions').all(),
    credits: sqlite.prepare('SELECT * FROM gateway_credits').all(),
    reviews: sqlite.prepare('SELECT * FROM payment_reviews').all(),
  });
  const before = read();

  const info = runMigrations(sqlite, db as never, MIGRATIONS);
  expect(info.applied).toBe(info.latest);
  const after = read();
  expect(after.tx).toEqual(before.tx.map((r) => ({ ...(r as object), reseller_id: null })));
  expect(after.credits).toEqual(before.credits);
  expect(after.reviews).toEqual(before.reviews);
  expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  // The next attempt still gets the next id, and the CHECK holds for a customer's row.
  sqlite
    .prepare(
      `INSERT INTO gateway_transactions(merchant_ref, provider, customer_id, amount, method, expires_at, created_at, updated_at)
       VALUES ('PD-2', 'tripay', 1, 1000, 'QRIS', 'x', 'x', 'x')`,
    )
    .run();
  expect(
    (sqlite.prepare(`SELECT id FROM gateway_transactions WHERE merchant_ref = 'PD-2'`).get() as { id: number }).id,
  ).toBe(2);
  sqlite.close();
});
