/**
 * Formatting for messages: placeholder values (rupiah, dates in the ISP's zone) and WhatsApp's text
 * formatting (`*bold*`, `_italic_`, `~strike~`, ```mono```) kept for WhatsApp, stripped for SMS and
 * push, turned into HTML for e-mail.
 */
import { businessDate, businessTime, zoneAbbr } from '../../../../src-shared/dates';
import { formatRupiah } from '../../../../src-shared/money';
import type { PlaceholderDef } from './kinds';

export type Language = 'id' | 'en';

function locale(lang: Language) {
  return lang === 'en' ? 'en-GB' : 'id-ID';
}

/** `2026-07-10` → `10 Juli 2026` / `10 July 2026`. */
export function formatLongDate(date: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** `2026-07` → `Juli 2026` / `July 2026`. */
export function formatMonth(period: string, lang: Language): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** An instant in the ISP's zone: `10 Juli 2026 14:05 WIB`. */
export function formatInstant(iso: string, lang: Language, tz: string): string {
  const at = new Date(iso);
  return `${formatLongDate(businessDate(at, tz), lang)} ${businessTime(at, tz)} ${zoneAbbr(tz)}`;
}

export function formatValue(def: PlaceholderDef, value: unknown, lang: Language, tz: string): string {
  switch (def.format) {
    case 'rupiah':
      return formatRupiah(Number(value));
    case 'date':
      return formatLongDate(String(value), lang);
    case 'period':
      return formatMonth(String(value), lang);
    case 'instant':
      return formatInstant(String(value), lang, tz);
    case 'number':
      return String(Math.trunc(Number(value)));
    default:
      return String(value);
  }
}

// A formatting marker opens after a line start, space or opening punctuation and closes before the
// same; WhatsApp ignores `*` inside words (a*b*c) and so do we.
const OPEN = String.raw`(^|[\s([{"'])`;
const CLOSE = String.raw`(?=$|[\s)\]}.,!?:;"'])`;
const MARKERS: Array<{ re: RegExp; html: string }> = [
  { re: new RegExp(`${OPEN}\`\`\`([^\`]+?)\`\`\`${CLOSE}`, 'gm'), html: 'code' },
  { re: new RegExp(`${OPEN}\\*(\\S(?:[^*\\n]*?\\S)?)\\*${CLOSE}`, 'gm'), html: 'strong' },
  { re: new RegExp(`${OPEN}_(\\S(?:[^_\\n]*?\\S)?)_${CLOSE}`, 'gm'), html: 'em' },
  { re: new RegExp(`${OPEN}~(\\S(?:[^~\\n]*?\\S)?)~${CLOSE}`, 'gm'), html: 's' },
];

/** Removes WhatsApp formatting markers, keeping the words. */
export function stripWhatsAppFormatting(text: string): string {
  let out = text;
  for (const m of MARKERS) out = out.replace(m.re, '$1$2');
  return out;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * WhatsApp-formatted text → a small HTML body (bold, italics, links, line breaks), everything escaped.
 * `fill` runs after the markers and before linking: the template engine puts the (escaped) values in there.
 */
export function whatsAppToHtml(text: string, fill: (html: string) => string = (h) => h): string {
  let out = escapeHtml(text);
  for (const m of MARKERS) out = out.replace(m.re, `$1<${m.html}>$2</${m.html}>`);
  out = fill(out);
  out = out.replace(/\bhttps?:\/\/[^\s<]+[^\s<.,!?:;)]/g, (url) => `<a href="${url}">${url}</a>`);
  return out.replace(/\r?\n/g, '<br>\n');
}
