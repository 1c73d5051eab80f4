import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, tempDir } from '../../helpers/app';

/** A copy of the migrations folder that knows only the first `n` migrations (an "older app"). */
export function olderMigrations(n: number): string {
  const dir = path.join(tempDir('pppoe-desk-migr-'), 'drizzle');
  fs.cpSync(MIGRATIONS, dir, { recursive: true });
  const file = path.join(dir, 'meta', '_journal.json');
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  j.entries = j.entries.slice(0, n);
  fs.writeFileSync(file, JSON.stringify(j));
  return dir;
}

export const journalLength = () =>
  (JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] })
    .entries.length;
