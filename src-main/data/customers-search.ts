/**
 * Which customers a substring search finds, in a list's order (customers.list, the cash desk). The answer
 * is always that of `search_text LIKE '%needle%'`; this module only picks the cheapest way to it:
 * - a needle of 3+ characters is a phrase of customers_fts (case-sensitive trigrams with positions): the
 *   index alone gives the exact hits and their count, no row re-read;
 * - when the hits are dense, the first page is found sooner by walking the list's sort index and testing
 *   each row than by sorting every hit (a budget of rows bounds the walk; past it, the hits are sorted);
 * - a shorter needle, or a long run of digits (its trigrams "000", "812" are in most rows), scans the narrow
 *   covering index customers_search_idx once.
 */
import type { Sqlite } from '../db/open';
import { likePattern } from './sql';
import { prepared } from './statements';

/**
 * The customers_fts phrase matching exactly the search texts that contain `needle`, or null when a scan is
 * cheaper. search_text is lower()-ed (no A–Z) and LIKE folds only A–Z, so lowering A–Z in the needle makes
 * the case-sensitive phrase agree with LIKE; inside the quotes `%`, `_` and `\` are plain characters, as in
 * the escaped LIKE pattern.
 */
export function searchPhrase(needle: string): string | null {
  const text = needle.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if ([...text].length < 3 || /^[0-9 +().-]{6,}$/.test(text)) return null;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The filters beside the needle, as SQL over `c` (customers) with their named parameters. */
export interface SearchFilter {
  sql: string;
  params: Record<string, unknown>;
}

const HITS = 'c.id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH @phrase)';

export interface PageOrder {
  /** ORDER BY over `c` (ending in c.id where ties are possible). */
  order: string;
  /** The index that walks `order` without sorting (INDEXED BY), '' for the rowid, null when none does. */
  index: string | null;
  /** What reading one row of that walk costs against one sorted hit (3: a table lookup; 1: covering). */
  rowCost: number;
  limit: number;
  offset: number;
}

/**
 * Rows `offset`…`offset + limit` of the customers holding the phrase, in `order`, and how many there are.
 * Without a filter the index alone counts them. Then walking the sort index reads about
 * (offset + limit) × rows ÷ total rows, sorting the hits costs about `total`: the walk is tried when its
 * budget (3× that estimate, weighed by `rowCost`) is cheaper, and gives way to the sort if the hits it meets
 * are too few (they cluster late in the order). With a filter (status, brands) the hits are sorted and
 * counted in one pass, as the filter has to read each one anyway.
 */
export function phraseSearch(
  db: Sqlite,
  needle: string,
  phrase: string,
  filter: SearchFilter,
  page: PageOrder,
): { ids: number[]; total: number } {
  const args = { phrase, limit: page.limit, offset: page.offset, ...filter.params };
  // NOT INDEXED: the hits are looked up by rowid and sorted, never found by walking an index in order.
  const sorted = `FROM customers c NOT INDEXED WHERE ${HITS} ${filter.sql}`;
  if (filter.sql) {
    const rows = prepared<object, { id: number; total: number }>(
      db,
      `SELECT c.id, count(*) OVER () AS total ${sorted} ORDER BY ${page.order} LIMIT @limit OFFSET @offset`,
    ).all(args);
    const total =
      rows[0]?.total ??
      (page.offset > 0 ? (prepared<object, { n: number }>(db, `SELECT count(*) AS n ${sorted}`).get(args)?.n ?? 0) : 0);
    return { ids: rows.map((r) => r.id), total };
  }
  const total =
    prepared<object, { n: number }>(
      db,
      'SELECT count(*) AS n FROM customers_fts WHERE customers_fts MATCH @phrase',
    ).get({ phrase })?.n ?? 0;
  if (!total) return { ids: [], total };
  const need = page.offset + page.limit;
  const rows = prepared<[], { n: number | null }>(db, 'SELECT max(id) AS n FROM customers').get()?.n ?? 0;
  const budget = Math.ceil((3 * need * rows) / total) + 50;
  if (page.index !== null && page.rowCost * budget < total) {
    const from = page.index ? `customers c INDEXED BY ${page.index}` : 'customers c';
    const walked = prepared<object, { id: number; hit: number }>(
      db,
      `SELECT c.id, c.search_text LIKE @pattern ESCAPE '\\' AS hit FROM ${from} ORDER BY ${page.order} LIMIT @budget`,
    ).all({ pattern: likePattern(needle), budget });
    const hits = walked.filter((r) => r.hit === 1).map((r) => r.id);
    if (hits.length >= need || walked.length < budget) return { ids: hits.slice(page.offset, need), total };
  }
  const ids = prepared<object, { id: number }>(
    db,
    `SELECT c.id ${sorted} ORDER BY ${page.order} LIMIT @limit OFFSET @offset`,
  )
    .all(args)
    .map((r) => r.id);
  return { ids, total };
}
