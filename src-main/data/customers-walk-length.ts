/**
 * Where in a list's order a dense needle's page lies, guessed from samples (issue 20): customers-search.ts asks
 * before walking the order, and sorts the hits at once when the walk would spend its budget first. Only a guess:
 * the answer never depends on it.
 */
import type { Sqlite } from '../db/open';
import type { HitIndex, PageOrder } from './customers-search-types';
import { prepared } from './statements';

/** A walk of a budget under this many rows is not sampled (walkLength costs ~0.2–0.5 ms, ~2,000 rows walked). */
export const WALK_SAMPLED = 4_000;
/** Hits sampled to place a page in the order (walkLength), and rows: from ~8 per budget's worth, within bounds. */
const HIT_SAMPLE = 48;
const ROW_SAMPLE = { min: 32, max: 256 };
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * About how many rows a walk in the page's order passes until it has met `need` hits, or null when the
 * samples cannot say (no hits index to look them up in, too few hits sampled in scope). The first
 * HIT_SAMPLE hits of the index (in its order: ids, or terms) and rows at ids spread over the table
 * (about 8 for each `budget` rows of it: "saputra 4" at 500,000 customers, 21,000 rows into the name order
 * against a budget of 20,074, needs that resolution) are looked up in the hits index and put in the page's
 * order, within `status` when one is given: the hit of the sample that stands where the page's last one
 * does (its rank × the sample's share of the hits) has about rows × (sampled rows before it ÷ sampled
 * rows) rows before it. Where hits gather late in the order (a first name in name order: "hendra" past
 * 200,000 rows at 500,000 customers) sorting them at once saves walking the budget first. The answer never
 * depends on it (see walk).
 */
export function walkLength(
  db: Sqlite,
  index: HitIndex,
  page: PageOrder,
  need: number,
  budget: number,
  scope: { rows: number; hits?: number; needleHits: number; status?: string },
): number | null {
  if (!page.hitsIndex || scope.rows <= 0) return null;
  const sampled = prepared<object, { id: number }>(
    db,
    `SELECT ${index.id} AS id FROM ${index.from} WHERE ${index.where} LIMIT @sample`,
  )
    .all({ ...index.params, sample: HIT_SAMPLE })
    .map((r) => r.id);
  if (!sampled.length) return null;
  const hitIds = new Set(sampled);
  const top = prepared<[], { n: number | null }>(db, 'SELECT max(id) AS n FROM customers').get()?.n ?? 0;
  const size = Math.min(ROW_SAMPLE.max, Math.max(ROW_SAMPLE.min, Math.ceil((8 * top) / Math.max(budget, 1))));
  const rowIds = new Set<number>();
  // Spread by the golden ratio, not by an even stride, which would meet the same few names in data made
  // by a rule (every 15th customer a "Budi").
  for (let k = 0; k < size; k++) rowIds.add(1 + Math.floor(((k * GOLDEN) % 1) * top));
  const inScope = scope.status === undefined ? '' : 'AND c.status = @status';
  const ordered = prepared<object, { id: number }>(
    db,
    `SELECT c.id FROM customers c INDEXED BY ${page.hitsIndex}
      WHERE c.id IN (SELECT value FROM json_each(@ids)) ${inScope} ORDER BY ${page.order}`,
  )
    .all({ ids: JSON.stringify([...new Set([...sampled, ...rowIds])]), status: scope.status })
    .map((r) => r.id);
  const hitsIn = ordered.filter((id) => hitIds.has(id)).length;
  const rowsIn = ordered.filter((id) => rowIds.has(id)).length;
  if (!hitsIn || !rowsIn) return null;
  // The hits in scope: counted, or the sample's share of the needle's (counted or estimated) hits.
  const total = Math.max(scope.hits ?? (scope.needleHits * hitsIn) / sampled.length, hitsIn);
  const rank = Math.ceil((need * hitsIn) / total);
  if (rank > hitsIn) return null;
  let hitsSeen = 0;
  let rowsSeen = 0;
  for (const id of ordered) {
    if (hitIds.has(id) && ++hitsSeen === rank) break;
    if (rowIds.has(id)) rowsSeen++;
  }
  return Math.round((rowsSeen * scope.rows) / rowsIn);
}
