import { describe, expect, it } from 'vitest';
import { signatureHeader, signatureOf, verifySignature } from '../../../src-main/core/webhooks/signature';

const SECRET = 'whsec_test-secret';
const BODY = '{"id":"evt_1","type":"payment.created","data":{"amount":150000,"name":"Budi \\u00e9"}}';
const T = 1_790_000_000;

describe('webhook signature', () => {
  it('is HMAC-SHA256 of `${t}.${raw body}` in the documented header form', async () => {
    const { createHmac } = await import('node:crypto');
    const hex = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signatureOf(SECRET, T, BODY)).toBe(hex);
    expect(signatureHeader(SECRET, T, BODY)).toBe(`t=${T},v1=${hex}`);
  });

  it('verifies the raw bytes within the tolerance and refuses a changed byte, another secret or an old time', () => {
    const header = signatureHeader(SECRET, T, BODY);
    expect(verifySignature(SECRET, header, BODY, T + 10)).toEqual({ ok: true, timestamp: T });
    expect(verifySignature(SECRET, header, Buffer.from(BODY), T)).toMatchObject({ ok: true });
    // Re-serialised JSON is not the same bytes: a receiver must hash what it received.
    expect(verifySignature(SECRET, header, JSON.stringify(JSON.parse(BODY)), T)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignature(SECRET, header, BODY.replace('150000', '150001'), T)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignature('whsec_other', header, BODY, T)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(SECRET, header, BODY, T + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature(SECRET, undefined, BODY, T)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature(SECRET, 'v1=abc', BODY, T)).toEqual({ ok: false, reason: 'malformed' });
    // Any one of several v1 values may match.
    const other = signatureOf('whsec_other', T, BODY);
    expect(verifySignature(SECRET, `t=${T},v1=${other},${header.split(',')[1]}`, BODY, T)).toMatchObject({ ok: true });
  });
});
