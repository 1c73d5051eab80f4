import { DEFAULT_SETTINGS, settingsSchema, settingsShape, type Settings } from '../../src-shared/settings';
import { readSettingRows } from '../data/settings.repository';
import type { AppContext } from './context';

const cache = new WeakMap<AppContext, Settings>();

/** All settings, stored values over defaults. Cached per app; every write goes through updateSettings (settings-update.ts). */
export function getSettings(app: AppContext): Settings {
  const hit = cache.get(app);
  if (hit) return hit;
  const rows = readSettingRows(app.sqlite);
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

/** Drops the cache (after a restore swapped the database underneath). */
export function invalidateSettings(app: AppContext): void {
  cache.delete(app);
}

/** Caches what updateSettings has just written, so the next read needs no query. */
export function cacheSettings(app: AppContext, settings: Settings): void {
  cache.set(app, settings);
}
