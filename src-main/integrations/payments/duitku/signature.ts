import { md5Hex, sha256Hex } from '../crypto';

/*
 * Duitku API v2 signatures. Source: duitkupg/duitku-php Duitku/Api.php (official):
 * - createInvoice (POST /v2/inquiry): md5(merchantCode . merchantOrderId . paymentAmount . apiKey)
 * - transactionStatus:                md5(merchantCode . merchantOrderId . apiKey)
 * - getPaymentMethod:                 hash('sha256', merchantCode . paymentAmount . datetime . apiKey)
 * - callback (isSignatureValid):      md5(merchantCode . amount . merchantOrderId . apiKey)
 * The callback is application/x-www-form-urlencoded; its fields are hashed as posted.
 */

export const duitkuInquirySignature = (merchantCode: string, merchantOrderId: string, amount: number, apiKey: string) =>
  md5Hex(`${merchantCode}${merchantOrderId}${amount}${apiKey}`);

export const duitkuStatusSignature = (merchantCode: string, merchantOrderId: string, apiKey: string) =>
  md5Hex(`${merchantCode}${merchantOrderId}${apiKey}`);

export const duitkuPaymentMethodSignature = (merchantCode: string, amount: number, datetime: string, apiKey: string) =>
  sha256Hex(`${merchantCode}${amount}${datetime}${apiKey}`);

export const duitkuCallbackSignature = (
  merchantCode: string,
  amount: string,
  merchantOrderId: string,
  apiKey: string,
) => md5Hex(`${merchantCode}${amount}${merchantOrderId}${apiKey}`);
