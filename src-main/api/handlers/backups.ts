import type { backupsContract } from '../../../src-shared/contract/backups';
import {
  backupStatus,
  createBackup,
  deleteBackup,
  inspectBackup,
  listBackups,
  restoreBackup,
} from '../../core/backups/service';
import { allowedBackupFolders } from '../../core/backups/folder';
import { defaultBackupDir } from '../../core/backups/names';
import { nextSlot } from '../../core/backups/schedule';
import { getSettings } from '../../core/settings';
import { readJournal } from '../../db/migrate';
import type { HandlersFor } from '../handler';
import { writeAudit } from '../../core/audit';
import { confirmOwnerRecoveryKey, encryptionStatus, showRecoveryKey } from '../../core/crypto/recovery-key-owner';

export const backupsHandlers: HandlersFor<typeof backupsContract> = {
  'backups.list': (_input, { app }) => {
    const s = getSettings(app);
    return {
      items: listBackups(app),
      defaultFolder: defaultBackupDir(app.dataDir),
      customFolder: s.backupFolder,
      allowedFolders: allowedBackupFolders(app),
      appSchemaVersion: readJournal(app.migrationsFolder).entries.length,
      status: { ...backupStatus(app), nextDailyAt: nextSlot(app.clock.now(), s.backupTime, s.timeZone).toISOString() },
    };
  },
  'backups.create': async ({ folder }, call) => {
    const entry = await createBackup(call.app, { kind: 'manual', folder });
    call.app.sqlite.transaction(() =>
      writeAudit(call, {
        action: 'backups.create',
        entity: 'backup',
        entityId: entry.fileName,
        after: { folder: entry.folder, size: entry.size },
      }),
    )();
    return entry;
  },
  'backups.verify': ({ file, recoveryKey }, { app }) => inspectBackup(app, file, recoveryKey),
  'backups.restore': ({ file, recoveryKey }, call) => restoreBackup(call, file, recoveryKey),
  'backups.delete': ({ file }, call) => deleteBackup(call, file),
  'backups.encryption': (_input, { app }) => encryptionStatus(app),
  'backups.revealRecoveryKey': (_input, call) => showRecoveryKey(call),
  'backups.confirmRecoveryKey': ({ recoveryKey }, call) => confirmOwnerRecoveryKey(call, recoveryKey),
};
