import { DEFAULT_SETTINGS, settingsSchema, settingsShape, type Settings } from '../../src-shared/settings';
import { AppError } from '../../src-shared/result';
import { writeAudit } from './audit';
import { checkAllowableFolder } from './backups/folder';
import type { AppContext, CallContext } from './context';

const cache = new WeakMap<AppContext, Settings>();

/** All settings, stored values over defaults. Cached per app; every write goes through updateSettings. */
export function getSettings(app: AppContext): Settings {
  const hit = cache.get(app);
  if (hit) return hit;
  const rows = app.sqlite.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const r of rows) {
    if (Object.hasOwn(settingsShape, r.key)) {
      try {
        stored[r.key] = JSON.parse(r.value);
      } catch {
        app.logger.warn('ignoring unreadable setting', { key: r.key });
      }
    }
  }
  // A stored value that no longer validates falls back to its default rather than breaking start-up.
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [k, v] of Object.entries(stored)) {
    const one = settingsShape[k as keyof typeof settingsShape].safeParse(v);
    if (one.success) merged[k] = one.data;
  }
  const s = settingsSchema.parse(merged);
  cache.set(app, s);
  return s;
}

export function updateSettings(call: CallContext, patch: Partial<Settings>): Settings {
  const { app } = call;
  const before = getSettings(app);
  const next = settingsSchema.safeParse({ ...before, ...patch });
  if (!next.success) {
    throw new AppError(
      'BAD_INPUT',
      'Some settings are not valid',
      next.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const changed = (Object.keys(patch) as (keyof Settings)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(next.data[k]),
  );
  // A backup folder must exist, be writable and be allowable (no system folder, not PPPoE Desk's own,
  // inside --backup-root when the server has one) when it is chosen; a USB stick pulled out later is
  // reported by the daily backup, which still writes to the default folder.
  if (changed.includes('backupFolder') && next.data.backupFolder)
    checkAllowableFolder(app, next.data.backupFolder, 'backupFolder');
  if (changed.includes('backupAllowedFolders')) {
    const was = new Set(before.backupAllowedFolders);
    next.data.backupAllowedFolders.forEach((f, i) => {
      if (!was.has(f)) checkAllowableFolder(app, f, `backupAllowedFolders.${i}`, true);
    });
  }
  const upsert = app.sqlite.prepare(
    `INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  app.sqlite.transaction(() => {
    const at = app.clock.now().toISOString();
    for (const k of changed) upsert.run(k, JSON.stringify(next.data[k]), at);
    if (changed.length) {
      writeAudit(call, {
        action: 'settings.update',
        entity: 'settings',
        before: Object.fromEntries(changed.map((k) => [k, k === 'ispLogo' ? '[image]' : before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, k === 'ispLogo' ? '[image]' : next.data[k]])),
      });
    }
  })();
  cache.set(app, next.data);
  return next.data;
}

/** Drops the cache (after a restore swapped the database underneath). */
export function invalidateSettings(app: AppContext): void {
  cache.delete(app);
}
