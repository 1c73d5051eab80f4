import crypto from 'node:crypto';

/**
 * The recovery key, modelled on BitLocker's: 128 random bits written as 8 groups of 6 digits. Each
 * group is a 16-bit value times 11, so every group carries its own check (divisible by 11, below
 * 720,896): a mistyped digit is caught, and the message names the group. Digits only: easy to read
 * over the phone and to type on a numeric keypad.
 *
 * It never opens the database directly. It unlocks the database key, which is stored wrapped
 * (AES-256-GCM) by a key derived from it with scrypt, beside the data and inside every backup.
 */
export const RECOVERY_GROUPS = 8;

export class RecoveryKeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecoveryKeyFormatError';
  }
}

export function generateRecoverySecret(): Buffer {
  return crypto.randomBytes(RECOVERY_GROUPS * 2);
}

export function formatRecoveryKey(secret: Buffer): string {
  if (secret.length !== RECOVERY_GROUPS * 2) throw new Error('recovery secret must be 16 bytes');
  const groups: string[] = [];
  for (let i = 0; i < RECOVERY_GROUPS; i++) groups.push(String(secret.readUInt16BE(i * 2) * 11).padStart(6, '0'));
  return groups.join('-');
}

/** Accepts spaces, dashes or nothing between groups; throws with the group that is wrong. */
export function parseRecoveryKey(text: string): Buffer {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits) || digits.length !== RECOVERY_GROUPS * 6) {
    throw new RecoveryKeyFormatError('A recovery key is 48 digits in 8 groups of 6.');
  }
  const out = Buffer.alloc(RECOVERY_GROUPS * 2);
  for (let i = 0; i < RECOVERY_GROUPS; i++) {
    const n = Number(digits.slice(i * 6, i * 6 + 6));
    if (n % 11 !== 0 || n / 11 > 0xffff) {
      throw new RecoveryKeyFormatError(`Group ${i + 1} of the recovery key is mistyped.`);
    }
    out.writeUInt16BE(n / 11, i * 2);
  }
  return out;
}

/** A database key wrapped by a recovery key: not secret without the recovery key. */
export interface WrappedKey {
  kdf: 'scrypt';
  /** scrypt cost parameters, kept so they can be raised later without breaking old wraps. */
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  wrapped: string;
}

const SCRYPT = { N: 1 << 15, r: 8, p: 1 };

function kek(secret: Buffer, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return crypto.scryptSync(secret, salt, 32, { ...params, maxmem: 128 * params.N * params.r * 2 });
}

/** `keyId` is bound in as associated data: a wrap cannot be moved to another installation's record. */
export function wrapKey(dbKey: Buffer, secret: Buffer, keyId: string): WrappedKey {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', kek(secret, salt, SCRYPT), iv);
  c.setAAD(Buffer.from(keyId, 'utf8'));
  const wrapped = Buffer.concat([c.update(dbKey), c.final()]);
  return {
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
}

/** The database key, or null when the recovery key does not belong to this wrap. */
export function unwrapKey(w: WrappedKey, secret: Buffer, keyId: string): Buffer | null {
  try {
    const d = crypto.createDecipheriv(
      'aes-256-gcm',
      kek(secret, Buffer.from(w.salt, 'base64'), w),
      Buffer.from(w.iv, 'base64'),
    );
    d.setAAD(Buffer.from(keyId, 'utf8'));
    d.setAuthTag(Buffer.from(w.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(w.wrapped, 'base64')), d.final()]);
  } catch {
    return null;
  }
}
