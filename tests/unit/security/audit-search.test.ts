import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  indexAuditTrail,
  searchNarrowing,
  unindexedAuditRows,
  withAuditIndex,
  type Narrowing,
} from '../../../src-main/data/audit-search';
import { auditPage, auditRowsForExport } from '../../../src-main/data/audit.queries';
import { billingTick } from '../../../src-main/core/billing/scheduler';
import { setAuditText } from '../../../src-main/data/privacy-erase.repository';
import { likePattern } from '../../../src-main/data/sql';
import { testApp, type TestApp } from '../../helpers/app';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const COLUMNS = ['username', 'action', 'entity', 'entity_id', 'before', 'after', 'reason', 'source'];

/** What a text search must return: the plain LIKE scan over every searchable column, newest first. */
function scanned(search: string): number[] {
  const p = likePattern(search);
  const sql = COLUMNS.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ');
  return (
    t!.app.ctx.sqlite
      .prepare(`SELECT id FROM audit_log NOT INDEXED WHERE ${sql} ORDER BY id DESC`)
      .all(...COLUMNS.map(() => p)) as { id: number }[]
  ).map((r) => r.id);
}

// Letters in both cases (LIKE folds ASCII only, the index folds more), wildcards, quotes, FTS5 syntax.
const UNIT = fc.constantFrom('a', 'B', 'b', 'é', 'É', 'ı', 'I', '%', '_', '\\', '"', '*', ' ', '1', '.', ':');
const text = fc.string({ unit: UNIT, maxLength: 14 });

