import crypto from 'node:crypto';
import { currentPageCipher, DatabaseKeyError, fileKind, KEY_BYTES } from '../../db/encryption/cipher';
import type { Logger } from '../../logging/logger';
import type { KeyStore } from './key-file';
import { keyCheckOf, newKeyring, readKeyring, unsealPending, writeKeyring, type Keyring } from './keyring';
import { parseRecoveryKey, RecoveryKeyFormatError, unwrapKey } from './recovery-key';

/** The database key of a running app and its record. */
export interface DatabaseEncryption {
  key: Buffer;
  keyring: Keyring;
  /** Where the key is kept (shown to the owner, never the key). */
  keyLocation: string;
  dataDir: string;
}

export interface PrepareKeyOptions {
  dataDir: string;
  dbFile: string;
  store: KeyStore;
  /** Typed by the owner on a new PC whose key store is empty (the old PC died). */
  recoveryKey?: string;
  logger: Logger;
  now?: Date;
}

/** The key that a recovery key unlocks for this record, or a clear error. */
export function keyFromRecovery(
  keyring: Pick<Keyring, 'recovery' | 'keyId'>,
  recoveryKey: string,
  what: 'data' | 'backup' = 'data',
): Buffer {
  let secret: Buffer;
  try {
    secret = parseRecoveryKey(recoveryKey);
  } catch (err) {
    if (err instanceof RecoveryKeyFormatError) throw new DatabaseKeyError('wrong-key', err.message);
    throw err;
  }
  const key = unwrapKey(keyring.recovery, secret, keyring.keyId);
  if (!key) {
    throw new DatabaseKeyError(
      'wrong-key',
      what === 'data'
        ? 'This recovery key does not belong to this data.'
        : 'This recovery key does not belong to this backup.',
    );
  }
  return key;
}

/**
 * Finds (or, on the first start, creates) the database key before the database is opened.
 * - A record (encryption.json) exists: the key comes from the store; when the store has none (a new
 *   PC, a lost key file) the recovery key unlocks it and it is stored again. The key is checked against
 *   the record, so a wrong key file is named as such before the database is touched.
 * - No record: a new random key is stored first, then the record with a new recovery key is written
 *   (in that order, so an encrypted database never exists without its key). A fixed key file that
 *   already exists (--key-file) is used as the key.
 */
export function prepareDatabaseKey(opts: PrepareKeyOptions): DatabaseEncryption {
  const { dataDir, store, logger } = opts;
  const now = opts.now ?? new Date();
  const existing = readKeyring(dataDir);
  if (existing) {
    // Only this branch's development builds wrote SQLCipher-format databases (nothing was released
    // with encryption before AEGIS): named plainly rather than reported as a wrong key.
    if (existing.cipher !== `${currentPageCipher()}-rawkey`) {
      throw new DatabaseKeyError(
        'engine',
        `The database of ${dataDir} was encrypted with ${existing.cipher}, which this version does not open (it uses ${currentPageCipher()}). Nothing was changed.`,
      );
    }
    const where = store.where(existing.keyId);
    let key = store.load(existing.keyId);
    if (!key && opts.recoveryKey) {
      key = keyFromRecovery(existing, opts.recoveryKey);
      store.save(existing.keyId, key);
      logger.info('database key restored with the recovery key', { storedIn: where });
    }
    if (!key) {
      throw new DatabaseKeyError(
        'no-key',
        `The database of ${dataDir} is encrypted and its key is not at ${where}. Give the key file (--key-file) or the recovery key (--recovery-key) to open it.`,
      );
    }
    if (keyCheckOf(key, existing.keyId) !== existing.keyCheck) {
      throw new DatabaseKeyError(
        'wrong-key',
        `The key at ${where} does not belong to the data in ${dataDir}. Nothing was changed.`,
      );
    }
    return { key, keyring: existing, keyLocation: where, dataDir };
  }

  const keyId = crypto.randomUUID();
  const where = store.where(keyId);
  let key = store.load(keyId);
  const kind = fileKind(opts.dbFile);
  if (!key && kind === 'encrypted') {
    throw new DatabaseKeyError(
      'no-key',
      `The database of ${dataDir} is encrypted, but its key record (encryption.json) is missing and no key file was given (--key-file).`,
    );
  }
  if (!key) {
    key = crypto.randomBytes(KEY_BYTES);
    store.save(keyId, key);
    logger.info('new database key created', { storedIn: where });
  }
  const keyring = newKeyring(key, keyId, now);
  writeKeyring(dataDir, keyring);
  return { key, keyring, keyLocation: where, dataDir };
}

export interface RecoveryKeyStatus {
  encrypted: boolean;
  keyLocation: string | null;
  /** The owner typed the recovery key back: it is stored somewhere safe. */
  recoveryKeyConfirmed: boolean;
  confirmedAt: string | null;
}

export function recoveryKeyStatus(enc: DatabaseEncryption | null | undefined): RecoveryKeyStatus {
  if (!enc) return { encrypted: false, keyLocation: null, recoveryKeyConfirmed: false, confirmedAt: null };
  return {
    encrypted: true,
    keyLocation: enc.keyLocation,
    recoveryKeyConfirmed: enc.keyring.recoveryConfirmedAt !== null,
    confirmedAt: enc.keyring.recoveryConfirmedAt,
  };
}

/** The recovery key, readable only until the owner confirms they stored it; afterwards null for good. */
export function revealRecoveryKey(enc: DatabaseEncryption): string | null {
  const p = enc.keyring.pendingRecoveryKey;
  return p ? unsealPending(enc.key, p) : null;
}

/**
 * The owner proves they stored the recovery key by typing it back. Then the app forgets it: it can
 * never be shown again (only a new one made).
 */
export function confirmRecoveryKey(enc: DatabaseEncryption, typed: string, at: Date): void {
  const key = keyFromRecovery(enc.keyring, typed);
  if (!key.equals(enc.key)) throw new DatabaseKeyError('wrong-key', 'This recovery key does not belong to this data.');
  enc.keyring = { ...enc.keyring, pendingRecoveryKey: null, recoveryConfirmedAt: at.toISOString() };
  writeKeyring(enc.dataDir, enc.keyring);
}
