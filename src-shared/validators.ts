import { z } from 'zod';

/**
 * Contact and identity checks, one definition for every place that takes them: the customer form
 * and API, the setup wizard and Settings (ISP phone). The renderer runs the same functions on the
 * field before sending; the server enforces them. Messages are English (translated in errors.json).
 */

export const PHONE_MESSAGE = 'Phone must be 6–15 digits (spaces, dashes and a leading + allowed)';
export const ID_CARD_MESSAGE = 'ID number must be a 16-digit NIK or a passport number (1–2 letters, 6–8 digits)';

/** Null when `text` is a phone number: digits with optional spaces/dashes and a leading +, 6–15 digits. */
export function phoneProblem(text: string): string | null {
  const t = text.trim();
  if (!/^\+?\d[\d -]*$/.test(t)) return PHONE_MESSAGE;
  const digits = t.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15 ? null : PHONE_MESSAGE;
}

/**
 * The ID number as stored: a NIK (KTP/KK, 16 digits, typed with any spaces, dots or dashes) or a
 * passport number (1–2 letters then 6–8 digits, upper-cased). Null when it is neither.
 */
export function normalizeIdCard(text: string): string | null {
  const t = text.trim();
  const nik = t.replace(/[\s.-]/g, '');
  if (/^\d{16}$/.test(nik)) return nik;
  const passport = t.replace(/\s/g, '').toUpperCase();
  return /^[A-Z]{1,2}\d{6,8}$/.test(passport) ? passport : null;
}

export function idCardProblem(text: string): string | null {
  return normalizeIdCard(text) === null ? ID_CARD_MESSAGE : null;
}

/** Optional phone: '' → null, else checked and trimmed. */
export const optionalPhone = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v),
  z
    .string()
    .refine((s) => phoneProblem(s) === null, PHONE_MESSAGE)
    .nullable()
    .optional(),
);

/** Optional ID number: '' → null, else checked and stored in its normal form. */
export const optionalIdCard = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : (normalizeIdCard(v) ?? v)) : v),
  z
    .string()
    .refine((s) => normalizeIdCard(s) === s, ID_CARD_MESSAGE)
    .nullable()
    .optional(),
);

/** A phone stored as text where empty means none ('' stays ''), e.g. the ISP phone in Settings. */
export const phoneOrEmpty = z
  .string()
  .trim()
  .max(40, 'Phone must be at most 40 characters')
  .refine((s) => s === '' || phoneProblem(s) === null, PHONE_MESSAGE);