function seed(rows: (string | null)[][]) {
  const ins = t!.app.ctx.sqlite.prepare(
    `INSERT INTO audit_log(at, user_id, username, action, entity, entity_id, before, after, reason, source)
     VALUES ('2026-06-01T00:00:00.000Z', NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  t!.app.ctx.sqlite.transaction(() => {
    for (const r of rows) ins.run(r[0], r[1] ?? 'x', r[2] ?? 'e', ...r.slice(3));
  })();
}

/** The erasure's scrub of one row (the one update the append-only triggers allow, while an erasure runs). */
function scrub(id: number, text: string | null) {
  const db = t!.app.ctx.sqlite;
  db.transaction(() => {
    const c = db
      .prepare(
        "INSERT INTO customers(customer_code, name, join_date) VALUES ('C' || (SELECT count(*) FROM customers), 'x', '2026-01-01')",
      )
      .run();
    const e = db
      .prepare(
        "INSERT INTO privacy_erasures(customer_id, customer_code, at, requested_by, reason, scrubbing) VALUES (?, 'C1', 'x', 'x', 'x', 1)",
      )
      .run(c.lastInsertRowid);
    setAuditText(db, id, { before: null, after: text, reason: text });
    db.prepare('UPDATE privacy_erasures SET scrubbing = 0 WHERE id = ?').run(e.lastInsertRowid);
  })();
}

describe('audit trail text search through the lazily kept trigram index (audit_fts)', () => {
  it('returns exactly what a LIKE scan of the columns returns, in the same order, every page', async () => {
    t = await testApp();
    const rows = fc.sample(fc.array(fc.option(text, { nil: null }), { minLength: 8, maxLength: 8 }), {
      numRuns: 300,
      seed: 20261207,
    });
    seed(rows);
    const cells = rows.flat().filter((c): c is string => !!c);
    // Needles cut out of the stored cells (hits, with case changed), or made up (mostly misses).
    const needle = fc.oneof(
      fc
        .tuple(fc.constantFrom(...cells), fc.nat(), fc.integer({ min: 1, max: 6 }), fc.boolean())
        .map(([c, at, len, upper]) => {
          const s = [...c].slice(at % c.length, (at % c.length) + len).join('');
          return upper ? s.toUpperCase() : s;
        }),
      fc.string({ unit: UNIT, minLength: 1, maxLength: 6 }),
    );
    const db = t.app.ctx.sqlite;
    await fc.assert(
      fc.property(needle, fc.integer({ min: 0, max: 3 }), (search, page) => {
        fc.pre(search.trim().length > 0);
        const want = scanned(search);
        const got = auditPage(db, { search }, 7, page * 7);
        expect(got.total).toBe(want.length);
        expect(got.items.map((e) => e.id)).toEqual(want.slice(page * 7, page * 7 + 7));
        expect(auditRowsForExport(db, { search }, 10_000).map((e) => e.id)).toEqual([...want].reverse());
      }),
      { numRuns: 400, seed: 20261207 },
    );
  });
});

/** How a search was narrowed: to the index's hits, by the index's query in the page, or not (the scan). */
const pathOf = (n: Narrowing) => (n === null ? 'scan' : 'ids' in n ? 'ids' : 'match');

describe('the lazily kept audit index while the trail grows and is scrubbed', () => {
  it('answers as the LIKE scan after rows arrive, idle catch-ups run and rows are scrubbed, in any order', async () => {
    t = await testApp();
    const db = t.app.ctx.sqlite;
    // 'admin' in most rows, so common needles (read by the scan) come up beside rare ones (by the index).
    const cells = fc.oneof(text, fc.constantFrom('admin', 'payment.create', '{"name":"Budi Qzwyk"}'));
    const rowOf = fc.array(fc.option(cells, { nil: null }), { minLength: 8, maxLength: 8 });
    const needle = fc.oneof(
      fc.constantFrom('admin', 'dmi', 'Budi Q', 'QZWYK', 'ment.cr', 'scrubbed', 'bbed b'),
      fc.string({ unit: UNIT, minLength: 1, maxLength: 5 }),
    );
    const step = fc.oneof(
      fc.record({ add: fc.array(rowOf, { minLength: 1, maxLength: 40 }) }),
      fc.record({ search: needle, page: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ idle: fc.integer({ min: 1, max: 30 }) }),
      fc.record({
        scrub: fc.nat(),
        to: fc.option(fc.constantFrom('scrubbed', 'scrubbed by Budi Q', ''), { nil: null }),
      }),
    );
    const paths = { ids: 0, match: 0, scan: 0 };
    await fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        for (const s of steps) {
          if ('add' in s) seed(s.add.map((r) => ['admin', ...r.slice(1)]));
          if ('idle' in s) expect(indexAuditTrail(db, s.idle, 7)).toEqual([]);
          if ('scrub' in s) {
            const ids = scanned('');
            if (ids.length) scrub(ids[s.scrub % ids.length]!, s.to);
          }
          if ('search' in s && s.search.trim()) {
            const want = scanned(s.search);
            const got = auditPage(db, { search: s.search }, 5, s.page * 5);
            expect(got.total).toBe(want.length);
            expect(got.items.map((e) => e.id)).toEqual(want.slice(s.page * 5, s.page * 5 + 5));
            expect(auditRowsForExport(db, { search: s.search }, 10_000).map((e) => e.id)).toEqual([...want].reverse());
            // A needle with a trigram went through the index, caught up first; a shorter one scanned.
            if ([...s.search].length >= 3) expect(unindexedAuditRows(db)).toBe(0);
            paths[pathOf(withAuditIndex(db, () => searchNarrowing(db, s.search)))]++;
          }
        }
      }),
      { numRuns: 100, seed: 20261208 },
    );
    // Both ways a trail this small is answered were checked: narrowed to the index's hits, and the scan
    // (common or short needles). The index's query for the page needs a longer trail (the test below).
    expect(paths.ids).toBeGreaterThan(50);
    expect(paths.scan).toBeGreaterThan(20);
  });

  it('is caught up by an idle moment in chunks, and the next search has nothing to index', async () => {
    t = await testApp();
    const db = t.app.ctx.sqlite;
    seed(Array.from({ length: 25 }, (_, i) => ['admin', 'auth.login', 'user', String(i), null, null, null, null]));
    expect(unindexedAuditRows(db)).toBeGreaterThanOrEqual(25);
    const before = unindexedAuditRows(db);
    expect(indexAuditTrail(db, 10, 4)).toEqual([]);
    expect(unindexedAuditRows(db)).toBe(before - 10);
    // The scheduler's tick is such an idle moment.
    expect(billingTick(t.app.ctx).errors).toEqual([]);
    expect(unindexedAuditRows(db)).toBe(0);
    const mark = () => db.prepare('SELECT through FROM audit_fts_mark').get();
    const was = mark();
    expect(auditPage(db, { search: 'auth.login' }, 5, 0).total).toBe(scanned('auth.login').length);
    expect(mark()).toEqual(was);
  });
});

describe('audit text search: how a needle is narrowed on a trail of thousands of rows', () => {
  // The newest 3,000 rows are sampled: a needle in more than a third of them is scanned for; a needle with
  // fewer hits than that in the whole trail is narrowed to its hits; one with more hits, but mostly older,
  // is narrowed by the index's query in the page itself.
  it('answers as the LIKE scan on each path, and each path is taken where it should be', async () => {
    t = await testApp();
    const db = t.app.ctx.sqlite;
    const row = (i: number, reason: string | null) => [
      'kasir',
      'payment.create',
      'payment',
      String(i),
      null,
      null,
      reason,
      null,
    ];
    // 2,000 old rows, every other one naming "Qzwyk lama"; then 3,000 newer, one in five of those naming it.
    seed(Array.from({ length: 2_000 }, (_, i) => row(i, i % 2 ? 'koreksi Qzwyk lama' : null)));
    seed(Array.from({ length: 3_000 }, (_, i) => row(i, i % 5 ? 'salah input' : 'koreksi Qzwyk baru')));
    seed([row(1, 'Langka Xyvq')]);
    const cases: [string, ReturnType<typeof pathOf>][] = [
      ['salah input', 'scan'], // in 2,400 of the newest 3,000
      ['Qzwyk', 'match'], // 1,600 hits, 600 of them among the newest 3,000
      ['Qzwyk lama', 'ids'], // 1,000 hits, none new: one fewer than a third of the sample needs
      ['Xyvq', 'ids'],
      ['zwyk bar', 'ids'], // 600 hits
    ];
    for (const [search, path] of cases) {
      const n = withAuditIndex(db, () => searchNarrowing(db, search));
      expect(pathOf(n), search).toBe(path);
      const want = scanned(search);
      for (const page of [0, 3]) {
        const got = auditPage(db, { search }, 25, page * 25);
        expect(got.total, search).toBe(want.length);
        expect(got.items.map((e) => e.id)).toEqual(want.slice(page * 25, page * 25 + 25));
      }
      expect(auditRowsForExport(db, { search }, 10_000).map((e) => e.id)).toEqual([...want].reverse());
    }
  });
});
