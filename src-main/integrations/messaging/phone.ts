/**
 * Indonesian mobile numbers to E.164 (`+628…`), the form every channel sends to. Accepts what people
 * type (`0812-3456-7890`, `62 812 3456 7890`, `+62 (0)812 3456 7890`, `(0812) 3456.7890`) and reports
 * anything else with a reason — it never guesses a number into a different one.
 */

export type PhoneProblem =
  | 'empty'
  | 'invalid_characters' // letters or symbols other than space - . ( ) and a leading +
  | 'multiple_numbers' // "0812… / 0813…"
  | 'foreign_number' // another country code
  | 'missing_prefix' // "812…" without 0 / 62 / +62
  | 'trunk_zero_after_country_code' // "+62 0812…" (only the written "(0)" form is accepted)
  | 'not_mobile' // a landline or a service number (not 08…)
  | 'too_short'
  | 'too_long';

export type PhoneResult =
  | { ok: true; e164: string; /** Digits after +62, e.g. `8123456789`. */ national: string }
  | { ok: false; problem: PhoneProblem };

/** Mobile: 8, then not 0 (080x are toll-free), 9 to 12 digits in all after the 0 → 10–13 digits as 08…. */
const MIN_NATIONAL = 9;
const MAX_NATIONAL = 12;

export function normalizeIndonesianPhone(input: string): PhoneResult {
  const raw = input.trim();
  if (!raw) return { ok: false, problem: 'empty' };
  if (/[/,;|]|\bdan\b|\bor\b|\batau\b/i.test(raw)) return { ok: false, problem: 'multiple_numbers' };
  if (!/^\+?[\d\s().-]+$/.test(raw)) return { ok: false, problem: 'invalid_characters' };
  if (raw.indexOf('+') > 0) return { ok: false, problem: 'invalid_characters' };

  // The written trunk prefix "(0)" after +62 / 62 is dropped; a bare 0 there is an error, not a guess.
  const withoutTrunk = raw.replace(/^(\+?\s*62[\s.-]*)\(\s*0\s*\)/, '$1');
  const plus = withoutTrunk.startsWith('+');
  const digits = withoutTrunk.replace(/\D/g, '');
  if (!digits) return { ok: false, problem: 'empty' };

  let national: string;
  if (plus) {
    if (!digits.startsWith('62')) return { ok: false, problem: 'foreign_number' };
    national = digits.slice(2);
  } else if (digits.startsWith('0062')) {
    national = digits.slice(4);
  } else if (digits.startsWith('00')) {
    return { ok: false, problem: 'foreign_number' };
  } else if (digits.startsWith('62')) {
    national = digits.slice(2);
  } else if (digits.startsWith('0')) {
    national = digits.slice(1);
  } else if (digits.startsWith('8')) {
    return { ok: false, problem: 'missing_prefix' };
  } else {
    return { ok: false, problem: plus ? 'foreign_number' : 'not_mobile' };
  }

  if (national.startsWith('0')) return { ok: false, problem: 'trunk_zero_after_country_code' };
  if (!/^8[1-9]/.test(national)) return { ok: false, problem: national.length < 2 ? 'too_short' : 'not_mobile' };
  if (national.length < MIN_NATIONAL) return { ok: false, problem: 'too_short' };
  if (national.length > MAX_NATIONAL) return { ok: false, problem: 'too_long' };
  return { ok: true, e164: `+62${national}`, national };
}

/** `+628123456789` → `628123456789` (what Fonnte, Wablas, wa.me and the Cloud API take). */
export function e164Digits(e164: string): string {
  return e164.replace(/^\+/, '');
}

/** `+6281234567890` → `0812-3456-7890`, how Indonesians write their own number. */
export function formatLocal(e164: string): string {
  const national = e164.replace(/^\+62/, '');
  const d = `0${national}`;
  return [d.slice(0, 4), d.slice(4, 8), d.slice(8)].filter(Boolean).join('-');
}
