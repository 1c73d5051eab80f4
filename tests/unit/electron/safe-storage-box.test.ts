import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyFileSecretBox } from '../../../src-main/core/secrets';
import { tempDir } from '../../helpers/app';
import { createElectronMock } from './electron-mock';

vi.mock('electron', () => createElectronMock({ userData: '/tmp/none', appPath: '/tmp/none' }));
const { safeStorageSecretBox } = await import('../../../src-main/host/electron/safe-storage-box');

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('safeStorage SecretBox', () => {
  it('seals with safeStorage and reads values the key-file box wrote earlier', () => {
    const dir = tempDir();
    dirs.push(dir);
    const m = createElectronMock({ userData: dir, appPath: dir });
    const old = keyFileSecretBox(dir).encrypt('lama');
    const box = safeStorageSecretBox(m.safeStorage as any, dir, logger(), 'win32');
    const sealed = box.encrypt('rahasia');
    expect(sealed.startsWith('ss1:')).toBe(true);
    expect(box.decrypt(sealed)).toBe('rahasia');
    expect(box.decrypt(old)).toBe('lama');
    expect(() => box.decrypt('plain')).toThrow(/unknown secret format/);
  });

  it('does not create a key file when safeStorage works', () => {
    const dir = tempDir();
    dirs.push(dir);
    const m = createElectronMock({ userData: dir, appPath: dir });
    safeStorageSecretBox(m.safeStorage as any, dir, logger(), 'win32').encrypt('x');
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
  });

  it.each([
    ['encryption unavailable', 'win32', () => false, 'gnome_libsecret'],
    ['Linux basic_text backend', 'linux', () => true, 'basic_text'],
  ])('falls back to the key file with a logged warning: %s', (_n, platform, available, backend) => {
    const dir = tempDir();
    dirs.push(dir);
    const m = createElectronMock({ userData: dir, appPath: dir });
    m.safeStorage.isEncryptionAvailable.mockImplementation(available);
    m.safeStorage.getSelectedStorageBackend.mockReturnValue(backend);
    const log = logger();
    const box = safeStorageSecretBox(m.safeStorage as any, dir, log, platform as NodeJS.Platform);
    const sealed = box.encrypt('rahasia');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(box.decrypt(sealed)).toBe('rahasia');
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/safeStorage\) is not available/), expect.anything());
    expect(m.safeStorage.encryptString).not.toHaveBeenCalled();
  });
});
