import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseKeyError, KEY_BYTES } from '../../db/encryption/cipher';

/** Where the database key of one installation is kept; the desktop app seals it with safeStorage instead. */
export interface KeyStore {
  /** Where the key for `keyId` is (for messages and the log). */
  where(keyId: string): string;
  load(keyId: string): Buffer | null;
  save(keyId: string, key: Buffer): void;
}

/**
 * The default folder for key files: the user's config folder, next to but outside the data folder
 * (copying the data folder, or a backup of it, does not carry the key along).
 */
export function defaultKeyDir(env = process.env, platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'PPPoE Desk Keys');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'PPPoE Desk Keys');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'pppoe-desk-keys');
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * Key files: 64 hex digits on one line, mode 0600 (refused when others can read it, like ssh does).
 * `file` is one fixed file (--key-file / PPPOE_DESK_KEY_FILE); without it, `<dir>/<keyId>.key`.
 */
export function fileKeyStore(opts: { file?: string; dir?: string; dataDir: string }): KeyStore {
  const where = (keyId: string) => path.resolve(opts.file ?? path.join(opts.dir ?? defaultKeyDir(), `${keyId}.key`));
  const guard = (file: string) => {
    if (inside(file, path.resolve(opts.dataDir)))
      throw new DatabaseKeyError(
        'no-key',
        `The key file ${file} is inside the data folder; keep it outside (a copy of the folder must not carry its key).`,
      );
  };
  return {
    where,
    load(keyId) {
      const file = where(keyId);
      guard(file);
      let st: fs.Stats;
      try {
        st = fs.statSync(file);
      } catch {
        return null;
      }
      if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
        throw new DatabaseKeyError(
          'no-key',
          `The key file ${file} can be read by other users (mode ${(st.mode & 0o777).toString(8)}); run: chmod 600 "${file}"`,
        );
      }
      const hex = fs.readFileSync(file, 'utf8').trim();
      if (!/^[0-9a-fA-F]{64}$/.test(hex))
        throw new DatabaseKeyError('no-key', `The key file ${file} does not hold a key (64 hex digits).`);
      return Buffer.from(hex, 'hex');
    },
    save(keyId, key) {
      if (key.length !== KEY_BYTES) throw new Error('database key must be 32 bytes');
      const file = where(keyId);
      guard(file);
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      // 'wx': never overwrite a key that exists (it may be the only key of another data folder).
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeSync(fd, `${key.toString('hex')}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

/** Environment variables of the browser host and the CLI tools (they keep secrets out of `ps`). */
export const KEY_FILE_ENV = 'PPPOE_DESK_KEY_FILE';
export const RECOVERY_KEY_ENV = 'PPPOE_DESK_RECOVERY_KEY';

/** The key store of `npm run serve` and the CLI tools: --key-file, else PPPOE_DESK_KEY_FILE, else the default folder. */
export function hostKeyStore(dataDir: string, keyFile?: string, env = process.env): KeyStore {
  const file = keyFile ?? env[KEY_FILE_ENV];
  return fileKeyStore({ file: file ? path.resolve(file) : undefined, dataDir });
}
