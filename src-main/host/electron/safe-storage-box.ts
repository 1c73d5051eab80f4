import type { SafeStorage } from 'electron';
import type { Logger } from '../../logging/logger';
import { keyFileSecretBox, type SecretBox } from '../../core/secrets';

const PREFIX = 'ss1:';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/** Whether safeStorage really protects the key (on Linux 'basic_text' is a hard-coded key: no better than a key file). */
export function safeStorageUsable(safeStorage: SafeStorageLike, platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
  return true;
}

/**
 * Router and PPPoE passwords sealed with Electron safeStorage (Windows DPAPI / macOS Keychain / libsecret):
 * the ciphertext in the database is useless on another machine or user account. Must be created after
 * app 'ready'. The SecretBox interface is synchronous (services seal inside a synchronous transaction),
 * hence the sync safeStorage calls.
 *
 * Values written earlier with the key-file box ("v1:", e.g. by `npm run serve` on the same data dir)
 * still decrypt. When safeStorage is unusable the key-file box is used for everything, with a warning
 * in the log, so the app keeps working (the key then sits next to the database).
 */
export function safeStorageSecretBox(
  safeStorage: SafeStorageLike,
  dataDir: string,
  logger: Logger,
  platform = process.platform,
): SecretBox {
  let legacy: SecretBox | null = null;
  const keyFile = () => (legacy ??= keyFileSecretBox(dataDir));
  if (!safeStorageUsable(safeStorage, platform)) {
    logger.warn(
      'OS encryption (safeStorage) is not available: router and PPPoE passwords are encrypted with a key file in the data folder instead. Keep that folder private.',
      { platform },
    );
    return keyFile();
  }
  return {
    encrypt(plain) {
      return PREFIX + safeStorage.encryptString(plain).toString('base64');
    },
    decrypt(sealed) {
      if (sealed.startsWith(PREFIX))
        return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
      if (sealed.startsWith('v1:')) return keyFile().decrypt(sealed);
      throw new Error('unknown secret format');
    },
  };
}
