import { z } from 'zod';
import { procedure, timestamp } from './define';

export const BACKUP_KIND_VALUES = ['daily', 'manual', 'pre-restore', 'pre-migration'] as const;

const filePath = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.string({ error: 'Choose a backup file' }).min(1, 'Choose a backup file').max(1000, 'Path is too long'),
);
/** Needed only for a backup made by another installation (its database key is wrapped by this key). */
const recoveryKey = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().max(100, 'Recovery key is too long').optional(),
);
const counts = z.object({ customers: z.number().int(), invoices: z.number().int(), payments: z.number().int() });

export const backupEntry = z.object({
  file: z.string(),
  fileName: z.string(),
  folder: z.string(),
  location: z.enum(['default', 'custom']),
  kind: z.enum(BACKUP_KIND_VALUES),
  createdAt: timestamp,
  size: z.number().int(),
  verified: z.boolean().nullable(),
  schemaVersion: z.number().int().nullable(),
  counts: counts.nullable(),
});
export type BackupEntryDto = z.output<typeof backupEntry>;

/** Encryption at rest as the owner sees it (never the key itself). */
const encryptionStatus = z.object({
  encrypted: z.boolean(),
  /** Where the database key is kept (a key file path, or the Windows-protected file). */
  keyLocation: z.string().nullable(),
  /** The owner typed the recovery key back: the app no longer keeps it and cannot show it again. */
  recoveryKeyConfirmed: z.boolean(),
  confirmedAt: timestamp.nullable(),
});

export const backupsContract = {
  'backups.encryption': procedure({
    permission: 'backups.manage',
    input: z.object({}).strict().default({}),
    output: encryptionStatus,
  }),
  /** Shows the recovery key while it is not yet confirmed (each showing is audited). */
  'backups.revealRecoveryKey': procedure({
    permission: 'backups.manage',
    input: z.object({}).strict().default({}),
    output: z.object({ recoveryKey: z.string() }),
  }),
  /** The owner types the recovery key back to prove it is stored; then the app forgets it for good. */
  'backups.confirmRecoveryKey': procedure({
    permission: 'backups.manage',
    mutates: 'backups',
    input: z
      .object({
        recoveryKey: z.preprocess(
          (v) => (typeof v === 'string' ? v.trim() : v),
          z
            .string({ error: 'Type the recovery key' })
            .min(1, 'Type the recovery key')
            .max(100, 'Recovery key is too long'),
        ),
      })
      .strict(),
    output: encryptionStatus,
  }),
  'backups.list': procedure({
    permission: 'backups.manage',
    input: z.object({}).strict().default({}),
    output: z.object({
      items: z.array(backupEntry),
      defaultFolder: z.string(),
      customFolder: z.string(),
      /** Where "Back up to folder" may write (a folder inside one of them also qualifies). */
      allowedFolders: z.array(z.string()),
      /** This app's schema version (a backup with a higher one cannot be restored). */
      appSchemaVersion: z.number().int(),
      status: z.object({
        running: z.enum(['backup', 'restore']).nullable(),
        lastDaily: z.object({ at: timestamp, file: z.string() }).nullable(),
        nextDailyAt: timestamp,
        lastError: z.object({ at: timestamp, message: z.string() }).nullable(),
      }),
    }),
  }),
  'backups.create': procedure({
    permission: 'backups.manage',
    mutates: 'backups',
    input: z
      .object({
        /** A folder (USB stick, synced cloud folder); omitted = the default backup folder. */
        folder: z.preprocess(
          (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
          z.string().max(1000, 'Path is too long').optional(),
        ),
      })
      .strict()
      .default({}),
    output: backupEntry,
  }),
  /** Checks a backup (listed or any file path) and tells what it contains, without touching current data. */
  'backups.verify': procedure({
    permission: 'backups.manage',
    input: z.object({ file: filePath, recoveryKey }).strict(),
    output: z.object({
      file: z.string(),
      createdAt: timestamp,
      schemaVersion: z.number().int(),
      counts,
      ispName: z.string().nullable(),
      lastActivityAt: z.string().nullable(),
    }),
  }),
  'backups.restore': procedure({
    permission: 'backups.manage',
    mutates: 'all',
    input: z.object({ file: filePath, recoveryKey }).strict(),
    output: z.object({
      restoredFrom: z.string(),
      backupCreatedAt: timestamp,
      lastActivityAt: z.string().nullable(),
      schemaVersion: z.number().int(),
      counts,
      preRestoreBackup: z.string(),
      sessionKept: z.boolean(),
      /** Routers whose sync queue is held until the owner has checked their differences (Sync screen). */
      routersHeld: z.number().int(),
    }),
  }),
  'backups.delete': procedure({
    permission: 'backups.manage',
    mutates: 'backups',
    input: z.object({ file: filePath }).strict(),
    output: z.object({ ok: z.boolean() }),
  }),
};
