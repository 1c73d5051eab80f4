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

/** True when a better-sqlite3 error is a UNIQUE constraint failure (optionally on a given index/column). */
export function isUniqueViolation(err: unknown, needle?: string): boolean {
  const e = err as { code?: string; message?: string };
  if (e?.code !== 'SQLITE_CONSTRAINT_UNIQUE') return false;
  return needle ? (e.message ?? '').includes(needle) : true;
}
