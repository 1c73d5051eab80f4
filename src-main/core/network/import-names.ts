/**
 * Who a router secret belongs to, guessed from its comment: ISPs write the customer's code, name or
 * phone there (or a note shared by many secrets, which names nobody). The wizard shows the guess and
 * lets the user correct it before anything is saved.
 */
import type { RouterRow } from '../../routeros/client';

/** `CUST0001`, `PLG-0042`: letters then digits, as ISPs put customer codes in secret comments. */
const CODE = /^[A-Za-z]{1,10}-?\d{1,10}$/;
/** The customer form's phone rule (6–20 digits, spaces and dashes, a leading +). */
const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

export const codeFromComment = (comment: string | undefined | null): string | null => {
  const first = (comment ?? '').trim().split(/[\s,;|]+/)[0] ?? '';
  return CODE.test(first) ? first.toUpperCase() : null;
};

const norm = (comment: string | undefined) => (comment ?? '').trim().replace(/\s+/g, ' ');

/** Comments written on more than one secret ("preexisting", "pelanggan lama"): not anyone's name. */
export function sharedComments(secrets: RouterRow[]): Set<string> {
  const count = new Map<string, number>();
  for (const s of secrets) {
    const c = norm(s.comment).toLowerCase();
    if (c) count.set(c, (count.get(c) ?? 0) + 1);
  }
  return new Set([...count].filter(([, n]) => n > 1).map(([c]) => c));
}

/**
 * The new customer's name and phone for a secret: the comment without its leading customer code, unless
 * it is empty, only a code, shared by other secrets or a phone number (then the username names it).
 */
export function proposeCustomer(s: RouterRow, shared: Set<string>): { name: string; phone: string | null } {
  const comment = norm(s.comment);
  const rest = codeFromComment(comment) ? comment.replace(/^\S+[\s,;|]*/, '').trim() : comment;
  if (PHONE.test(rest)) return { name: s.name!, phone: rest };
  if (!rest || shared.has(comment.toLowerCase())) return { name: s.name!, phone: null };
  return { name: rest.slice(0, 120), phone: null };
}
