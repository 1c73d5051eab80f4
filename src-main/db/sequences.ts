import type { Sqlite } from './open';

/**
 * Next value of a named counter. Call it inside the transaction that writes the numbered row:
 * SQLite serialises writers, so two callers can never get the same number and a rolled-back
 * transaction gives its number back (no gaps the database could have prevented).
 */
export function nextSequence(sqlite: Sqlite, name: string): number {
  const row = sqlite
    .prepare(
      'INSERT INTO sequences(name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
    )
    .get(name) as { value: number };
  return row.value;
}
