import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../src-shared/result';

// OWASP's argon2id baseline (19 MiB, t=2, p=1): ~50 ms here, slow enough for guessing, quick enough for a login.
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (plain: string) => hash(plain, OPTIONS);
export const verifyPassword = (hashed: string, plain: string) => verify(hashed, plain).catch(() => false);

/** A hash to verify against when the user does not exist, so both paths take the same time. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-0'));

const COMMON = new Set(
  [
    'password', 'password1', 'password123', '12345678', '123456789', '1234567890', 'qwertyuiop', 'qwerty123',
    'iloveyou', 'admin123', 'administrator', 'letmein1', 'welcome1', 'abcd1234', '11111111', '00000000',
    '88888888', 'sayang123', 'bismillah', 'indonesia', 'mikrotik', 'internet', 'passw0rd', 'p@ssw0rd',
    'rahasia123', 'admin1234', 'superadmin', 'changeme', 'football', 'baseball', 'sunshine', 'princess',
  ].map((s) => s.toLowerCase()),
);

/** Policy: at least 8 characters, not the username, not a common password. Throws BAD_INPUT on `field`. */
export function checkPasswordPolicy(password: string, username: string, field = 'password'): void {
  const fail = (message: string) => {
    throw new AppError('BAD_INPUT', message, [{ path: field, message }]);
  };
  if (password.length < 8) fail('Password must be at least 8 characters');
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase() || lower.includes(username.toLowerCase()) && username.length >= 4) {
    fail('Password must not contain the username');
  }
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) fail('This password is too common; choose another');
}
