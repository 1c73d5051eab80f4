import { sha512Hex } from '../crypto';

/*
 * Midtrans HTTP notification signature_key. Source: https://docs.midtrans.com/reference/handle-notifications
 * and /reference/receiving-notifications: SHA512(order_id + status_code + gross_amount + ServerKey), with
 * gross_amount exactly as sent (e.g. "100000.00"). The docs' inputs (1111, 200, 100000.00,
 * askvnoib…) give edc076b2…c231, the value in dilab/omnipay-midtrans's tests too.
 * Requests authenticate with HTTP Basic, server key as user name and an empty password
 * (midtrans-nodejs-client lib/httpClient.js: auth {username: serverKey, password: ''}).
 */

export function midtransNotificationSignature(
  orderId: string,
  statusCode: string,
  grossAmount: string,
  serverKey: string,
): string {
  return sha512Hex(`${orderId}${statusCode}${grossAmount}${serverKey}`);
}

export function midtransAuthorization(serverKey: string): string {
  return `Basic ${Buffer.from(`${serverKey}:`, 'utf8').toString('base64')}`;
}
