import { GatewayError } from './errors';
import type { CreatePaymentInput, GatewayProvider, PaymentItem } from './types';

/**
 * Reads an IDR amount the way providers send it (150000, "150000", "150000.00") as integer rupiah.
 * A fraction other than zero, a negative or a non-number is refused: rupiah have no cents, and a
 * silently rounded amount could credit the wrong sum.
 */
export function parseRupiah(value: unknown, field: string, provider: GatewayProvider): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(text);
  if (!m || (m[2] !== undefined && !/^0+$/.test(m[2])))
    throw new GatewayError('parse', `${provider}: ${field} is not a whole rupiah amount: ${JSON.stringify(value)}`, {
      provider,
    });
  return Number(m[1]);
}

/** Like parseRupiah, for optional fields: absent → undefined. */
export function optionalRupiah(value: unknown, field: string, provider: GatewayProvider): number | undefined {
  return value === undefined || value === null || value === '' ? undefined : parseRupiah(value, field, provider);
}

export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A required text field of a provider answer; missing → parse error naming the field. */
export function requireText(value: unknown, field: string, provider: GatewayProvider): string {
  const text = asText(value);
  if (text === undefined || text === '')
    throw new GatewayError('parse', `${provider}: the answer has no ${field}`, { provider });
  return text;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const REF = /^[A-Za-z0-9._~-]{1,50}$/;

/**
 * Checks a create request before anything is sent. Midtrans caps order_id at 50 characters and the
 * reference travels in URLs, so it is kept to URL-safe characters.
 */
export function validateCreateInput(input: CreatePaymentInput, now: number, provider: GatewayProvider): PaymentItem[] {
  const bad = (what: string) => new GatewayError('invalid_input', `${provider}: ${what}`, { provider });
  if (!REF.test(input.merchantRef)) throw bad('merchantRef must be 1-50 letters, digits or . _ ~ -');
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw bad('amount must be a positive whole rupiah');
  if (!input.method.trim()) throw bad('method is required');
  if (!Number.isFinite(input.expiresAt) || input.expiresAt <= now) throw bad('expiresAt must be in the future');
  if (!input.customer.name.trim()) throw bad('customer name is required');
  const items = input.items?.length
    ? input.items
    : [{ sku: input.merchantRef, name: input.description || input.merchantRef, price: input.amount, quantity: 1 }];
  for (const it of items)
    if (!Number.isSafeInteger(it.price) || it.price < 0 || !Number.isSafeInteger(it.quantity) || it.quantity <= 0)
      throw bad('item prices must be whole rupiah and quantities positive');
  const total = items.reduce((sum, it) => sum + it.price * it.quantity, 0);
  if (total !== input.amount) throw bad(`items total ${total} differs from amount ${input.amount}`);
  return items;
}

const WIB_OFFSET_MS = 7 * 3600_000;

/** "2026-11-24 09:30:00" in WIB (UTC+7, no daylight saving), the format Duitku and Midtrans take. */
export function wibDateTime(ms: number): string {
  return new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Parses "2026-11-24 09:30:00" (WIB) back to epoch ms; undefined when absent or malformed. */
export function parseWibDateTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}T${m[2]}+07:00`);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Whole minutes from now until `at`, at least 1 (providers take expiry as a duration). */
export function minutesUntil(at: number, now: number): number {
  return Math.max(1, Math.round((at - now) / 60_000));
}
