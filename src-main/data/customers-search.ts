/**
 * Which customers a substring search finds, in a list's order (customers.list, the cash desk). The answer
 * is always that of `search_text LIKE '%needle%'`; this module only picks the cheapest way to it:
 * - a needle of 4+ digits is looked up in customer_digit_terms (the suffixes of the search text's runs of
 *   digits, drizzle/0039): a range of that index gives the exact hits and their count, no row re-read;
 * - another needle of 3+ characters is a phrase of customers_fts (case-sensitive trigrams with positions):
 *   the index alone gives the exact hits and their count, no row re-read;
 * - when the hits are dense, the first page is found sooner by walking the list's sort index and testing
 *   each row than by sorting every hit (a budget of rows bounds the walk; past it, the hits are sorted;
 *   where samples say the hits gather past the budget in that order, they are sorted at once);
 *   the name order and, within one status, its count are walked in indexes that hold the search text;
 * - a needle of 1–2 characters is found from the index's terms that begin with it (shortNeedleHits) when
 *   they are few; when they are many, or for digits mixed with separators ("812-34": its trigrams "812",
 *   "12-" are in most rows), the narrow covering index customers_search_idx is scanned once.
 */
import type { Sqlite } from '../db/open';
import { likePattern } from './sql';
import { prepared } from './statements';
import type { HitIndex, PageOrder } from './customers-search-types';
import { WALK_SAMPLED, walkLength } from './customers-walk-length';

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

/**
 * The needles of digits customer_digit_terms answers: it holds no term shorter than 4 digits, and its
 * `shared` counts up to 31 (drizzle/0039), exact for a needle of up to 31 digits.
 */
const DIGIT_NEEDLE = /^[0-9]{4,31}$/;

/**
 * The index that answers `needle` exactly, or null when none does (shortNeedleHits or a scan then).
 * A needle of digits only lies inside one run of digits of the search text (a run ends at any other
 * character), so it holds the needle exactly when one of that run's suffixes begins with it: the range
 * [needle, needle + ':') of customer_digit_terms (':' follows '9'). A customer with several such suffixes
 * is counted once: they are neighbours in its own term order, and only the first of them shares fewer than
 * the needle's length of leading digits with the term before it (`shared`, which stops counting at 31). Digit trigrams ("000",
 * "812") are in most rows, so the phrase index would read most of its lists for such a needle.
 */
export function hitIndex(needle: string): HitIndex | null {
  if (DIGIT_NEEDLE.test(needle))
    return {
      from: 'customer_digit_terms f',
      id: 'f.customer_id',
      where: 'f.term >= @digits AND f.term < @digitsEnd AND f.shared < @digitsLength',
      params: { digits: needle, digitsEnd: `${needle}:`, digitsLength: needle.length },
      inIdOrder: false,
    };
  const phrase = searchPhrase(needle);
  return phrase
    ? {
        from: 'customers_fts f',
        id: 'f.rowid',
        where: 'customers_fts MATCH @phrase',
        params: { phrase },
        inIdOrder: true,
      }
    : null;
}

/** Past this many hits (an upper bound summed over the index's terms) a short needle scans instead. */
const SHORT_HITS = 2_000;
const TOP = String.fromCodePoint(0x10ffff);

/**
 * The customers whose search text contains a needle of 1–2 characters, in id order, from customers_fts and
 * without a scan; null when they may be more than SHORT_HITS (then the scan is as cheap). The trigram index
 * has no term that short, but an occurrence at position p lies at the start of the trigram at p, unless it
 * is in the text's last two characters: so the hits are the rows holding a term that begins with the needle
 * (customers_fts_terms lists them in order, with how many rows hold each) and those whose text ends with it
 * (two expression indexes on the last two characters and the last one). Exact, as the phrase is: search_text
 * holds no A–Z and A–Z in the needle is lowered, as LIKE folds only A–Z.
 */
export function shortNeedleHits(db: Sqlite, needle: string): number[] | null {
  const text = needle.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const size = [...text].length;
  if (size < 1 || size > 2) return null;
  const terms = termsBeginning(db, 'customers_fts_terms', text, size);
  if (terms === null) return null;
  const ids = (sql: string, p: object) =>
    prepared<object, { id: number }>(db, sql)
      .all(p)
      .map((r) => r.id);
  const found = new Set(
    terms ? ids('SELECT rowid AS id FROM customers_fts WHERE customers_fts MATCH @q', { q: terms }) : [],
  );
  const tail =
    size === 2
      ? ids('SELECT id FROM customers WHERE substr(search_text, -2) = @s', { s: text })
      : ids(
          `SELECT id FROM customers WHERE substr(search_text, -2) BETWEEN @s AND @hi
           UNION SELECT id FROM customers WHERE substr(search_text, -1) = @s`,
          { s: text, hi: text + TOP },
        );
  for (const id of tail) found.add(id);
  return [...found].sort((a, b) => a - b);
}

