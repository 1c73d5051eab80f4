import { hmacSha256Hex } from '../crypto';

/*
 * Tripay signatures. Sources: trijayadigital/tripay-php src/Transaction.php (official library,
 * closed payment: hash_hmac('sha256', merchantCode . merchantRef . amount, privateKey)) and
 * zerosdev/tripay-sdk-php src/Callback.php (hash_hmac('sha256', file_get_contents('php://input'),
 * privateKey) compared with hash_equals to the X-Callback-Signature header).
 */

/** Closed-payment create: hex HMAC-SHA256(privateKey, merchantCode + merchantRef + amount). */
export function tripayCreateSignature(merchantCode: string, merchantRef: string, amount: number, privateKey: string) {
  return hmacSha256Hex(privateKey, `${merchantCode}${merchantRef}${amount}`);
}

/** Callback: hex HMAC-SHA256(privateKey, the raw request body bytes) — never re-serialised JSON. */
export function tripayCallbackSignature(rawBody: Buffer | string, privateKey: string): string {
  return hmacSha256Hex(privateKey, rawBody);
}
