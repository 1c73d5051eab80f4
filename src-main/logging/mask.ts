/**
 * Personal data that must not reach a log line or a diagnostics zip in full (UU PDP): phone numbers and
 * ID numbers (NIK). They are masked, not dropped, so a support person can still tell two customers apart
 * ("…678" vs "…912") without the log being a phone book.
 */

/** Keys whose values are phone numbers or ID numbers, at any depth (`phone`, `customerPhone`, `id_card`, `nik`…). */
export const PERSONAL_KEYS = /phone|msisdn|whats_?app|id_?card|passport|^(nik|ktp|hp|wa|no_?hp|no_?wa)$/i;

/** Keeps the last `keep` digits, stars the others; separators stay, so the shape is still recognisable. */
export function maskDigits(text: string, keep = 3): string {
  const total = (text.match(/\d/g) ?? []).length;
  let seen = 0;
  return text.replace(/\d/g, (d) => (++seen > total - keep ? d : '*'));
}

/** A value under a personal key: digits masked (keeping 3), anything else (a passport number) masked whole but its last 3. */
export function maskPersonalValue(value: unknown): unknown {
  if (typeof value === 'number') return maskDigits(String(value));
  if (typeof value !== 'string') return value;
  return /\d/.test(value) ? maskDigits(value) : value.replace(/[A-Za-z]/g, '*');
}

const NOT_WORD_BEFORE = '(?<![\\w.+/-])';
const NOT_WORD_AFTER = '(?![\\w/-]|\\.\\d)';
/**
 * Patterns inside free text (error messages, URLs, router replies):
 * - a NIK: 16 digits, optionally grouped by spaces, dots or dashes (`3201 1234 5678 9012`);
 * - an Indonesian mobile number: `08…`, `628…`, `+62 8…`, 10–14 digits with optional spaces or dashes.
 */
const PERSONAL_TEXT: RegExp[] = [
  new RegExp(`${NOT_WORD_BEFORE}\\d(?:[ .-]?\\d){15}${NOT_WORD_AFTER}`, 'g'),
  new RegExp(`${NOT_WORD_BEFORE}(?:\\+?62|0)[ -]?\\(?0?\\)?[ -]?8(?:[ -]?\\d){7,11}${NOT_WORD_AFTER}`, 'g'),
];

/** Masks phone numbers and NIKs found anywhere in a string. */
export function maskPersonalText(text: string): string {
  let out = text;
  for (const re of PERSONAL_TEXT) out = out.replace(re, (m) => maskDigits(m));
  return out;
}
