/**
 * Webhook signatures, Stripe-style: `X-PPPoE-Desk-Signature: t=<unix seconds>,v1=<hex>` where the hex is
 * HMAC-SHA256(endpoint secret, `${t}.${raw body}`). The timestamp is inside the signed bytes, so a
 * captured delivery cannot be replayed later with a fresh time; receivers refuse old timestamps.
 */
import crypto from 'node:crypto';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureOf(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, rawBody)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'mismatch' | 'stale' };

/**
 * Checks a delivery as a receiver should: over the raw bytes received (never re-serialised JSON), in
 * constant time, and only within `toleranceSeconds` of `nowSeconds`. Any `v1=` may match (several
 * appear while a receiver's secret is being rotated on its side).
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  rawBody: string | Buffer,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): VerifyResult {
  if (!header) return { ok: false, reason: 'malformed' };
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const given = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v ?? '');
  if (!Number.isInteger(t) || !given.length) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(signatureOf(secret, t, rawBody), 'hex');
  const match = given.some((v) => crypto.timingSafeEqual(Buffer.from(v, 'hex'), expected));
  if (!match) return { ok: false, reason: 'mismatch' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  return { ok: true, timestamp: t };
}