/**
 * The trigram terms of a full-text index that begin with `text` (1–2 characters), read in order from its
 * fts5vocab table, as a MATCH query ('' when none), or null when they are held by more than SHORT_HITS rows.
 */
export function termsBeginning(db: Sqlite, vocab: string, text: string, size: number): string | null {
  const terms: string[] = [];
  let rows = 0;
  const st = prepared<object, { term: string; doc: number }>(
    db,
    `SELECT term, doc FROM ${vocab} WHERE term >= @lo AND term <= @hi`,
  );
  for (const t of st.iterate({ lo: text, hi: text + TOP.repeat(3 - size) })) {
    rows += t.doc;
    if (rows > SHORT_HITS) return null; // leaving the loop resets the statement
    terms.push(`"${t.term.replace(/"/g, '""')}"`);
  }
  return terms.join(' OR ');
}

/** The filters beside the needle, as SQL over `c` (customers) with their named parameters. */
export interface SearchFilter {
  sql: string;
  params: Record<string, unknown>;
  /** Set when the only filter is this status: its hits can be walked and counted in a status index. */
  status?: string;
}

/**
 * Past this many hits a search's total is a lower bound ("1–25 of 1,000+", as mail and search products
 * say): counting every hit of a dense needle costs as much as reading them all (`mail.id`, 16,666 hits
 * at 50,000 customers: 2.5 ms), while its page is found after a few rows of the sort index (issue 20).
 */
export const COUNT_CAP = 1_000;

/** A page of hits and how many there are: exact, or when `totalIsLowerBound`, at least that many. */
export interface SearchPage {
  ids: number[];
  total: number;
  totalIsLowerBound: boolean;
}

/** A table row read, in rows walked in an index holding search_text. */
export const ROW_READ = 5;

/**
 * The page of a search whose hits are more than the cap, from the page's rows and the one after it, if any
 * (`found`): with a row past the page the total is "at least the cap, and past this page"; a page that is
 * the last one gives the exact total; an empty page (past the last hit) is counted exactly.
 */
function pastCap(found: number[], page: PageOrder, count: () => number): SearchPage {
  if (found.length > page.limit)
    return {
      ids: found.slice(0, page.limit),
      total: Math.max(page.cap, page.offset + found.length),
      totalIsLowerBound: true,
    };
  if (found.length) return { ids: found, total: page.offset + found.length, totalIsLowerBound: false };
  return { ids: [], total: count(), totalIsLowerBound: false };
}

/**
 * Rows `offset`…`offset + limit` of the customers holding the needle (found in `index`, see hitIndex), in
 * `order`, and how many there are, counted in the index up to the cap (a LIMIT stops the count there: past
 * it, the total is a lower bound, see pastCap). The page is walked from the sort index when that is cheaper
 * than sorting every hit (see walk); past the cap, the hits' number is estimated from how far into the ids
 * the first cap + 1 reach (customers_fts yields them in id order), only to choose the path. A status filter
 * with a status index counts its hits there (walking that status's rows, stopping at the cap, or when the
 * needle has no more hits than the cap and the status holds most rows, hits − the other statuses' hits),
 * and walks its page there; another filter (brands) sorts the hits, as it has to read each one.
 */
