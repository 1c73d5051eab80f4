import type { Sqlite } from '../../db/open';
import { prepared } from '../statements';

/** A router's name (for assignment checks and labels), or undefined when there is none. */
export function findRouterName(db: Sqlite, id: number): string | undefined {
  return prepared<[number], { name: string }>(db, 'SELECT name FROM routers WHERE id = ?').get(id)?.name;
}
