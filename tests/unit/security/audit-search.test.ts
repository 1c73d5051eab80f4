import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { auditPage, auditRowsForExport } from '../../../src-main/data/audit.queries';
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

describe('audit trail text search', () => {
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