export function phraseSearch(
  db: Sqlite,
  needle: string,
  index: HitIndex,
  filter: SearchFilter,
  page: PageOrder,
): SearchPage {
  const counted = prepared<object, { n: number; last: number | null }>(
    db,
    `SELECT count(*) AS n, max(id) AS last FROM (SELECT ${index.id} AS id FROM ${index.from} WHERE ${index.where} LIMIT @over)`,
  ).get({ ...index.params, over: page.cap + 1 }) ?? { n: 0, last: null };
  if (!counted.n) return { ids: [], total: 0, totalIsLowerBound: false };
  const capped = counted.n > page.cap;
  const rows = prepared<[], { n: number | null }>(db, 'SELECT max(id) AS n FROM customers').get()?.n ?? 0;
  const hits = capped && index.inIdOrder && counted.last ? Math.ceil((counted.n * rows) / counted.last) : counted.n;
  const pattern = likePattern(needle);
  // The hits in rowid order, each looked up (never found by walking an index in the page's order).
  const sorted = page.hitsIndex
    ? `FROM ${index.from} JOIN customers c INDEXED BY ${page.hitsIndex} ON c.id = ${index.id} WHERE ${index.where} ${filter.sql}`
    : `FROM customers c NOT INDEXED WHERE c.id IN (SELECT ${index.id} FROM ${index.from} WHERE ${index.where}) ${filter.sql}`;
  const args = { ...index.params, offset: page.offset, ...filter.params };
  // Past the cap, one row more than the page says whether a next page exists.
  const sortPage = (take: number) =>
    prepared<object, { id: number }>(db, `SELECT c.id ${sorted} ORDER BY ${page.order} LIMIT @take OFFSET @offset`)
      .all({ ...args, take })
      .map((r) => r.id);
  const countAll = () => prepared<object, { n: number }>(db, `SELECT count(*) AS n ${sorted}`).get(args)?.n ?? 0;
  const sortCost = page.hitCost * hits;
  const take = page.limit + (capped ? 1 : 0);
  if (!filter.sql) {
    const length = (budget: number) =>
      walkLength(db, index, page, page.offset + take, budget, { rows, hits, needleHits: hits });
    const scope = { rows, hits, sortCost, exact: !capped, length };
    const walked = page.index === null ? null : walk(db, page.index, '', page, take, { pattern }, scope);
    const ids = walked ?? sortPage(take);
    return capped ? pastCap(ids, page, countAll) : { ids, total: hits, totalIsLowerBound: false };
  }
  if (filter.status !== undefined && page.statusIndex) {
    const scope = { rows, hits, sortCost, capped };
    const found = statusSearch(db, page, index, filter.status, pattern, scope);
    if (found) {
      const { total, exact } = found;
      if (!total) return { ids: [], total: 0, totalIsLowerBound: false };
      const t = page.limit + (exact ? 0 : 1);
      const mine = { rows: found.mine, hits: exact ? total : undefined, needleHits: hits, status: filter.status };
      const length = (budget: number) => walkLength(db, index, page, page.offset + t, budget, mine);
      const walkScope = { rows: found.mine, hits: exact ? total : hits, sortCost, exact, length };
      const p = { pattern, status: filter.status };
      const walked = walk(db, page.statusIndex, 'WHERE c.status = @status', { ...page, rowCost: 1 }, t, p, walkScope);
      const ids = walked ?? sortPage(t);
      return exact ? { ids, total, totalIsLowerBound: false } : pastCap(ids, page, countAll);
    }
  }
  // Another filter, or a status whose rows cost more to walk than sorting the hits: every hit is read and
  // sorted, so the window count gives the exact total in the same pass.
  const found = prepared<object, { id: number; total: number }>(
    db,
    `SELECT c.id, count(*) OVER () AS total ${sorted} ORDER BY ${page.order} LIMIT @limit OFFSET @offset`,
  ).all({ ...args, limit: page.limit });
  const total = found[0]?.total ?? (page.offset > 0 ? countAll() : 0);
  return { ids: found.map((r) => r.id), total, totalIsLowerBound: false };
}

const countIndex = (db: Sqlite, index: HitIndex) =>
  prepared<object, { n: number }>(db, `SELECT count(*) AS n FROM ${index.from} WHERE ${index.where}`).get(index.params)
    ?.n ?? 0;

/**
 * How many hits one status holds, counted in its status index, or null when sorting the hits costs less.
 * A status holding fewer rows than the others walks its own rows. One holding most rows counts the others'
 * hits and subtracts them from the needle's, counted exactly; past the cap, when reading the needle's first
 * hits (in id order) until that status's cap + 1st looks cheaper by half (a hit looked up costs ~3 rows
 * walked, one counted in the index ~1, a row of the others' walked without a co-routine ~½), they are read
 * instead, at most twice (cap + 1) × rows ÷ its rows of them (`exact` false when it gets there).
 */
