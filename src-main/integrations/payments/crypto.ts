import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
export const sha512Hex = (text: string): string => createHash('sha512').update(text, 'utf8').digest('hex');

/** HMAC-SHA256 in lowercase hex (PHP's hash_hmac('sha256', …)). Bytes are hashed as given. */
export function hmacSha256Hex(key: string, message: string | Buffer): string {
  return createHmac('sha256', key).update(message).digest('hex');
}

/**
 * Compares a received signature/token with the expected one in constant time (PHP's hash_equals).
 * Different lengths compare the expected value with itself so the timing does not reveal the length.
 */
export function constantTimeEqual(expected: string, received: string | undefined): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received ?? '', 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}
