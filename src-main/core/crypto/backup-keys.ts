import type { DbKey } from '../../db/encryption/cipher';
import type { AppContext } from '../context';
import { readKeyRecord } from './backup-trailer';
import { keyFromRecovery } from './database-key';

/**
 * The key to read a backup file with: this installation's key for its own backups (and any file without
 * a key record), the key unlocked by `recoveryKey` for a backup of another installation (a dead PC).
 * Throws DatabaseKeyError when the recovery key does not belong to the backup.
 */
export function keyForBackup(app: AppContext, file: string, recoveryKey?: string): DbKey | null {
  const own = app.encryption;
  const found = readKeyRecord(file);
  if (!found || (own && found.record.keyId === own.keyring.keyId) || !recoveryKey) return own?.key ?? null;
  return keyFromRecovery(found.record, recoveryKey, 'backup');
}
