import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../src-shared/result';
import { COMMON_PASSWORDS } from './users/common-passwords';

// OWASP's argon2id baseline (19 MiB, t=2, p=1): ~50 ms here, slow enough for guessing, quick enough for a login.
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (plain: string) => hash(plain, OPTIONS);
export const verifyPassword = (hashed: string, plain: string) => verify(hashed, plain).catch(() => false);

/** A hash to verify against when the user does not exist, so both paths take the same time. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-0'));

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  '5': 's',
  $: 's',
  '7': 't',
};

/** The word under a password: `Sayang123!` → `sayang`, `P@ssw0rd2024` → `password`. */
function baseWords(password: string): string[] {
  const lower = password.toLowerCase();
  const stripped = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  const unleet = (s: string) => s.replace(/[@4013!57$]/g, (c) => LEET[c] ?? c);
  return [lower, stripped, unleet(lower), unleet(lower).replace(/^[\d\W_]+|[\d\W_]+$/g, '')];
}

/** True when the password is, or is built on, a commonly guessed one. */
export function isCommonPassword(password: string): boolean {
  if (/^(.)\1+$/.test(password)) return true;
  return baseWords(password).some((w) => w.length >= 4 && COMMON_PASSWORDS.has(w));
}

/** Policy: at least 8 characters, not the username, not a common password. Throws BAD_INPUT on `field`. */
export function checkPasswordPolicy(password: string, username: string, field = 'password'): void {
  const fail = (message: string) => {
    throw new AppError('BAD_INPUT', message, [{ path: field, message }]);
  };
  if ([...password].length < 8) fail('Password must be at least 8 characters');
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name && (lower === name || (name.length >= 4 && lower.includes(name)))) {
    fail('Password must not contain the username');
  }
  if (isCommonPassword(password)) fail('This password is too common; choose another');
}
