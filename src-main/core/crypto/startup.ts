import { cleanupInterruptedEncryption, encryptInPlace } from '../../db/encryption/encrypt-in-place';
import { fileKind } from '../../db/encryption/cipher';
import type { EventBus } from '../events';
import type { Logger } from '../../logging/logger';
import { prepareDatabaseKey, type DatabaseEncryption } from './database-key';
import type { KeyStore } from './key-file';

export interface EncryptionStartOptions {
  dataDir: string;
  dbFile: string;
  store: KeyStore;
  recoveryKey?: string;
  nativeBinding?: string;
  logger: Logger;
  events: EventBus;
  now: Date;
}

/**
 * Before the database is opened: the key is found or created, a copy left by an interrupted
 * encryption is removed, and a plain database (an installation from before encryption) is encrypted
 * in place, with progress as `encryption.progress` events and log lines (the browser host prints them).
 */
export function startEncryption(opts: EncryptionStartOptions): DatabaseEncryption {
  const enc = prepareDatabaseKey({
    dataDir: opts.dataDir,
    dbFile: opts.dbFile,
    store: opts.store,
    recoveryKey: opts.recoveryKey,
    logger: opts.logger,
    now: opts.now,
  });
  if (cleanupInterruptedEncryption(opts.dbFile))
    opts.logger.warn('an interrupted database encryption was found; starting it again', { file: opts.dbFile });
  if (fileKind(opts.dbFile) === 'plain') {
    opts.logger.info('encrypting the database (first start with encryption)', { file: opts.dbFile });
    encryptInPlace(opts.dbFile, enc.key, {
      nativeBinding: opts.nativeBinding,
      onProgress: (p) => {
        opts.events.emit({ name: 'encryption.progress', payload: { ...p } });
        opts.logger.info(`encrypting the database: ${p.percent}% (${p.phase})`);
      },
    });
    opts.logger.info('database encrypted', { file: opts.dbFile, storedIn: enc.keyLocation });
  }
  if (!enc.keyring.recoveryConfirmedAt)
    opts.logger.warn(
      'the recovery key has not been confirmed yet: show it on the Backups screen (Cadangan data), store it safely and type it back; without it the data is lost if this PC dies',
    );
  return enc;
}
