import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { currentPageCipher, type PageCipher } from '../../db/encryption/cipher';
import { formatRecoveryKey, generateRecoverySecret, wrapKey, type WrappedKey } from './recovery-key';

/**
 * `encryption.json` in the data folder: everything about the database key except the key itself.
 * Not secret: the wrapped key needs the recovery key, the key check is an HMAC, the pending recovery
 * key is sealed with the database key.
 */
export const KEYRING_FILE = 'encryption.json';

export interface Keyring {
  version: 1;
  /** Names this installation's key (key file name, backup trailers); never secret. */
  keyId: string;
  /** The page cipher the database was written with, raw key (db/encryption/cipher.ts). */
  cipher: `${PageCipher}-rawkey`;
  createdAt: string;
  /** HMAC of a constant under the key: tells "wrong key file" apart from "damaged database". */
  keyCheck: string;
  /** The database key wrapped by the recovery key. */
  recovery: WrappedKey;
  /** The recovery key sealed with the database key, kept only until the owner confirms they stored it. */
  pendingRecoveryKey: { iv: string; tag: string; data: string } | null;
  recoveryConfirmedAt: string | null;
}

export const keyringPath = (dataDir: string) => path.join(dataDir, KEYRING_FILE);

export function keyCheckOf(key: Buffer, keyId: string): string {
  return crypto.createHmac('sha256', key).update(`pppoe-desk key check ${keyId}`).digest('hex').slice(0, 32);
}

export function readKeyring(dataDir: string): Keyring | null {
  let text: string;
  try {
    text = fs.readFileSync(keyringPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  const k = JSON.parse(text) as Keyring;
  if (k.version !== 1 || typeof k.keyId !== 'string' || !k.recovery)
    throw new Error(`${keyringPath(dataDir)} is not a PPPoE Desk key record`);
  return k;
}

/** Written to a temporary name, fsynced and renamed: a power cut leaves the old or the new record. */
export function writeKeyring(dataDir: string, k: Keyring): void {
  const file = keyringPath(dataDir);
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(k, null, 1));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dfd = fs.openSync(dataDir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename.
  }
}

function seal(key: Buffer, plain: string) {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return { iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function unsealPending(key: Buffer, s: NonNullable<Keyring['pendingRecoveryKey']>): string {
  const d = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
  d.setAuthTag(Buffer.from(s.tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(s.data, 'base64')), d.final()]).toString('utf8');
}

/** A new record for `key` with a fresh recovery key (pending until the owner confirms it). */
export function newKeyring(key: Buffer, keyId: string, at: Date): Keyring {
  const secret = generateRecoverySecret();
  return {
    version: 1,
    keyId,
    cipher: `${currentPageCipher()}-rawkey`,
    createdAt: at.toISOString(),
    keyCheck: keyCheckOf(key, keyId),
    recovery: wrapKey(key, secret, keyId),
    pendingRecoveryKey: seal(key, formatRecoveryKey(secret)),
    recoveryConfirmedAt: null,
  };
}
