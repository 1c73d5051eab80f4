/**
 * How long a text is for each channel: SMS in GSM-7 septets (160 per single SMS, 153 per part of a
 * long one; `^{}\[]~|€` take two) or UCS-2 (70 / 67), and the character limits of the other channels.
 */
import type { ProviderName } from './types';

// GSM 03.38 basic set (the characters a MikroTik modem can send) and its extension table.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[]~|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export interface SmsLength {
  encoding: 'gsm7' | 'ucs2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Characters that force UCS-2, in order of appearance, without repeats. */
  nonGsm: string[];
}

export function smsLength(text: string): SmsLength {
  let septets = 0;
  const nonGsm: string[] = [];
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENDED.has(ch)) septets += 2;
    else if (!nonGsm.includes(ch)) nonGsm.push(ch);
  }
  if (nonGsm.length === 0) return { encoding: 'gsm7', units: septets, segments: segmentsOf(septets, 160, 153), nonGsm };
  return { encoding: 'ucs2', units: text.length, segments: segmentsOf(text.length, 70, 67), nonGsm };
}

function segmentsOf(units: number, single: number, part: number): number {
  if (units === 0) return 1;
  return units <= single ? 1 : Math.ceil(units / part);
}

/** Typographic characters that have a plain GSM-7 twin, applied when a template is rendered for SMS. */
const GSM_TWINS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u2022': '-',
  '\t': ' ',
};

/** Replaces typographic quotes, dashes and ellipses with their GSM-7 twins; other characters stay. */
export function toGsmTwins(text: string): string {
  let out = '';
  for (const ch of text) out += GSM_TWINS[ch] ?? ch;
  return out;
}

/**
 * The longest text each provider takes. Fonnte: 60,000 characters (docs.fonnte.com); Wablas: 1,024
 * (wablas.com/documentation/api, send-message); Cloud API: a template body is at most 1,024 characters;
 * MikroTik `/tool/sms/send`: one GSM-7 SMS of 160 septets (no UCS-2, no concatenation); Web Push: a
 * 4,096-byte encrypted record minus the aes128gcm header and padding.
 */
export const MAX_TEXT_LENGTH: Record<ProviderName, number> = {
  fonnte: 60_000,
  wablas: 1_024,
  whatsapp_cloud: 1_024,
  mikrotik_sms: 160,
  smtp: 200_000,
  web_push: 3_000,
};

export type LengthCheck =
  | { ok: true; length: number; limit: number; sms?: SmsLength }
  | { ok: false; problem: 'too_long' | 'not_gsm7'; length: number; limit: number; sms?: SmsLength };

/** Whether a rendered text fits the provider; for the SMS modem it must also be plain GSM-7. */
export function checkLength(provider: ProviderName, text: string): LengthCheck {
  const limit = MAX_TEXT_LENGTH[provider];
  if (provider === 'mikrotik_sms') {
    const sms = smsLength(text);
    if (sms.encoding !== 'gsm7') return { ok: false, problem: 'not_gsm7', length: sms.units, limit, sms };
    return sms.units <= limit
      ? { ok: true, length: sms.units, limit, sms }
      : { ok: false, problem: 'too_long', length: sms.units, limit, sms };
  }
  const length = provider === 'web_push' ? Buffer.byteLength(text, 'utf8') : [...text].length;
  return length <= limit ? { ok: true, length, limit } : { ok: false, problem: 'too_long', length, limit };
}
