import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../src-main/app';
import { silentLogger } from '../../../src-main/logging/logger';
import { fileKind } from '../../../src-main/db/encryption/cipher';
import { MIGRATIONS, tempDir } from '../../helpers/app';
import { createElectronMock } from './electron-mock';

vi.mock('electron', () => createElectronMock({ userData: '/tmp/none', appPath: '/tmp/none' }));
const { safeStorageKeyStore, SEALED_KEY_FILE } = await import('../../../src-main/host/electron/safe-storage-key-store');

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('desktop database key sealed with safeStorage', () => {
  it('seals the key with safeStorage in the data folder and opens the encrypted database with it', () => {
    const dir = tempDir();
    dirs.push(dir);
    const m = createElectronMock({ userData: dir, appPath: dir });
    const store = safeStorageKeyStore(m.safeStorage as any, dir, logger(), 'win32');
    const app = createApp({ dataDir: dir, migrationsFolder: MIGRATIONS, logger: silentLogger, keyStore: store });
    const hex = app.ctx.encryption!.key.toString('hex');
    const keyId = app.ctx.encryption!.keyring.keyId;
    app.close();
    expect(m.safeStorage.encryptString).toHaveBeenCalledWith(hex);
    const sealed = JSON.parse(fs.readFileSync(path.join(dir, SEALED_KEY_FILE), 'utf8'));
    expect(sealed.keyId).toBe(keyId);
    expect(fileKind(path.join(dir, 'pppoe-desk.sqlite'))).toBe('encrypted');
    // Reopened through safeStorage.decryptString.
    const again = createApp({ dataDir: dir, migrationsFolder: MIGRATIONS, logger: silentLogger, keyStore: store });
    expect(m.safeStorage.decryptString).toHaveBeenCalled();
    expect(again.ctx.encryption!.key.toString('hex')).toBe(hex);
    again.close();
  });

  it('a key sealed by another Windows user cannot be unsealed: the start asks for the recovery key', () => {
    const dir = tempDir();
    dirs.push(dir);
    const m = createElectronMock({ userData: dir, appPath: dir });
    const log = logger();
    const store = safeStorageKeyStore(m.safeStorage as any, dir, log, 'win32');
    createApp({ dataDir: dir, migrationsFolder: MIGRATIONS, logger: silentLogger, keyStore: store }).close();
    m.safeStorage.decryptString.mockImplementation(() => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    });
    expect(() =>
      createApp({ dataDir: dir, migrationsFolder: MIGRATIONS, logger: silentLogger, keyStore: store }),
    ).toThrow(/is encrypted and its key is not at .*recovery key/);
    expect(log.warn).toHaveBeenCalledWith('the sealed database key cannot be unsealed here', expect.anything());
  });

  it('falls back to a 0600 key file outside the data folder when safeStorage gives no protection', () => {
    const dir = tempDir();
    dirs.push(dir);
    const keyHome = tempDir();
    dirs.push(keyHome);
    vi.stubEnv('XDG_CONFIG_HOME', keyHome);
    try {
      const m = createElectronMock({ userData: dir, appPath: dir });
      m.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
      const log = logger();
      const store = safeStorageKeyStore(m.safeStorage as any, dir, log, 'linux');
      const app = createApp({ dataDir: dir, migrationsFolder: MIGRATIONS, logger: silentLogger, keyStore: store });
      const keyFile = path.join(keyHome, 'pppoe-desk-keys', `${app.ctx.encryption!.keyring.keyId}.key`);
      app.close();
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(path.join(dir, SEALED_KEY_FILE))).toBe(false);
      expect(log.warn).toHaveBeenCalled();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
