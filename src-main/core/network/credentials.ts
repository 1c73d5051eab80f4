import crypto from 'node:crypto';

/** Letters and digits without look-alikes (0/O, 1/l/I) so a password read aloud or printed is typed right. */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const DIGITS = '23456789';

export function generatePassword(length = 10): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < length; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
    // Some routers/CPEs and customers expect a mix; retry the rare all-letter or all-digit draw.
    if (/[a-zA-Z]/.test(s) && [...s].some((c) => DIGITS.includes(c))) return s;
  }
}

/** `Budi Santoso` → `budi.santoso`; `I Gede Ngurah Rai` → `i.gede`; accents dropped; '' when nothing usable. */
export function usernameBase(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return words.slice(0, 2).join('.').slice(0, 40);
}

/**
 * A readable username not yet used: the base, then base2, base3... `taken` is checked case-insensitively
 * by the caller's query (the database index is COLLATE NOCASE).
 */
export function uniqueUsername(name: string, fallback: string, taken: (candidate: string) => boolean): string {
  let base = usernameBase(name);
  if (base.length < 2) base = fallback.toLowerCase().replace(/[^a-z0-9._@-]/g, '') || 'user';
  if (!taken(base)) return base;
  for (let i = 2; ; i++) {
    const c = `${base}${i}`;
    if (!taken(c)) return c;
  }
}
