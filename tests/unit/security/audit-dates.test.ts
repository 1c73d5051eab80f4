/**
 * A date-filtered audit page walks the range of ids its dates cover, known from the backward steps of the
 * trail's instants (audit_time_steps / audit_time_setbacks, drizzle/0042; data/audit.queries.ts idSpan). On
 * random trails whose clock steps back (by a second, as the API call log writes late, or by days, a PC clock
 * set back) and forward: the pages, totals and exports are those of a plain query, the trigger keeps exactly
 * the backward steps and their merged stretches, and the migration's back-fill finds the same ones.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditPage, auditRowsForExport, type AuditQuery } from '../../../src-main/data/audit.queries';
import { runMigrations } from '../../../src-main/db/migrate';
import type { Sqlite } from '../../../src-main/db/open';
import { MIGRATIONS, migrationsBefore, tempDir } from '../../helpers/app';

const BASE = Date.UTC(2026, 5, 1);
const MIN = 60_000;
const ACTIONS = ['payment.create', 'payment.void', 'user.login', 'customer.update', 'payment-x.odd'];

/** A migrated database in memory (or with the migrations of `folder`). */
function database(folder = MIGRATIONS): Sqlite {
  const sqlite = new Database(':memory:') as unknown as Sqlite;
  runMigrations(sqlite, drizzle(sqlite as never) as never, folder);
  return sqlite;
}

/** One step of the clock from the row before: forward, not at all, back a second, back days, far forward. */
const step = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 1, max: 90 }).map((m) => m * MIN) },
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: -2000, max: -1 }) },
  { weight: 1, arbitrary: fc.integer({ min: -3 * 24 * 60, max: -1 }).map((m) => m * MIN) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 * 24 * 60 }).map((m) => m * MIN) },
);
const row = fc.record({ step, action: fc.constantFrom(...ACTIONS), reason: fc.constantFrom(null, 'salah input') });
const trail = fc.array(row, { minLength: 0, maxLength: 250 });

function seed(db: Sqlite, rows: { step: number; action: string; reason: string | null }[]) {
  const ins = db.prepare(
    "INSERT INTO audit_log(at, user_id, username, action, entity, entity_id, reason) VALUES (?, NULL, 'u', ?, 'e', '1', ?)",
  );
  let ms = BASE;
  for (const r of rows) {
    ms += r.step;
    ins.run(new Date(ms).toISOString(), r.action, r.reason);
  }
}

/** What a filter must give: a plain query over every row, newest first (no index, no id bound). */
function plain(db: Sqlite, f: AuditQuery): number[] {
  const w = ['1'];
  const args: string[] = [];
  const test = (sql: string, ...a: string[]) => {
    w.push(sql);
    args.push(...a);
  };
  if (f.fromAt) test('at >= ?', f.fromAt);
  if (f.toAt) test('at < ?', f.toAt);
  if (f.action) test("(action = ? OR substr(action, 1, length(?) + 1) = ? || '.')", f.action, f.action, f.action);
  if (f.search) test("(action LIKE '%' || ? || '%' OR reason LIKE '%' || ? || '%')", f.search, f.search);
  return (
    db.prepare(`SELECT id FROM audit_log NOT INDEXED WHERE ${w.join(' AND ')} ORDER BY id DESC`).all(...args) as {
      id: number;
    }[]
  ).map((r) => r.id);
}

/** Each backward step of the trail (a row stamped before the row just before it), read row by row. */
function steps(db: Sqlite): { id: number; low: string; high: string }[] {
  const rows = db.prepare('SELECT id, at FROM audit_log NOT INDEXED ORDER BY id').all() as { id: number; at: string }[];
  return rows.flatMap((r, i) =>
    i > 0 && r.at < rows[i - 1]!.at ? [{ id: r.id, low: r.at, high: rows[i - 1]!.at }] : [],
  );
}

/** The stretches the backward steps crossed, merged: (low, high] for each step from high down to low. */
function stretches(db: Sqlite): { low: string; high: string }[] {
  const sorted = steps(db).sort((a, b) => (a.low < b.low ? -1 : a.low > b.low ? 1 : 0));
  const out: { low: string; high: string }[] = [];
  for (const { low, high } of sorted) {
    const last = out[out.length - 1];
    if (last && low <= last.high) last.high = high > last.high ? high : last.high;
    else out.push({ low, high });
  }
  return out;
}

const stored = (db: Sqlite) => db.prepare('SELECT low, high FROM audit_time_setbacks ORDER BY low').all();
const storedSteps = (db: Sqlite) => db.prepare('SELECT id, low, high FROM audit_time_steps ORDER BY id').all();

