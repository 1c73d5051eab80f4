import { settingsSchema, type Settings } from '../../src-shared/settings';
import { AppError } from '../../src-shared/result';
import { upsertSetting } from '../data/settings.repository';
import { writeAudit } from './audit';
import { checkAllowableFolder } from './backups/folder';
import type { CallContext } from './context';
import { cacheSettings, getSettings } from './settings';
import { mirrorSettingsToDefaultBrand } from './brands/brands';

/**
 * Validates and stores a settings change with its audit row. Apart from getSettings because it checks
 * backup folders, and backups/folder.ts itself reads the settings.
 */
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
  app.sqlite.transaction(() => {
    const at = app.clock.now().toISOString();
    for (const k of changed) upsertSetting(app.sqlite, k, JSON.stringify(next.data[k]), at);
    mirrorSettingsToDefaultBrand(app.sqlite, changed, next.data, at);
    if (changed.length) {
      writeAudit(call, {
        action: 'settings.update',
        entity: 'settings',
        before: Object.fromEntries(changed.map((k) => [k, k === 'ispLogo' ? '[image]' : before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, k === 'ispLogo' ? '[image]' : next.data[k]])),
      });
    }
  })();
  cacheSettings(app, next.data);
  return next.data;
}
