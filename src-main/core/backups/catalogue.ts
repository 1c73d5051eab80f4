import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../src-shared/result';
import type { AppContext } from '../context';
import { getSettings } from '../settings';
import { defaultBackupDir, parseBackupFileName, sidecarOf, type BackupKind } from './names';
import type { BackupCounts, VerifiedBackup } from './verify';

/** The backup files the app knows: the folders they are listed from and what each sidecar says of them. */
export interface BackupEntry {
  /** Absolute path: the id the other channels take. */
  file: string;
  fileName: string;
  folder: string;
  /** `default` = <data folder>/backups, `custom` = the backup folder from settings. */
  location: 'default' | 'custom';
  kind: BackupKind;
  createdAt: string;
  size: number;
  /** true = checked after writing (or later); null = never checked (e.g. copied in by hand). */
  verified: boolean | null;
  schemaVersion: number | null;
  counts: BackupCounts | null;
}

/** What the check after writing found, kept beside the backup (`<file>.json`). */
export interface Sidecar extends VerifiedBackup {
  kind: BackupKind;
  createdAt: string;
  verifiedAt: string;
  appVersion: string;
}

export function writeSidecar(file: string, data: Sidecar) {
  try {
    fs.writeFileSync(sidecarOf(file), JSON.stringify(data, null, 1));
  } catch {
    // Read-only medium: the backup is still valid, it just lists as "not checked".
  }
}

export function readSidecar(file: string): Sidecar | null {
  try {
    return JSON.parse(fs.readFileSync(sidecarOf(file), 'utf8')) as Sidecar;
  } catch {
    return null;
  }
}

export function entryFor(file: string, location: BackupEntry['location']): BackupEntry | null {
  const parsed = parseBackupFileName(path.basename(file));
  if (!parsed) return null;
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return null;
  }
  const side = readSidecar(file);
  return {
    file,
    fileName: path.basename(file),
    folder: path.dirname(file),
    location,
    kind: parsed.kind,
    createdAt: parsed.createdAt.toISOString(),
    size,
    verified: side ? true : null,
    schemaVersion: side?.schemaVersion ?? null,
    counts: side?.counts ?? null,
  };
}

/** The folders backups are listed from: the default one and, when set, the custom backup folder. */
function backupFolders(app: AppContext): { dir: string; location: BackupEntry['location'] }[] {
  const out: { dir: string; location: BackupEntry['location'] }[] = [
    { dir: defaultBackupDir(app.dataDir), location: 'default' },
  ];
  const custom = getSettings(app).backupFolder.trim();
  if (custom && path.resolve(custom) !== out[0]!.dir) out.push({ dir: path.resolve(custom), location: 'custom' });
  return out;
}

export function listBackups(app: AppContext): BackupEntry[] {
  const out: BackupEntry[] = [];
  for (const { dir, location } of backupFolders(app)) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const e = entryFor(path.join(dir, n), location);
      if (e) out.push(e);
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.file.localeCompare(b.file));
}

/** A file the list shows (so delete can never reach the live database or anything else). */
export function knownBackup(app: AppContext, file: string): BackupEntry {
  const abs = path.resolve(file);
  const hit = listBackups(app).find((b) => b.file === abs);
  if (!hit)
    throw new AppError('NOT_FOUND', 'Backup not found: it is not in the backup folders', [
      { path: 'file', message: 'Unknown backup' },
    ]);
  return hit;
}
