/**
 * The rows of each audit action, counted by a trigger (audit_action_counts, drizzle/0043): an action filter
 * alone takes its total and its walk-or-index choice from them (data/audit.queries.ts). They must equal a
 * GROUP BY of the trail after any mix of inserts, and the migration must count the trail already there.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditPage } from '../../../src-main/data/audit.queries';
import { runMigrations } from '../../../src-main/db/migrate';
import type { Sqlite } from '../../../src-main/db/open';
import { MIGRATIONS, migrationsBefore, tempDir } from '../../helpers/app';

const ACTIONS = ['payment.create', 'payment.void', 'payment-x.odd', 'paymentfoo.bar', 'gateway.payment.create',
  'user.login', 'pélanggan.ubah', 'payment']; // prettier-ignore

function database(folder = MIGRATIONS): Sqlite {
  const sqlite = new Database(':memory:') as unknown as Sqlite;
  runMigrations(sqlite, drizzle(sqlite as never) as never, folder);
  return sqlite;
}

function seed(db: Sqlite, actions: string[]) {
  const ins = db.prepare(
    "INSERT INTO audit_log(at, user_id, username, action, entity, entity_id) VALUES (?, NULL, 'x', ?, 'e', '1')",
  );
  db.transaction(() =>
    actions.forEach((a, i) => ins.run(new Date(Date.UTC(2026, 5, 1) + i * 60_000).toISOString(), a)),
  )();
}

const counted = (db: Sqlite) => db.prepare('SELECT action, rows FROM audit_action_counts ORDER BY action').all();
const grouped = (db: Sqlite) =>
  db.prepare('SELECT action, count(*) AS rows FROM audit_log GROUP BY action ORDER BY action').all();

describe('audit trail: rows per action', () => {
  it('are counted exactly as rows are added, and give an action filter its exact total and rows', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 60 }), { maxLength: 5 }), (batches) => {
        const db = database();
        for (const b of batches) seed(db, b);
        expect(counted(db)).toEqual(grouped(db));
        const all = db.prepare('SELECT id, action FROM audit_log ORDER BY id DESC').all() as {
          id: number;
          action: string;
        }[];
        for (const action of ['payment', 'payment.void', 'gateway.payment', 'paymen', 'pélanggan', 'user']) {
          const want = all.filter((r) => r.action === action || r.action.startsWith(`${action}.`));
          // A cap below the rows: the counted total is still exact (counting would have stopped at the cap).
          const page = auditPage(db, { action }, 25, 0, 10);
          expect(page.total, action).toBe(want.length);
          expect(page.totalIsLowerBound).toBe(false);
          expect(page.items.map((e) => e.id)).toEqual(want.slice(0, 25).map((r) => r.id));
        }
        db.close();
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it('give the exact total of a family too common to count (counting would stop at √(25 × rows))', () => {
    const db = database();
    // 2,000 rows, nine in ten payments: counting stopped at √(25 × 2,000) = 224 and gave a lower bound.
    seed(
      db,
      Array.from({ length: 2_000 }, (_, i) => (i % 10 ? 'payment.create' : 'user.login')),
    );
    for (const offset of [0, 1_000, 1_790]) {
      const page = auditPage(db, { action: 'payment' }, 25, offset, 10);
      expect(page).toMatchObject({ total: 1_800, totalIsLowerBound: false });
      expect(page.items.length).toBe(Math.min(25, 1_800 - offset));
    }
    expect(auditPage(db, { action: 'user.login' }, 25, 0, 10).total).toBe(200);
    db.close();
  });

  it('are filled by the migration from the trail already there', () => {
    const dir = tempDir();
    try {
      const db = database(migrationsBefore(dir, '0043_audit_action_counts'));
      seed(
        db,
        Array.from({ length: 500 }, (_, i) => ACTIONS[(i * 7) % ACTIONS.length]!),
      );
      runMigrations(db, drizzle(db as never) as never, MIGRATIONS);
      expect(counted(db)).toEqual(grouped(db));
      expect((counted(db) as unknown[]).length).toBe(ACTIONS.length);
      seed(db, ['payment.void']);
      expect(counted(db)).toEqual(grouped(db));
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
