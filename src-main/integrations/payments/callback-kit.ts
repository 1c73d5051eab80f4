import { GatewayError } from './errors';
import { asRecord } from './values';
import type { CallbackAck, CallbackInput, GatewayProvider } from './types';

/** A request header, whatever the case of its name; the first value when repeated. */
export function header(input: CallbackInput, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(input.headers)) {
    if (k.toLowerCase() !== wanted || v === undefined) continue;
    return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/** The body exactly as received, as bytes (a string is taken as its UTF-8 bytes). */
export function rawBytes(input: CallbackInput): Buffer {
  return typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
}

/** Parses a JSON object body; anything else is a parse error. */
export function parseJsonObject(bytes: Buffer, provider: GatewayProvider): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new GatewayError('parse', `${provider} callback: body is not JSON`, { provider, cause: e });
  }
  const record = asRecord(value);
  if (!record) throw new GatewayError('parse', `${provider} callback: body is not a JSON object`, { provider });
  return record;
}

/** The plain-text "OK" Midtrans, Xendit and Duitku take as "received, stop retrying". */
export function plainOkAck(): CallbackAck {
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'OK' };
}

export function signatureError(provider: GatewayProvider, what: string): GatewayError {
  return new GatewayError('signature', `${provider} callback: ${what}`, { provider, operation: 'callback' });
}

/** Seconds since the epoch (as number or digits) → epoch ms. */
export function fromUnixSeconds(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n * 1000 : undefined;
}

/** An ISO-8601 instant → epoch ms. */
export function fromIso(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
