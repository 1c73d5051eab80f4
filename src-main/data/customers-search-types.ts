/** The shapes the customer search's path choices share (customers-search.ts, customers-walk-length.ts). */

/**
 * Where the hits of a needle are read from: a table aliased `f`, the column holding the customer's id and
 * the condition (with its parameters) that selects exactly the customers whose search text holds the needle.
 */
export interface HitIndex {
  from: string;
  id: string;
  where: string;
  params: Record<string, unknown>;
  /** Whether it yields the hits in id order (customers_fts: its rowid), not by term. */
  inIdOrder: boolean;
}

/**
 * How the hits are paged in one order. Costs are in rows walked in an index holding search_text and tested
 * in SQL (~0.17 µs at 50,000 customers): a row walked in an index without it reads the table (~5), a hit
 * looked up and sorted costs ~2 through a narrow index keyed by id, ~5 through the table.
 */
export interface PageOrder {
  /** ORDER BY over `c` (ending in c.id where ties are possible). */
  order: string;
  /** The index that walks `order` without sorting (INDEXED BY), '' for the rowid, null when none does. */
  index: string | null;
  /** What testing one row of that walk costs. */
  rowCost: number;
  /** An index on (status, `order`…, search_text): walks one status's rows in `order`. */
  statusIndex?: string;
  /** A narrow index keyed by id holding the order's and the filters' columns, to look the hits up in. */
  hitsIndex?: string;
  /** What looking up and sorting one hit costs. */
  hitCost: number;
  limit: number;
  offset: number;
  /** Hits counted exactly up to this many (COUNT_CAP; tests pass a smaller one). */
  cap: number;
}
