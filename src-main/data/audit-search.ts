import type { Sqlite } from '../db/open';
import { prepared } from './statements';

/**
 * The audit trail's text index (audit_fts, migration 0034), kept lazily: no trigger taxes an audited write
 * (a trigger cost every write 60–100 µs, the automation's 5,000 isolations 300–500 ms). Instead a text
 * search first indexes the rows after the mark (audit_fts_mark.through), in the same transaction as its
 * query, so the index always covers every row the query can see; an idle moment (the scheduler's tick)
 * catches up too, so the first search after a busy day stays fast. Audit rows never change except by the
 * privacy erasure's scrub, which re-indexes the rows it rewrites (reindexAuditRow).
 */

/** A row's searchable text as indexed: the columns the LIKE search tests, one per line. */
const ROW_TEXT = `concat_ws(char(10), username, action, entity, entity_id, before, after, reason, source)`;

const mark = (db: Sqlite) =>
  prepared<[], { through: number; last: number | null }>(
    db,
    'SELECT through, (SELECT max(id) FROM audit_log) AS last FROM audit_fts_mark WHERE id = 1',
  ).get() ?? { through: 0, last: null };

/** Rows written since the index was last caught up. */
export function unindexedAuditRows(db: Sqlite): number {
  const m = mark(db);
  return Math.max(0, (m.last ?? 0) - m.through);
}

/**
 * Indexes the audit rows after the mark, at most `max` of them (ids above the mark), in one INSERT…SELECT,
 * and moves the mark. Call inside a transaction (the reads and the writes must see the same rows).
 * Returns how many ids it covered.
 */
function catchUp(db: Sqlite, max = Number.MAX_SAFE_INTEGER): number {
  const { through, last } = mark(db);
  if (last === null || last <= through) return 0;
  const upTo = Math.min(last, through + max);
  prepared<[number, number]>(
    db,
    `INSERT INTO audit_fts(rowid, text) SELECT id, ${ROW_TEXT} FROM audit_log WHERE id > ? AND id <= ? ORDER BY id`,
  ).run(through, upTo);
  prepared<[number]>(db, 'UPDATE audit_fts_mark SET through = ? WHERE id = 1').run(upTo);
  return upTo - through;
}

/**
 * Runs `query` with the index covering every audit row it can see: the catch-up and the query share one
 * transaction (one snapshot). Immediate when there is something to index (it will write), else a plain
 * read transaction; inside a caller's transaction, a savepoint of it.
 */
export function withAuditIndex<T>(db: Sqlite, query: () => T): T {
  const run = db.transaction(() => {
    catchUp(db);
    return query();
  });
  return unindexedAuditRows(db) > 0 ? run.immediate() : run();
}

/**
 * For an idle moment: indexes up to `max` unindexed rows in chunks of `chunk` (one short transaction
 * each, so a waiting write gets in between). Never throws (the caller's own work goes on): the error
 * texts instead. (Merging the index's segments here was measured and left out: a search reads every
 * segment, 3 ms on one vs ~9 ms on several for 200,000 rows, but each tick's merge step cost ~90 ms.)
 */
export function indexAuditTrail(db: Sqlite, max = 50_000, chunk = 10_000): string[] {
  try {
    let left = max;
    while (left > 0) {
      const n = db.transaction(() => catchUp(db, Math.min(chunk, left))).immediate();
      if (!n) break;
      left -= n;
    }
    return [];
  } catch (err) {
    return [`audit index: ${err instanceof Error ? err.message : String(err)}`];
  }
}

/**
 * The erasure's scrub rewrote a row's text: its index entry (if indexed yet) is replaced, so the old text
 * is no longer findable and the new one is. The old trigrams linger in the index's pages until a merge
 * ('optimize', which the erasure's compaction runs).
 */
export function reindexAuditRow(db: Sqlite, id: number): void {
  if (id > mark(db).through) return; // not indexed yet: the next catch-up reads the new text
  prepared<[number]>(db, 'DELETE FROM audit_fts WHERE rowid = ?').run(id);
  prepared<[number]>(db, `INSERT INTO audit_fts(rowid, text) SELECT id, ${ROW_TEXT} FROM audit_log WHERE id = ?`).run(
    id,
  );
}

/**
 * An FTS5 query that every row whose text contains `text` matches: each of its trigrams, quoted (so `%`,
 * `"` or `*` stay literal) and all required. Null without a trigram (under 3 characters) or with a NUL
 * (SQLite's LIKE ends the pattern there: only the scan answers as it does). A superset only: the caller
 * re-tests its rows with LIKE. The index folds case beyond ASCII, LIKE only ASCII: still a superset.
 */
export function trigramsQuery(text: string): string | null {
  if (text.includes('\u0000')) return null;
  const chars = [...text];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  return grams.size ? [...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(' AND ') : null;
}

/** How many of the newest rows the narrowing samples to tell a rare needle from a common one. */
const SAMPLE = 3000;

/**
 * What a text search is limited to: the index's hits themselves (`ids`, a rare needle: read once, not again
 * by the page), or its query (`match`, for the page to run), or null to read the whole trail.
 */
export type Narrowing = { ids: number[] } | { match: string } | null;

/**
 * How a text search is narrowed. Call inside withAuditIndex. The index names every row holding all the
 * needle's trigrams (a superset: the LIKE tests still decide). A needle in most rows ('admin') is cheaper
 * to scan than to fetch row by row (measured on 200,000 rows: 40,000 hits 109 ms by the index vs 140 ms
 * scanned; 100,000 hits slower): a needle named in more than a third of the newest SAMPLE rows is scanned for.
 * Its hits are first read in rowid order, stopping at that third: a rare needle ends before it, and its hits
 * are the narrowing (FTS5 walks a doclist backwards far more slowly: 2,000,000 rows, 114 hits, 75 ms newest
 * first vs 12 ms in order). Only a needle with that many hits is sampled newest first, which stops early
 * for a common one (~1 ms, where counting its hits cost 20–45 ms).
 */
export function searchNarrowing(db: Sqlite, search: string | undefined): Narrowing {
  const query = search ? trigramsQuery(search) : null;
  if (!query) return null;
  const last = mark(db).last ?? 0;
  const window = Math.min(last, SAMPLE);
  const common = Math.floor(window / 3) + 1;
  const hits = prepared<[string, number], { id: number }>(
    db,
    'SELECT rowid AS id FROM audit_fts WHERE audit_fts MATCH ? LIMIT ?',
  ).all(query, common);
  // Fewer hits than a third of the sample in the whole trail: never common.
  if (hits.length < common) return { ids: hits.map((h) => h.id) };
  const newest = prepared<[string, number], { n: number; lo: number | null }>(
    db,
    'SELECT count(*) AS n, min(rowid) AS lo FROM (SELECT rowid FROM audit_fts WHERE audit_fts MATCH ? ORDER BY rowid DESC LIMIT ?)',
  ).get(query, common);
  return newest && newest.n === common && (newest.lo ?? 0) > last - window ? null : { match: query };
}
