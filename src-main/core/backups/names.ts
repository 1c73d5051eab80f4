import fs from 'node:fs';
import path from 'node:path';

/** What made a backup. Only `daily` is pruned by the retention rules; the others are kept until deleted. */
export const BACKUP_KINDS = ['daily', 'manual', 'pre-restore', 'pre-migration'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** Folder for automatic backups inside the data folder (daily, pre-restore, pre-migration). */
export const defaultBackupDir = (dataDir: string) => path.join(dataDir, 'backups');

const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/;
// `before-migration` is the name older builds used for the pre-migration snapshot.
const NAME =
  /^pppoe-desk-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-(daily|manual|pre-restore|pre-migration|before-migration)(?:-[A-Za-z0-9-]+)?\.sqlite$/;

/**
 * Backup file names carry their creation instant (UTC) and kind, so a folder copied to a USB stick and
 * back still lists correctly without any index file: `pppoe-desk-2026-11-24T19-00-00-000Z-daily.sqlite`.
 */
export function backupFileName(at: Date, kind: BackupKind, suffix?: string): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return `pppoe-desk-${stamp}-${kind}${suffix ? `-${suffix.replace(/[^A-Za-z0-9-]/g, '-')}` : ''}.sqlite`;
}

export interface ParsedName {
  createdAt: Date;
  kind: BackupKind;
}

export function parseBackupFileName(name: string): ParsedName | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const s = STAMP.exec(m[1]!);
  if (!s) return null;
  const [, y, mo, d, h, mi, se, ms] = s;
  const createdAt = new Date(`${y}-${mo}-${d}T${h}:${mi}:${se}.${ms}Z`);
  if (Number.isNaN(createdAt.getTime())) return null;
  const kind = m[2] === 'before-migration' ? 'pre-migration' : (m[2] as BackupKind);
  return { createdAt, kind };
}

/** Sidecar with the verification result, next to the backup (travels with it when the folder is copied). */
export const sidecarOf = (file: string) => `${file}.json`;

/** A path in `dir` for a new backup that does not overwrite an existing one (same instant → `-2`, `-3`...). */
export function uniqueBackupPath(dir: string, at: Date, kind: BackupKind, suffix?: string): string {
  let name = backupFileName(at, kind, suffix);
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++)
    name = backupFileName(at, kind, [suffix, String(i)].filter(Boolean).join('-'));
  return path.join(dir, name);
}
