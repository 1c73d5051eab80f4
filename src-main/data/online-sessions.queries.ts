import type { Sqlite } from '../db/open';
import { prepared } from './statements';

/** The routers the "Sedang online" screen offers: active ones, by name. */
export function activeRoutersByName(db: Sqlite): { id: number; name: string; state: string }[] {
  return prepared<[], { id: number; name: string; state: string }>(
    db,
    'SELECT id, name, state FROM routers WHERE is_active = 1 ORDER BY name COLLATE NOCASE',
  ).all();
}
