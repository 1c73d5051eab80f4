/**
 * Click-to-chat: a `https://wa.me/<number>?text=<message>` link the desk PC opens, so the staff member
 * sends the message from their own WhatsApp without any provider. Built on the server from the
 * rendered template, so the text is exactly what the outbox would have sent.
 */
import { e164Digits, normalizeIndonesianPhone, type PhoneProblem } from './phone';

/** Browsers and WhatsApp handle long links, but some desktop shells cut around 2,000 characters. */
export const MAX_WA_LINK_LENGTH = 2_000;

export type WaLinkResult =
  | { ok: true; url: string }
  | { ok: false; problem: PhoneProblem | 'empty_text' | 'too_long'; length?: number };

export function buildWaLink(phone: string, text: string): WaLinkResult {
  const p = normalizeIndonesianPhone(phone);
  if (!p.ok) return { ok: false, problem: p.problem };
  if (!text.trim()) return { ok: false, problem: 'empty_text' };
  // encodeURIComponent encodes newlines (%0A), '&', '#', '+' and every non-ASCII character as UTF-8.
  const url = `https://wa.me/${e164Digits(p.e164)}?text=${encodeURIComponent(text.replace(/\r\n/g, '\n'))}`;
  if (url.length > MAX_WA_LINK_LENGTH) return { ok: false, problem: 'too_long', length: url.length };
  return { ok: true, url };
}