/** An instant near the trail's: one of its rows' (a boundary hit exactly), a millisecond off, or a day start. */
function instant(ats: string[]) {
  return fc.oneof(
    fc.nat().map((i) => ats[i % Math.max(1, ats.length)] ?? new Date(BASE).toISOString()),
    fc
      .tuple(fc.nat(), fc.constantFrom(-1, 1))
      .map(([i, d]) =>
        new Date(Date.parse(ats[i % Math.max(1, ats.length)] ?? new Date(BASE).toISOString()) + d).toISOString(),
      ),
    fc.integer({ min: -2, max: 12 }).map((d) => new Date(BASE + d * 86_400_000).toISOString()),
  );
}

describe('audit trail: date-filtered pages by id span', () => {
  it('give the rows, totals and exports of a plain query on trails whose clock steps back', () => {
    let spans = 0;
    fc.assert(
      fc.property(
        trail.chain((rows) => {
          const ats = (() => {
            let ms = BASE;
            return rows.map((r) => new Date((ms += r.step)).toISOString());
          })();
          const filter = fc.record(
            {
              fromAt: instant(ats),
              toAt: instant(ats),
              action: fc.constantFrom('payment', 'payment.void', 'user'),
              search: fc.constantFrom('salah', 'void'),
            },
            { requiredKeys: [] },
          );
          return fc.tuple(
            fc.constant(rows),
            fc.array(filter, { minLength: 1, maxLength: 6 }),
            fc.integer({ min: 3, max: 60 }),
          );
        }),
        ([rows, filters, cap]) => {
          const db = database();
          seed(db, rows);
          expect(storedSteps(db)).toEqual(steps(db));
          expect(stored(db)).toEqual(stretches(db));
          for (const f of filters) {
            const want = plain(db, f);
            if (f.fromAt || f.toAt) spans++;
            for (const [limit, offset] of [
              [25, 0],
              [5, 0],
              [5, 5],
              [10, 30],
              [25, 25],
              [5, 300],
            ] as const) {
              const label = `${JSON.stringify(f)} ${limit}@${offset} cap ${cap}`;
              const got = auditPage(db, f, limit, offset, cap);
              expect(
                got.items.map((e) => e.id),
                label,
              ).toEqual(want.slice(offset, offset + limit));
              if (!got.totalIsLowerBound) expect(got.total, label).toBe(want.length);
              else {
                expect(want.length, label).toBeGreaterThan(cap);
                expect(got.total, label).toBeGreaterThan(offset + limit);
                expect(got.total, label).toBeLessThanOrEqual(want.length);
              }
            }
            const asc = [...want].reverse();
            expect(auditRowsForExport(db, f, 10_000).map((e) => e.id)).toEqual(asc);
            expect(auditRowsForExport(db, f, 7).map((e) => e.id)).toEqual(asc.slice(0, 7));
          }
          db.close();
        },
      ),
      { numRuns: 120 },
    );
    expect(spans).toBeGreaterThan(100);
  });

  it('keeps a set-back day and the days around it exact, whether a date was crossed or not', () => {
    const db = database();
    // Days 1-3 at one row an hour; then the clock is set back to day 2 12:00 for 30 hours; then day 5 on.
    const hours = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => new Date(BASE + (from + i) * 3_600_000).toISOString());
    const ats = [...hours(0, 72), ...hours(36, 30), ...hours(96, 48)];
    const ins = db.prepare("INSERT INTO audit_log(at, action, entity) VALUES (?, 'user.login', 'user')");
    for (const at of ats) ins.run(at);
    expect(stored(db)).toEqual([{ low: new Date(BASE + 36 * 3_600_000).toISOString(), high: ats[71] }]);
    expect(storedSteps(db)).toEqual([{ id: 73, low: ats[72], high: ats[71] }]);
    const day = (d: number) => new Date(BASE + d * 86_400_000).toISOString();
    for (const [from, to] of [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
      [0, 7],
      [4, 7],
      [3, 4],
    ] as const) {
      const f = { fromAt: day(from), toAt: day(to) };
      const want = plain(db, f);
      expect(auditPage(db, f, 25, 0).items.map((e) => e.id)).toEqual(want.slice(0, 25));
      expect(auditPage(db, f, 25, 0).total).toBe(want.length);
    }
    db.close();
  });

  it('is filled by the migration from the trail already there', () => {
    const dir = tempDir();
    try {
      const db = database(migrationsBefore(dir, '0042_audit_time_setbacks'));
      seed(db, fc.sample(trail, { numRuns: 8, seed: 42 }).flat());
      runMigrations(db, drizzle(db as never) as never, MIGRATIONS);
      expect(steps(db).length).toBeGreaterThan(stretches(db).length);
      expect(stretches(db).length).toBeGreaterThan(3);
      expect(storedSteps(db)).toEqual(steps(db));
      expect(stored(db)).toEqual(stretches(db));
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
