import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { readJournal } from '../../db/migrate';
import { DatabaseKeyError, openDatabaseFile, type DbKey } from '../../db/encryption/cipher';
import { readKeyRecord, stripKeyRecord } from '../crypto/backup-trailer';
import { integrityCheck, integrityCheckSync, type IntegrityResult } from '../../db/integrity-check';
import { toRollbackJournal } from '../../db/encryption/snapshot';
import {
  applicationId,
  appliedMigrationTimes,
  hasTable as tableIn,
  storedIspName,
} from '../../data/backups.repository';

/** `PRAGMA application_id` of every PPPoE Desk database ('PPDK'): the first sign a file is ours. */
export const APPLICATION_ID = 0x5050444b;

export interface BackupCounts {
  customers: number;
  invoices: number;
  payments: number;
}

export interface VerifiedBackup {
  /** Number of drizzle migrations applied in the backup. */
  schemaVersion: number;
  counts: BackupCounts;
  ispName: string | null;
  /** Newest audit entry: roughly "the data is as of". */
  lastActivityAt: string | null;
}

/** Why a file cannot be restored; the message is shown to the user as is. */
export class BackupRejected extends Error {
  constructor(
    readonly reason: 'missing' | 'not-sqlite' | 'corrupt' | 'not-ours' | 'newer' | 'other-key',
    message: string,
  ) {
    super(message);
    this.name = 'BackupRejected';
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function readHeader(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Cheap checks before opening: exists, SQLite header, not truncated. An encrypted file has no readable
 * header: it must be whole pages (plus our key record) and open with the key. Returns the key to read
 * the file with: null for a plain file (a backup from before encryption).
 */
function preflight(file: string, key?: DbKey | null, nativeBinding?: string): DbKey | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupRejected('missing', 'The backup file was not found');
  }
  if (!stat.isFile()) throw new BackupRejected('missing', 'The backup file was not found');
  const header = readHeader(file);
  if (header.length >= 16 && !header.subarray(0, 16).equals(SQLITE_HEADER))
    return encryptedPreflight(file, stat, key, nativeBinding);
  if (header.length < 100 || !header.subarray(0, 16).equals(SQLITE_HEADER)) {
    throw new BackupRejected('not-sqlite', 'This file is not a PPPoE Desk backup (it is not an SQLite database).');
  }
  // Page size × page count from the header must match the file: catches a truncated copy early.
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pageCount = header.readUInt32BE(28);
  if (pageCount > 0 && stat.size < pageSize * pageCount) {
    throw new BackupRejected('corrupt', 'The backup file is incomplete (truncated): it cannot be restored.');
  }
  return null;
}

function encryptedPreflight(file: string, stat: fs.Stats, key?: DbKey | null, nativeBinding?: string): DbKey {
  const record = readKeyRecord(file);
  const pages = stat.size - (record?.bytes ?? 0);
  // The cipher writes whole pages (512 bytes or more): anything else that no key opens is not a database.
  const aligned = pages >= 512 && pages % 512 === 0;
  const refuse = () =>
    aligned
      ? new BackupRejected(
          'other-key',
          'This file is encrypted with a key this installation does not have, or it is not a PPPoE Desk backup.',
        )
      : new BackupRejected('not-sqlite', 'This file is not a PPPoE Desk backup (it is not an SQLite database).');
  if (!key) throw refuse();
  let db: Database.Database | undefined;
  try {
    db = openDatabaseFile(file, { key, readonly: true, nativeBinding });
  } catch (err) {
    if (err instanceof DatabaseKeyError) throw refuse();
    // The first page decrypts but the file is shorter than its header says, or a page fails its tag.
    throw new BackupRejected('corrupt', 'The backup file cannot be opened: it is damaged.');
  } finally {
    db?.close();
  }
  return key;
}

/** Opens the checked file read-only for the cheap checks: marker, migration history, counts. */
function inspect(
  file: string,
  migrationsFolder: string,
  integrityResult: IntegrityResult,
  nativeBinding?: string,
  key?: DbKey | null,
): VerifiedBackup {
  if ('error' in integrityResult)
    throw new BackupRejected('corrupt', 'The backup file cannot be opened: it is damaged.');
  const integrity = integrityResult.rows;
  if (integrity.length !== 1 || integrity[0] !== 'ok') {
    throw new BackupRejected('corrupt', 'The backup file is damaged (integrity check failed).');
  }
  let db: Database.Database;
  try {
    db = openDatabaseFile(file, { key, readonly: true, nativeBinding });
  } catch {
    throw new BackupRejected('corrupt', 'The backup file cannot be opened: it is damaged.');
  }
  try {
    const appId = applicationId(db);
    const hasTable = (name: string) => tableIn(db, name);
    const notOurs = () =>
      new BackupRejected('not-ours', 'This file is an SQLite database, but not a PPPoE Desk database.');
    if (appId !== 0 && appId !== APPLICATION_ID) throw notOurs();
    if (!hasTable('__drizzle_migrations')) throw notOurs();

    // The applied migrations must be ours, in order (drizzle stores each migration's journal timestamp).
    const applied = appliedMigrationTimes(db);
    const journal = readJournal(migrationsFolder).entries.map((e) => e.when);
    if (applied.length === 0) throw notOurs();
    const shared = Math.min(applied.length, journal.length);
    for (let i = 0; i < shared; i++) if (applied[i] !== journal[i]) throw notOurs();
    for (const t of ['settings', 'users', 'customers', 'invoices', 'payments']) if (!hasTable(t)) throw notOurs();

    if (applied.length > journal.length) {
      throw new BackupRejected(
        'newer',
        'This backup was made by a newer version of PPPoE Desk. Update the app first, then restore it.',
      );
    }

    const ispValue = storedIspName(db);
    let ispName: string | null = null;
    try {
      ispName = ispValue !== undefined ? (JSON.parse(ispValue) as string) : null;
    } catch {
      ispName = null;
    }
    const facts = integrityResult.counts;
    if (!facts) throw notOurs();
    return {
      schemaVersion: applied.length,
      counts: { customers: facts.customers, invoices: facts.invoices, payments: facts.payments },
      ispName,
      lastActivityAt: facts.lastActivityAt,
    };
  } finally {
    db.close();
  }
}

/**
 * Checks that a file is a complete, uncorrupted PPPoE Desk database this app can open:
 * SQLite header, `PRAGMA integrity_check`, our application id or migration history, and a schema
 * version no newer than the app's migrations. Opens the file read-only; never changes it.
 * The file must be in rollback (non-WAL) mode, as every backup this app writes is; callers that check
 * a foreign file verify a private copy prepared by `prepareCopy` instead.
 */
export function verifyDatabaseFileSync(
  file: string,
  migrationsFolder: string,
  nativeBinding?: string,
  key?: DbKey | null,
): VerifiedBackup {
  const k = preflight(file, key, nativeBinding);
  return inspect(file, migrationsFolder, integrityCheckSync(file, nativeBinding, k), nativeBinding, k);
}

/** The same checks; the integrity check runs in a worker thread so the app keeps answering. */
export async function verifyDatabaseFile(
  file: string,
  migrationsFolder: string,
  nativeBinding?: string,
  key?: DbKey | null,
): Promise<VerifiedBackup> {
  const k = preflight(file, key, nativeBinding);
  return inspect(file, migrationsFolder, await integrityCheck(file, nativeBinding, k), nativeBinding, k);
}

/**
 * Copies `source` (which may be in WAL mode, on a USB stick or read-only medium) to `dest` and turns
 * the copy into a self-contained rollback-journal file, so it can be verified read-only and renamed
 * into place. The source is never opened for writing.
 */
export async function prepareCopy(
  source: string,
  dest: string,
  nativeBinding?: string,
  key?: DbKey | null,
): Promise<void> {
  await fs.promises.copyFile(source, dest);
  stripKeyRecord(dest); // an encrypted backup's key record (crypto/backup-trailer.ts) is not part of the database
  // A live-looking WAL file next to the source holds committed pages: bring it along so they are kept.
  for (const ext of ['-wal', '-shm']) fs.rmSync(dest + ext, { force: true });
  if (fs.existsSync(source + '-wal')) await fs.promises.copyFile(source + '-wal', dest + '-wal');
  const header = readHeader(dest);
  const encrypted = header.length >= 16 && !header.subarray(0, 16).equals(SQLITE_HEADER);
  if (!encrypted && (header.length < 100 || !header.subarray(0, 16).equals(SQLITE_HEADER))) return; // verify reports it
  // An encrypted header cannot be read: open it with the key and switch to a rollback journal anyway.
  if (encrypted ? !!key : header[18] === 2 || header[19] === 2) {
    try {
      toRollbackJournal(dest, { nativeBinding, key: encrypted ? key : null });
    } catch {
      // Unreadable: verifyDatabaseFile gives the user-facing reason.
    }
  }
  for (const ext of ['-wal', '-shm']) fs.rmSync(dest + ext, { force: true });
}
