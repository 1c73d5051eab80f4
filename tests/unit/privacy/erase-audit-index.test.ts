import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { trigramsQuery, unindexedAuditRows } from '../../../src-main/data/audit-search';
import { testAppWithCipher, type TestApp } from '../../helpers/app';
import { BUDI, BUDI_NEEDLES, clearBlockers, seedErasable } from './fixtures';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const ROW_TEXT = `concat_ws(char(10), username, action, entity, entity_id, before, after, reason, source)`;

/** Rows the trail's text index names for one trigram, and rows whose text holds it now (the truth). */
function gramRows(gram: string): { indexed: number; inText: number } {
  const db = t!.app.ctx.sqlite;
  const one = (sql: string, arg: string) => (db.prepare(sql).get(arg) as { n: number }).n;
  return {
    indexed: one('SELECT count(*) AS n FROM audit_fts WHERE audit_fts MATCH ?', trigramsQuery(gram)!),
    // The index folds case (and more), so compare with a case-folding test; ROW_TEXT as the index reads it.
    inText: one(`SELECT count(*) AS n FROM audit_log WHERE instr(lower(${ROW_TEXT}), lower(?)) > 0`, gram),
  };
}

/** The index's pages as bytes (its terms are the lowercased trigrams, some written whole). */
const indexBytes = () =>
  Buffer.concat(
    (t!.app.ctx.sqlite.prepare('SELECT block FROM audit_fts_data').all() as { block: Buffer | null }[]).map(
      (r) => r.block ?? Buffer.alloc(0),
    ),
  ).toString('latin1');

const grams = (s: string) => [
  ...new Set([...s].map((_, i, a) => a.slice(i, i + 3).join('')).filter((g) => g.length === 3)),
];

describe("the erasure and the audit trail's text index", () => {
  it('leaves no trigram of the person findable in the index, nor their bytes in the file', async () => {
    t = await testAppWithCipher(true); // a plain file, so its bytes can be searched
    const s = await seedErasable(t);
    await clearBlockers(t, s);
    // A search indexes the whole trail: Budi's name, phones and address are in the index before the erasure.
    const found = await t.ok('audit.list', { search: BUDI.name } as never);
    expect(found.total).toBeGreaterThan(0);
    expect(unindexedAuditRows(t.app.ctx.sqlite)).toBe(0);
    const distinct = (g: string) => !/^[\d -]+$/.test(g); // digits alone also occur in amounts and dates
    const budiGrams = [...new Set(BUDI_NEEDLES.flatMap(grams))].filter(distinct);
    for (const g of budiGrams) {
      const r = gramRows(g);
      expect(r.indexed, g).toBe(r.inText);
    }
    const inBlocksBefore = budiGrams.filter((g) => indexBytes().includes(g.toLowerCase()));

    await t.ok('privacy.eraseCustomer', {
      customerId: s.budi.id,
      requestedBy: 'Pelanggan sendiri',
      reason: 'Minta data dihapus',
      confirmCode: 'CUST0001',
    });
    for (const needle of BUDI_NEEDLES)
      expect((await t.ok('audit.list', { search: needle } as never)).total, needle).toBe(0);
    // Each trigram is named by exactly the rows whose text still holds it: none left over from the old text.
    const gone: string[] = [];
    for (const g of budiGrams) {
      const r = gramRows(g);
      expect(r.indexed, g).toBe(r.inText);
      if (r.inText === 0) gone.push(g);
    }
    // Nor do the index's pages keep them (behind a delete marker) after the erasure's compaction: the
    // grams no row holds any more, written whole in the pages before, are not there now.
    const wereWhole = gone.filter((g) => inBlocksBefore.includes(g));
    expect(wereWhole.length).toBeGreaterThan(5);
    const blocks = indexBytes();
    expect(wereWhole.filter((g) => blocks.includes(g.toLowerCase()))).toEqual([]);
    // The scrubbed rows are found by their new text (the customer code), as the scan finds them.
    const scan = (
      t.app.ctx.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE ${ROW_TEXT} LIKE '%CUST0001%'`).get() as {
        n: number;
      }
    ).n;
    expect((await t.ok('audit.list', { search: 'CUST0001' } as never)).total).toBe(scan);

    const file = t.app.ctx.dbFile;
    t.app.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    for (const f of [file, `${file}-wal`]) {
      const raw = fs.existsSync(f) ? fs.readFileSync(f) : Buffer.alloc(0);
      expect(
        BUDI_NEEDLES.filter((n) => raw.includes(Buffer.from(n, 'utf8'))),
        f,
      ).toEqual([]);
    }
  });
});
