/**
 * customer_digit_terms (drizzle/0039, data/customers-search.ts hitIndex): the triggers keep it equal to the
 * suffixes of 4+ digits of every customer's search text, through creates, updates, deletes and the back-fill
 * of a database that had customers before the migration; and a phone finds its customer however it is typed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runMigrations } from '../../../src-main/db/migrate';
import type { Sqlite } from '../../../src-main/db/open';
import { MIGRATIONS, migrationsBefore, tempDir, testApp, type TestApp } from '../../helpers/app';

let t: TestApp | undefined;
let dir = '';
afterEach(() => {
  t?.close();
  t = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** What the table must hold, computed here without SQL: each run's suffixes, once, and `shared` (≤ 31). */
function expectedTerms(db: Sqlite): string[] {
  const rows = db.prepare('SELECT id, search_text AS s FROM customers').all() as { id: number; s: string }[];
  return rows.flatMap(({ id, s }) => {
    const terms = [...new Set((s.match(/[0-9]+/g) ?? []).flatMap((run) => [...run].map((_, i) => run.slice(i))))]
      .filter((x) => x.length >= 4)
      .sort();
    return terms.map((term, i) => {
      const prev = terms[i - 1] ?? '';
      let shared = 0;
      while (shared < 31 && shared < prev.length && prev[shared] === term[shared]) shared++;
      return `${term} ${id} ${shared}`;
    });
  });
}

const stored = (db: Sqlite) =>
  (
    db.prepare('SELECT term, customer_id AS id, shared FROM customer_digit_terms').all() as {
      term: string;
      id: number;
      shared: number;
    }[]
  ).map((r) => `${r.term} ${r.id} ${r.shared}`);

const sorted = (xs: string[]) => [...xs].sort();

describe('customer_digit_terms', () => {
  it('is kept equal to the search texts through creates, updates and deletes', async () => {
    t = await testApp();
    const db = t.app.ctx.sqlite;
    const made: { id: number }[] = [];
    for (const [name, phone, idCard] of [
      ['Budi 12345', '0812-3456-7801', '3201123456789012'],
      ['Siti', '+62 812 3456 7802', null],
      ['Rini 2024', '0812 0812 0812', '1111111111111111'],
      ['Agus', null, '0000000000000000'],
      ['Joko 7', '021 555 0199', null],
    ] as const)
      made.push(await t.ok('customers.create', { name, phone, idCard }));
    // A run longer than 31 digits (its `shared` stops at 31), written straight to the table.
    db.prepare(
      "INSERT INTO customers(customer_code, name, status, join_date) VALUES ('X1', ?, 'active', '2026-01-01')",
    ).run(`Panjang ${'9'.repeat(40)}8 ${'9'.repeat(35)}`);
    expect(sorted(stored(db))).toEqual(sorted(expectedTerms(db)));
    expect(stored(db).length).toBeGreaterThan(100);

    await t.ok('customers.update', { id: made[0]!.id, phone: '0857 1111 2222', name: 'Budi 999999' });
    await t.ok('customers.update', { id: made[1]!.id, phone: null });
    await t.ok('customers.update', { id: made[2]!.id, idCard: null });
    await t.ok('customers.update', { id: made[3]!.id, notes: 'no search text change' });
    expect(sorted(stored(db))).toEqual(sorted(expectedTerms(db)));

    expect((await t.call('customers.delete', { id: made[4]!.id })).ok).toBe(true);
    expect(stored(db).filter((r) => r.split(' ')[1] === String(made[4]!.id))).toEqual([]);
    expect(sorted(stored(db))).toEqual(sorted(expectedTerms(db)));
  });

  it('is filled for the customers already there when the migration runs', () => {
    dir = tempDir();
    const sqlite = new Database(path.join(dir, 'db.sqlite'));
    const db = drizzle(sqlite);
    runMigrations(sqlite, db as never, migrationsBefore(dir, '0039_customer_digit_terms'));
    const ins = sqlite.prepare(
      "INSERT INTO customers(customer_code, name, phone, id_card, join_date, created_at, updated_at) VALUES (?, ?, ?, ?, '2026-01-01', 'x', 'x')",
    );
    ins.run('CUST0001', 'Budi 2024', '0812-3456-7801', '3200000000000420');
    ins.run('CUST0002', 'Siti', '+62 812 0812 0812', null);
    ins.run('CUST0003', 'Tanpa Nomor', null, null);
    ins.run('CUST12345', `Panjang ${'0'.repeat(40)}`, null, '1111111111111111');
    const info = runMigrations(sqlite, db as never, MIGRATIONS);
    expect(info.applied).toBe(info.latest);
    expect(stored(sqlite).length).toBeGreaterThan(40);
    expect(sorted(stored(sqlite))).toEqual(sorted(expectedTerms(sqlite)));
    sqlite.close();
  });

  it('finds a phone however it was stored and however it is typed', async () => {
    t = await testApp();
    const stored = ['0812-3456-7801', '0812 3456 7802', '+62 812-3456-7803', '+6281234567804', '081234567805'];
    const ids: number[] = [];
    for (const [i, phone] of stored.entries())
      ids.push((await t.ok('customers.create', { name: `Pelanggan ${i}`, phone })).id);
    await t.ok('customers.create', { name: 'Lain', phone: '0857-1111-2222' });
    const found = async (search: string) =>
      (await t!.ok('customers.list', { search, pageSize: 50, sort: { field: 'createdAt', dir: 'asc' } })).items.map(
        (c) => c.id,
      );
    for (const typed of ['0812 3456', '08123456', '+62812 3456', '62 812-3456', '812-3456', '8123456', '812345678'])
      expect(await found(typed), typed).toEqual(ids);
    expect(await found('0812-3456-7803')).toEqual([ids[2]]);
    expect(await found('+62 812 3456 7804')).toEqual([ids[3]]);
    expect(await found('812-34')).toEqual([ids[0], ids[2]]);
    expect(await found('7805')).toEqual([ids[4]]);
    // The cash desk finds them from the same index.
    const desk = await t.ok('cashdesk.lookup', { query: '34567801', limit: 10 } as never);
    expect(desk.customers.map((c: { id: number }) => c.id)).toEqual([ids[0]]);
  });
});
