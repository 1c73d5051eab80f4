import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Encrypts credentials at rest (router and PPPoE passwords). */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/**
 * AES-256-GCM with a random key kept in the data dir (the browser host, tests, CLI).
 * The desktop app uses Electron safeStorage instead (host/electron/safe-storage-box.ts).
 */
export function keyFileSecretBox(dataDir: string): SecretBox {
  const keyPath = path.join(dataDir, 'secret.key');
  let key: Buffer;
  if (fs.existsSync(keyPath)) {
    key = Buffer.from(fs.readFileSync(keyPath, 'utf8').trim(), 'base64');
  } else {
    key = crypto.randomBytes(32);
    fs.writeFileSync(keyPath, key.toString('base64'), { mode: 0o600 });
  }
  return aesGcmBox(key);
}

export function aesGcmBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      if (!sealed.startsWith('v1:')) throw new Error('unknown secret format');
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
