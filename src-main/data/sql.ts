/** One page of a list and the total it was cut from. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** `%text%` for LIKE with `\` as the escape character, so `%` and `_` typed by a user match literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Whether a substring search should use the trigram LIKE of pppoe_accounts_fts: it needs a run
 * of 3+ characters and no LIKE wildcard to escape (the full-text LIKE takes no ESCAPE clause). A needle of
 * digits only (a phone or ID number) is better scanned: digit trigrams ("000", "812") are in most rows, so
 * intersecting their lists reads more than one pass over the narrow search index (measured: 107 ms vs 37 ms
 * for a 13-digit ID at 50,000 customers).
 */
export function trigramSearchable(text: string): boolean {
  return [...text].length >= 3 && !/[\\%_]/.test(text) && !/^[0-9 +().-]{6,}$/.test(text);
}

/** True when a better-sqlite3 error is a UNIQUE constraint failure (optionally on a given index/column). */
export function isUniqueViolation(err: unknown, needle?: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e: { code?: unknown; message?: unknown } = err;
  if (e.code !== 'SQLITE_CONSTRAINT_UNIQUE') return false;
  return needle ? String(e.message ?? '').includes(needle) : true;
}

/** One condition of a list's WHERE clause with its parameters, or a falsy value for a filter not set. */
export type Condition = readonly [sql: string, ...params: unknown[]] | false | undefined | null | 0 | '';

/** `WHERE a AND b …` of the conditions that are set (empty when none is), and their parameters in order. */
export function whereOf(conditions: Condition[]): { where: string; params: unknown[] } {
  const set = conditions.filter((c) => !!c);
  return {
    where: set.length ? `WHERE ${set.map(([sql]) => sql).join(' AND ')}` : '',
    params: set.flatMap(([, ...params]) => params),
  };
}
