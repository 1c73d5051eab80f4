import type { AuditEntry } from '../../src-shared/contract/audit';
import type { Sqlite } from '../db/open';
import { searchNarrowing, trigramsQuery, withAuditIndex, type Narrowing } from './audit-search';
import { likePattern } from './sql';
import { prepared } from './statements';

/** Filters of the audit trail, with the dates already turned into instants (`fromAt` ≤ at < `toAt`). */
export interface AuditQuery {
  userId?: number;
  entity?: string;
  entityId?: string;
  action?: string;
  source?: string;
  fromAt?: string;
  toAt?: string;
  search?: string;
}

type Arg = string | number;

/**
 * An action or its family: `payment` matches payment.create, payment.void...; a full name matches exactly.
 * One index range holds both ('payment' ≤ action < 'payment/', '/' being the character after '.'), so an
 * index on the action serves it; the second test drops the names in that range that only start alike
 * ('payment-x'). `col` is the column as the range names it (`+action` keeps SQLite off the index).
 */
const actionTest = (col: string) => `${col} >= ? AND ${col} < ? AND (action = ? OR substr(action, ?, 1) = ?)`;
const actionArgs = (action: string): Arg[] => [action, `${action}/`, action, [...action].length + 1, '.'];

/**
 * `scanById`: test the action on each row while walking newest first, instead of through audit_action_idx.
 * `narrow`: the audit_fts hits, or a query of it, that limit the text search to the rows named (searchNarrowing).
 * `ids`: the dates' rows are exactly those with lo ≤ id < hi (see idSpan): walked by id, the dates only
 * re-tested (a unary + keeps SQLite off audit_at_idx).
 */
function where(
  f: AuditQuery,
  scanById = false,
  narrow: Narrowing = null,
  ids: IdSpan | null = null,
): { sql: string; args: Arg[] } {
  const w: string[] = [];
  const args: Arg[] = [];
  if (ids) {
    w.push('id >= ? AND id < ?');
    args.push(ids.lo, ids.hi);
  }
  if (f.userId !== undefined) {
    w.push('user_id = ?');
    args.push(f.userId);
  }
  if (f.entity) {
    w.push('entity = ?');
    args.push(f.entity);
  }
  if (f.entityId) {
    w.push('entity_id = ?');
    args.push(f.entityId);
  }
  if (f.action) {
    // (A unary + keeps SQLite off the index when walking by id is cheaper: see auditPage.)
    w.push(actionTest(scanById ? '+action' : 'action'));
    args.push(...actionArgs(f.action));
  }
  if (f.source) {
    w.push('source = ?');
    args.push(f.source);
  }
  const at = ids ? '+at' : 'at';
  if (f.fromAt) {
    w.push(`${at} >= ?`);
    args.push(f.fromAt);
  }
  if (f.toAt) {
    w.push(`${at} < ?`);
    args.push(f.toAt);
  }
  if (narrow && 'ids' in narrow) {
    w.push('id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(narrow.ids));
  } else if (narrow && ids) {
    // The index's hits within the ids only (else every hit of the trail is listed, then dropped by id).
    w.push('id IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH ? AND rowid >= ? AND rowid < ?)');
    args.push(narrow.match, ids.lo, ids.hi);
  } else if (narrow) {
    w.push('id IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH ?)');
    args.push(narrow.match);
  }
  if (f.search) {
    const p = likePattern(f.search);
    w.push(
      `(username LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR entity LIKE ? ESCAPE '\\' OR entity_id LIKE ? ESCAPE '\\'
        OR before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\' OR reason LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\')`,
    );
    args.push(p, p, p, p, p, p, p, p);
  }
  return { sql: w.length ? ` WHERE ${w.join(' AND ')}` : '', args };
}

const COLUMNS = `id, at, user_id AS userId, username, action, entity, entity_id AS entityId, before, after, reason, source`;

/**
 * Runs a query that takes the text search's narrowing: through the trail's text index when the needle has
 * a trigram (the index first caught up, in the same transaction), else with none (the scan).
 */
function withNarrowing<T>(db: Sqlite, search: string | undefined, query: (narrow: Narrowing) => T): T {
  if (!search || !trigramsQuery(search)) return query(null);
  return withAuditIndex(db, () => query(searchNarrowing(db, search)));
}

/**
 * Matching rows are counted exactly up to this many; past it the total is a lower bound and the list says
 * "1,000+", as the customer search does (counting a user's 400,000 rows of a 2,000,000-row trail cost more
 * than reading the page). The page that ends the rows gives the exact total.
 */
export const AUDIT_COUNT_CAP = 1_000;

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  /** `total` is a lower bound: more than the cap match (the cap, or past this page while a next one exists). */
  totalIsLowerBound: boolean;
}

