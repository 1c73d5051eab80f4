import { AppError } from '../../../src-shared/result';
import { DatabaseKeyError } from '../../db/encryption/cipher';
import { writeAudit } from '../audit';
import type { AppContext, CallContext } from '../context';
import { confirmRecoveryKey, recoveryKeyStatus, revealRecoveryKey, type RecoveryKeyStatus } from './database-key';

/**
 * The recovery key as the owner handles it (Backups screen): shown while it is not confirmed, each
 * showing audited (who saw it, from where); confirmed by typing it back, after which the app keeps
 * it no longer and can never show it again.
 */
export function encryptionStatus(app: AppContext): RecoveryKeyStatus {
  return recoveryKeyStatus(app.encryption);
}

function encryptionOf(app: AppContext) {
  if (!app.encryption) throw new AppError('CONFLICT', 'The database of this installation is not encrypted.');
  return app.encryption;
}

export function showRecoveryKey(call: CallContext): { recoveryKey: string } {
  const enc = encryptionOf(call.app);
  const recoveryKey = revealRecoveryKey(enc);
  if (!recoveryKey) {
    throw new AppError('CONFLICT', 'The recovery key was confirmed and is no longer kept: it cannot be shown again.');
  }
  call.app.sqlite.transaction(() =>
    writeAudit(call, { action: 'backups.recoveryKeyShown', entity: 'encryption', entityId: enc.keyring.keyId }),
  )();
  return { recoveryKey };
}

export function confirmOwnerRecoveryKey(call: CallContext, typed: string): RecoveryKeyStatus {
  const enc = encryptionOf(call.app);
  if (enc.keyring.recoveryConfirmedAt) return recoveryKeyStatus(enc);
  try {
    // The audit row and the key record change together: a failed write of encryption.json rolls the row back.
    call.app.sqlite.transaction(() => {
      writeAudit(call, {
        action: 'backups.recoveryKeyConfirmed',
        entity: 'encryption',
        entityId: enc.keyring.keyId,
      });
      confirmRecoveryKey(enc, typed, call.app.clock.now());
    })();
  } catch (err) {
    if (err instanceof DatabaseKeyError)
      throw new AppError('BAD_INPUT', err.message, [{ path: 'recoveryKey', message: err.message }]);
    throw err;
  }
  return recoveryKeyStatus(enc);
}
