import type { Sqlite } from '../db/open';
import { prepared } from './statements';

/**
 * Reserves `count` consecutive numbers of a named counter in one statement and returns the first.
 * Call it inside the transaction that writes the numbered rows: SQLite serialises writers, so two
 * callers never get the same number, and a rollback gives the whole block back (no gaps).
 */
export function reserveSequence(db: Sqlite, name: string, count: number): number {
  const row = prepared<[string, number], { value: number }>(
    db,
    'INSERT INTO sequences(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value RETURNING value',
  ).get(name, count)!;
  return row.value - count + 1;
}

/** The next value of a named counter (a block of one). */
export const nextSequence = (db: Sqlite, name: string): number => reserveSequence(db, name, 1);