/** One page of the trail, newest first, and how many rows match (exactly up to `cap`, see AUDIT_COUNT_CAP). */
export function auditPage(db: Sqlite, f: AuditQuery, limit: number, offset: number, cap = AUDIT_COUNT_CAP): AuditPage {
  return withNarrowing(db, f.search, (narrow) => pageOf(db, f, limit, offset, cap, narrow));
}

function pageOf(db: Sqlite, f: AuditQuery, limit: number, offset: number, cap: number, narrow: Narrowing): AuditPage {
  // With dates the time narrows better than an action (a month is 1/12 of a year's trail, an action
  // family about 1/5): then the action is only tested, never looked up.
  const actionByIndex = f.action !== undefined && !f.fromAt && !f.toAt;
  const ids = idSpan(db, f);
  const { sql, args } = where(f, !actionByIndex, narrow, ids);
  // How many rows match; with `upTo`, counting stops at upTo + 1 (enough to know there are more).
  const count = (upTo?: number) =>
    prepared<Arg[], { n: number }>(db, `SELECT count(*) AS n FROM (SELECT 1 FROM audit_log${sql} LIMIT ?)`).get(
      ...args,
      upTo === undefined ? -1 : upTo + 1,
    )?.n ?? 0;
  if (f.search) {
    // Text search reads the narrowed rows (or the table): count in the same pass (one read instead of two).
    const rows = prepared<Arg[], AuditEntry & { total: number }>(
      db,
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM audit_log${sql} ORDER BY id DESC LIMIT ? OFFSET ?`,
    ).all(...args, limit, offset);
    const total = rows[0]?.total ?? (offset > 0 ? count() : 0);
    return { items: rows.map(({ total: _t, ...e }) => e), total, totalIsLowerBound: false };
  }
  // A common action ('payment': a fifth of the trail) is found soonest by walking the table newest first;
  // a rare one by its index range, sorting only its rows. Walking reads about (offset + limit) × rows ÷ hits
  // rows, the index about hits: walk when hits² > (offset + limit) × rows. So the hits are counted up to
  // that threshold (or the cap, if larger) and no further: the count stops where the answer is known.
  const rows = actionByIndex ? (maxAuditId(db) ?? 0) : 0;
  // An action filter alone has its exact total in audit_action_counts: no counting at all.
  const known = actionByIndex && actionOnly(f) ? actionRows(db, f.action!) : undefined;
  const upTo = known ?? Math.max(cap, actionByIndex ? Math.ceil(Math.sqrt((offset + limit) * rows)) : 0);
  const hits = known ?? count(upTo);
  const walk = actionByIndex && hits * hits > (offset + limit) * rows;
  const over = hits > upTo;
  // Past the cap a page within the counted rows surely has a next one; a page beyond them reads one row more
  // to know (only then: asking SQLite for 26 rows instead of 25 made its sort of a day's rows 2-3× slower).
  const probe = over && offset + limit > upTo;
  const page = walk ? where(f, true, narrow, ids) : { sql, args };
  const found = prepared<Arg[], AuditEntry>(
    db,
    `SELECT ${COLUMNS} FROM audit_log${page.sql} ORDER BY id DESC LIMIT ? OFFSET ?`,
  ).all(...page.args, limit + (probe ? 1 : 0), offset);
  if (!over) return { items: found, total: hits, totalIsLowerBound: false };
  // A next page makes the total a lower bound; the last page knows it; a page past the end counts.
  if (!probe || found.length > limit)
    return { items: found.slice(0, limit), total: Math.max(cap, offset + limit + 1), totalIsLowerBound: true };
  if (found.length) return { items: found, total: offset + found.length, totalIsLowerBound: false };
  return { items: [], total: count(), totalIsLowerBound: false };
}

/** No filter but the action (and no text search): its rows are those audit_action_counts counts. */
const actionOnly = (f: AuditQuery) =>
  f.userId === undefined && !f.entity && !f.entityId && !f.source && !f.fromAt && !f.toAt && !f.search;

/** The rows of an action or its family (`payment`: payment.create, payment.void...), as where() matches them. */
const actionRows = (db: Sqlite, action: string) =>
  prepared<Arg[], { n: number }>(
    db,
    `SELECT coalesce(sum(rows), 0) AS n FROM audit_action_counts WHERE ${actionTest('action')}`,
  ).get(...actionArgs(action))?.n ?? 0;

const maxAuditId = (db: Sqlite) =>
  prepared<[], { n: number | null }>(db, 'SELECT max(id) AS n FROM audit_log').get()?.n;

/** The ids lo ≤ id < hi of exactly the rows within a date filter's instants (see idSpan). */
interface IdSpan {
  lo: number;
  hi: number;
}

/**
 * Why: the trail is listed (and exported) in id order, the order rows were recorded. A date filter's rows
 * were read through audit_at_idx and sorted by id: a month of a 2,000,000-row trail, ~170,000 rows, for a
 * page of 25. Walking ids instead needs the ids the dates cover, and `at` does not always rise with id (a
 * PC clock set back; the API call log writing a call's instant up to a second late, call-log.ts). It need
 * not: where no step from one row to the next jumped back across an instant x, a row stamped ≥ x is never
 * followed by one stamped before x, so the rows stamped ≥ x are exactly the ids from some id on; where steps
 * did (audit_time_steps), the rows stamped ≥ x stop at each such step and start again at most once before
 * the next. So the dates' rows are known as ranges of ids: when that is one range, it is walked newest
 * first with no sort (the same rows in the same order); when the dates' rows lie in several (a date a
 * set-back clock wrote into) or too many steps crossed a date, null: read through audit_at_idx as before.
 */
function idSpan(db: Sqlite, f: AuditQuery): IdSpan | null {
  if (!f.fromAt && !f.toAt) return null;
  const end = (maxAuditId(db) ?? 0) + 1;
  const from = f.fromAt ? stampedFrom(db, f.fromAt, end) : [{ lo: 0, hi: end }];
  const to = f.toAt ? stampedFrom(db, f.toAt, end) : [];
  if (!from || !to) return null;
  const spans = intersect(from, complement(to, end));
  return spans.length > 1 ? null : (spans[0] ?? { lo: 0, hi: 0 });
}

/** Steps that crossed one instant followed at most: past that, the dates are read through audit_at_idx. */
const MAX_CROSSINGS = 16;

/** The ids of the rows stamped at or after x, as ascending disjoint ranges; null past MAX_CROSSINGS. */
function stampedFrom(db: Sqlite, x: string, end: number): IdSpan[] | null {
  // Whether a backward step crossed x: the stretches are disjoint, one seek.
  const crossed = prepared<[string, string], { one: number }>(
    db,
    'SELECT 1 AS one FROM (SELECT high FROM audit_time_setbacks WHERE low < ? ORDER BY low DESC LIMIT 1) WHERE high >= ?',
  ).get(x, x);
  if (!crossed) return nonEmpty([{ lo: firstIdFrom(db, x, end), hi: end }]);
  const cuts = prepared<[string, string, number], { id: number }>(
    db,
    'SELECT id FROM audit_time_steps WHERE low < ? AND high >= ? ORDER BY id LIMIT ?',
  )
    .all(x, x, MAX_CROSSINGS + 1)
    .map((r) => r.id);
  if (cuts.length > MAX_CROSSINGS) return null;
  // From each step that crossed x to the next, the rows are stamped before x, then (from some id) ≥ x.
  const starts = [0, ...cuts];
  const stops = [...cuts, end];
  return nonEmpty(starts.map((s, i) => ({ lo: firstIdIn(db, x, s, stops[i]!), hi: stops[i]! })));
}

const nonEmpty = (spans: IdSpan[]) => spans.filter((r) => r.lo < r.hi);

/** The ids in [0, end) outside the ascending disjoint ranges `spans`. */
function complement(spans: IdSpan[], end: number): IdSpan[] {
  const out: IdSpan[] = [];
  let from = 0;
  for (const r of spans) {
    out.push({ lo: from, hi: r.lo });
    from = r.hi;
  }
  out.push({ lo: from, hi: end });
  return nonEmpty(out);
}

/** The ids in both lists of ascending disjoint ranges. */
function intersect(a: IdSpan[], b: IdSpan[]): IdSpan[] {
  const out: IdSpan[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    out.push({ lo: Math.max(a[i]!.lo, b[j]!.lo), hi: Math.min(a[i]!.hi, b[j]!.hi) });
    if (a[i]!.hi < b[j]!.hi) i++;
    else j++;
  }
  return nonEmpty(out);
}

/** The last row at or before an id, and whether it is stamped at or after x. */
const rowTo = (db: Sqlite, x: string, id: number) =>
  prepared<[string, number], { id: number; hit: number }>(
    db,
    'SELECT id, at >= ? AS hit FROM audit_log WHERE id <= ? ORDER BY id DESC LIMIT 1',
  ).get(x, id);

/** The first id of the rows stamped at or after x (`end` if none), for an x that no backward step crossed. */
function firstIdFrom(db: Sqlite, x: string, end: number): number {
  const earliest = prepared<[string], { id: number }>(
    db,
    'SELECT id FROM audit_log WHERE at >= ? ORDER BY at, id LIMIT 1',
  ).get(x)?.id;
  if (earliest === undefined) return end;
  // The earliest row stamped ≥ x is the first such id when the row before it is stamped before x (always,
  // when instants rise with ids); else it is bisected for.
  return rowTo(db, x, earliest - 1)?.hit ? firstIdIn(db, x, 0, earliest) : earliest;
}

/**
 * The first id in [from, to) of a row stamped at or after x (`to` if none), where no row so stamped is
 * followed by one stamped before x: bisected by id, no row in [from, lo] is stamped ≥ x and `hi` is `to` or is.
 */
function firstIdIn(db: Sqlite, x: string, from: number, to: number): number {
  let lo = from - 1;
  let hi = to;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = rowTo(db, x, mid);
    if (r && r.id > lo && r.hit) hi = r.id;
    else lo = mid;
  }
  return hi;
}

/** The trail in time order for an export, at most `limit` rows. */
export function auditRowsForExport(db: Sqlite, f: AuditQuery, limit: number): AuditEntry[] {
  return withNarrowing(db, f.search, (narrow) => {
    const ids = idSpan(db, f);
    const { sql, args } = where(f, ids !== null, narrow, ids);
    return prepared<Arg[], AuditEntry>(db, `SELECT ${COLUMNS} FROM audit_log${sql} ORDER BY id ASC LIMIT ?`).all(
      ...args,
      limit,
    );
  });
}

/** The values the filters offer: every action, entity and source recorded, and every user. */
export function auditFacetValues(db: Sqlite) {
  const distinct = (sql: string) =>
    prepared<[], { v: string }>(db, sql)
      .all()
      .map((r) => r.v);
  return {
    actions: distinct('SELECT DISTINCT action AS v FROM audit_log ORDER BY 1'),
    entities: distinct('SELECT DISTINCT entity AS v FROM audit_log ORDER BY 1'),
    sources: distinct('SELECT DISTINCT source AS v FROM audit_log WHERE source IS NOT NULL ORDER BY 1'),
    users: prepared<[], { id: number; username: string }>(
      db,
      'SELECT id, username FROM users ORDER BY username COLLATE NOCASE',
    ).all(),
  };
}
