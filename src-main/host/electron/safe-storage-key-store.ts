import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../logging/logger';
import { fileKeyStore, type KeyStore } from '../../core/crypto/key-file';
import { safeStorageUsable } from './safe-storage-box';

type SafeStorageLike = Parameters<typeof safeStorageUsable>[0];

export const SEALED_KEY_FILE = 'database-key.sealed';

/**
 * The desktop app's database key, sealed with Electron safeStorage (Windows DPAPI: only this Windows
 * user on this PC can unseal it) in the data folder. A copy of the folder, or the disk in another PC,
 * cannot open the database without the recovery key. Where safeStorage gives no real protection (Linux
 * 'basic_text'), the key goes to a 0600 key file in the user's config folder instead, with a warning.
 */
export function safeStorageKeyStore(
  safeStorage: SafeStorageLike,
  dataDir: string,
  logger: Logger,
  platform = process.platform,
): KeyStore {
  if (!safeStorageUsable(safeStorage, platform)) {
    const store = fileKeyStore({ dataDir });
    logger.warn('OS encryption (safeStorage) is not available: the database key is kept in a key file instead', {
      platform,
    });
    return store;
  }
  const file = path.join(dataDir, SEALED_KEY_FILE);
  return {
    where: () => `${file} (sealed for this Windows user)`,
    load(keyId) {
      let rec: { keyId?: string; sealed?: string };
      try {
        rec = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof rec;
      } catch {
        return null;
      }
      if (rec.keyId !== keyId || typeof rec.sealed !== 'string') return null;
      try {
        const hex = safeStorage.decryptString(Buffer.from(rec.sealed, 'base64'));
        return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
      } catch (err) {
        // Sealed by another Windows user or PC: only the recovery key helps now.
        logger.warn('the sealed database key cannot be unsealed here', { error: String(err) });
        return null;
      }
    },
    save(keyId, key) {
      const sealed = safeStorage.encryptString(key.toString('hex')).toString('base64');
      const tmp = `${file}.tmp`;
      const fd = fs.openSync(tmp, 'w', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify({ keyId, sealed }));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, file);
    },
  };
}