function statusSearch(
  db: Sqlite,
  page: PageOrder,
  index: HitIndex,
  status: string,
  pattern: string,
  scope: { rows: number; hits: number; sortCost: number; capped: boolean },
): { total: number; exact: boolean; mine: number } | null {
  const counts = statusRows(db);
  const mine = counts.get(status) ?? 0;
  const others = [...counts.values()].reduce((a, b) => a + b, 0) - mine;
  if (Math.min(mine, others) >= scope.sortCost) return null;
  const count = (where: string) =>
    prepared<object, { n: number }>(
      db,
      `SELECT count(*) AS n FROM customers c INDEXED BY ${page.statusIndex} WHERE ${where}
        AND c.search_text LIKE @pattern ESCAPE '\\'`,
    ).get({ pattern, status })?.n ?? 0;
  if (mine <= others) return { total: count('c.status = @status'), exact: true, mine };
  if (scope.capped) {
    const read = Math.min(scope.hits, 2 * Math.ceil(((page.cap + 1) * (mine + others)) / Math.max(mine, 1)));
    if (page.hitsIndex && 2 * 3 * read < scope.hits + others / 2) {
      const n =
        prepared<object, { n: number }>(
          db,
          `SELECT count(*) AS n FROM (SELECT 1 FROM (SELECT ${index.id} AS id FROM ${index.from} WHERE ${index.where}
            LIMIT @read) h JOIN customers c INDEXED BY ${page.hitsIndex} ON c.id = h.id WHERE c.status = @status LIMIT @over)`,
        ).get({ ...index.params, status, read, over: page.cap + 1 })?.n ?? 0;
      if (n > page.cap) return { total: n, exact: false, mine };
    }
  }
  const hits = scope.capped ? countIndex(db, index) : scope.hits;
  return { total: hits - count('c.status < @status') - count('c.status > @status'), exact: true, mine };
}

/**
 * The page (`take` rows from the offset) of the `hits` hits among `rows` rows, walked from `index` in the
 * page's order and tested in SQL, or null when sorting the hits (`sortCost`) is cheaper. Spread evenly, the hits fill the page after about
 * (offset + limit) × rows ÷ hits rows; the walk is tried when 3× that costs less than the sort, and goes on
 * up to the rows that cost as much as the sort, as hits can cluster late in the order (a first name in name
 * order): if the page is not full by then, the hits are sorted (at worst twice the sort, never a scan).
 * Where samples can place the page in the order (`length`, see walkLength) and the budget is worth it, a
 * walk they say would not fill the page within 4/5 of its budget is not tried: the hits are sorted at once
 * (issue 20: "budi", "hendra" in name order at 500,000 customers walked 66,668 rows for nothing, then sorted).
 */
function walk(
  db: Sqlite,
  index: string,
  where: string,
  page: PageOrder,
  take: number,
  params: Record<string, unknown>,
  scope: { rows: number; hits: number; sortCost: number; exact: boolean; length?: (budget: number) => number | null },
): number[] | null {
  const need = page.offset + take;
  const spread = Math.ceil((need * scope.rows) / scope.hits);
  const budget = Math.floor(scope.sortCost / page.rowCost);
  if (3 * spread + 50 >= budget) return null;
  // Only a guess: a walk it lets through still stops at the budget, and a sort gives the same page. A walk
  // of all the rows in scope cannot run out of its budget.
  if (scope.length && Math.min(budget, scope.rows) >= WALK_SAMPLED && 5 * (scope.length(budget) ?? 0) >= 4 * budget)
    return null;
  const from = index ? `customers c INDEXED BY ${index}` : 'customers c';
  // The inner query walks at most `budget` rows in order; the outer keeps the hits (a co-routine: in order).
  const found = prepared<object, { id: number }>(
    db,
    `SELECT id FROM (SELECT c.id, c.search_text FROM ${from} ${where} ORDER BY ${page.order} LIMIT @budget)
      WHERE search_text LIKE @pattern ESCAPE '\\' LIMIT @need`,
  )
    .all({ ...params, budget, need })
    .map((r) => r.id);
  // Fewer than a page: either every hit was met (known when they were counted exactly) or the budget ran out.
  return found.length >= need || (scope.exact && found.length === scope.hits) ? found.slice(page.offset, need) : null;
}

/**
 * How many customers hold each status, to choose which rows to walk (the answer never depends on it): counted
 * again every 200 searches, as a full count costs ~3 ms at 50,000 customers.
 */
const statusCounts = new WeakMap<Sqlite, { rows: Map<string, number>; uses: number }>();
function statusRows(db: Sqlite): Map<string, number> {
  let c = statusCounts.get(db);
  if (!c || ++c.uses > 200) {
    const rows = prepared<[], { status: string; n: number }>(
      db,
      'SELECT status, count(*) AS n FROM customers INDEXED BY customers_status_idx GROUP BY status',
    ).all();
    c = { rows: new Map(rows.map((r) => [r.status, r.n])), uses: 0 };
    statusCounts.set(db, c);
  }
  return c.rows;
}
