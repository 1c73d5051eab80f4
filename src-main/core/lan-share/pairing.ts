import crypto from 'node:crypto';
import { writeAudit } from '../audit';
import { AppError } from '../../../src-shared/result';
import type { AppContext, CallContext } from '../context';
import { getSettings } from '../settings';
import { RateLimiter } from '../users/rate-limit';
import { lanShareStatus } from './status';

/** No 0/O, 1/I/L: read aloud or off a screen without mistakes. 32 symbols × 8 = 40 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_CODE_MS = 10 * 60_000;
/** Wrong proofs a code survives; then it is void and an Admin makes a new one. */
export const PAIRING_WRONG_LIMIT = 5;
/** Pairing attempts per address per 10 minutes, whatever the code. */
export const PAIRING_ATTEMPTS_PER_SOURCE = 10;

interface ActiveCode {
  code: string;
  expiresAt: number;
  wrong: number;
}

const KEY = 'lanSharePairing';

/** Upper case without spaces or dashes: `abcd-efgh` and `ABCDEFGH` are the same code. */
export const normalizeCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** `ABCD-EFGH`, as the screen shows it. */
export const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** HMAC-SHA256(code, "<role>|<nonce>|<fingerprint>") in hex: the proof each side gives. */
export function pairingProof(code: string, role: 'seat' | 'office', nonce: string, fingerprint: string): string {
  return crypto.createHmac('sha256', normalizeCode(code)).update(`${role}|${nonce}|${fingerprint}`).digest('hex');
}

function sameHex(a: string, b: string) {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function sourceLimiter(app: AppContext): RateLimiter {
  const existing = app.services.lanSharePairingLimiter;
  if (existing instanceof RateLimiter) return existing;
  const limiter = new RateLimiter(app.clock, PAIRING_ATTEMPTS_PER_SOURCE, PAIRING_CODE_MS);
  app.services.lanSharePairingLimiter = limiter;
  return limiter;
}

/** A new code replaces the previous one (kept in memory only: a restart voids it). */
export function newPairingCode(call: CallContext): { code: string; expiresAt: string } {
  const bytes = crypto.randomBytes(PAIRING_CODE_LENGTH);
  const code = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
  const expiresAt = call.app.clock.now().getTime() + PAIRING_CODE_MS;
  call.app.services[KEY] = { code, expiresAt, wrong: 0 } satisfies ActiveCode;
  const at = new Date(expiresAt).toISOString();
  writeAudit(call, { action: 'lanShare.pairingCode', entity: 'lan_share', after: { expiresAt: at } });
  return { code: formatCode(code), expiresAt: at };
}

const refused = () => new AppError('FORBIDDEN', 'Wrong or expired pairing code: ask for a new code at the office PC');

/**
 * Checks a seat's proof against the current code and this host's certificate; answers with the office's
 * proof. A right proof uses the code up (one code, one seat); wrong ones count towards voiding it.
 */
export function verifyPairing(
  call: CallContext,
  input: { nonce: string; proof: string; seatName?: string | null },
): { proof: string; officeName: string; fingerprint: string } {
  const { app } = call;
  const retryAt = sourceLimiter(app).hit(`pairing:${call.source ?? call.transport}`);
  if (retryAt) {
    const seconds = Math.max(1, Math.ceil((retryAt.getTime() - app.clock.now().getTime()) / 1000));
    throw new AppError('RATE_LIMITED', `Too many pairing attempts from this computer: wait ${seconds} seconds`);
  }
  const fingerprint = lanShareStatus(app).fingerprint;
  if (!fingerprint) throw new AppError('NOT_FOUND', 'This PC is not shared on the office network');
  const active = app.services[KEY] as ActiveCode | undefined;
  if (!active || active.expiresAt <= app.clock.now().getTime()) throw refused();
  if (!sameHex(pairingProof(active.code, 'seat', input.nonce, fingerprint), input.proof)) {
    active.wrong += 1;
    if (active.wrong >= PAIRING_WRONG_LIMIT) delete app.services[KEY];
    writeAudit(call, {
      action: 'lanShare.pairingRefused',
      entity: 'lan_share',
      after: { seat: input.seatName ?? null },
    });
    throw refused();
  }
  delete app.services[KEY];
  writeAudit(call, { action: 'lanShare.paired', entity: 'lan_share', after: { seat: input.seatName ?? null } });
  return {
    proof: pairingProof(active.code, 'office', input.nonce, fingerprint),
    officeName: getSettings(app).ispName,
    fingerprint,
  };
}
