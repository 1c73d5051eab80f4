import { GatewayError } from '../errors';
import type { CreatePaymentInput, PaymentInstructions, PaymentItem, PaymentStatus } from '../types';
import { asRecord, asText, minutesUntil, wibDateTime } from '../values';

/** Methods this adapter charges through the Core API, plus `snap` for a hosted checkout link. */
export const MIDTRANS_METHODS: Record<string, string> = {
  qris: 'QRIS',
  gopay: 'GoPay',
  bca_va: 'BCA Virtual Account',
  bni_va: 'BNI Virtual Account',
  bri_va: 'BRI Virtual Account',
  cimb_va: 'CIMB Niaga Virtual Account',
  permata_va: 'Permata Virtual Account',
  echannel: 'Mandiri Bill Payment',
  snap: 'Snap checkout page',
};

/**
 * transaction_status (+ fraud_status for cards) → our status. Source:
 * https://docs.midtrans.com/docs/transaction-status-cycle — settlement, or capture with fraud_status
 * accept, is paid; capture under challenge waits for review.
 */
export function midtransStatus(transactionStatus: string, fraudStatus?: string): PaymentStatus {
  switch (transactionStatus) {
    case 'settlement':
      return 'paid';
    case 'capture':
      return fraudStatus === 'accept' ? 'paid' : 'pending';
    case 'expire':
      return 'expired';
    case 'deny':
    case 'cancel':
    case 'failure':
      return 'failed';
    case 'refund':
    case 'partial_refund':
    case 'chargeback':
    case 'partial_chargeback':
      return 'refunded';
    default:
      return 'pending';
  }
}

/** "2026-11-24 09:30:00 +0700", the order_time/start_time format of custom expiry. */
const wibStamp = (ms: number) => `${wibDateTime(ms)} +0700`;

function common(input: CreatePaymentInput, items: PaymentItem[]) {
  return {
    transaction_details: { order_id: input.merchantRef, gross_amount: input.amount },
    item_details: items.map((it) => ({
      id: it.sku ?? input.merchantRef,
      name: it.name.slice(0, 50),
      price: it.price,
      quantity: it.quantity,
    })),
    customer_details: { first_name: input.customer.name, email: input.customer.email, phone: input.customer.phone },
  };
}

/** Body of POST /v2/charge for a VA, QRIS or GoPay. Source: lib/coreApi.js; docs.midtrans.com charge pages. */
export function coreChargeBody(input: CreatePaymentInput, items: PaymentItem[], now: number) {
  const base = {
    ...common(input, items),
    custom_expiry: { order_time: wibStamp(now), expiry_duration: minutesUntil(input.expiresAt, now), unit: 'minute' },
  };
  const m = input.method;
  if (m === 'qris') return { ...base, payment_type: 'qris', qris: { acquirer: 'gopay' } };
  if (m === 'gopay') return { ...base, payment_type: 'gopay' };
  if (m === 'echannel')
    return {
      ...base,
      payment_type: 'echannel',
      echannel: { bill_info1: 'Payment:', bill_info2: input.description.slice(0, 10) || input.merchantRef },
    };
  const bank = /^(bca|bni|bri|cimb|permata)_va$/.exec(m)?.[1];
  if (bank) return { ...base, payment_type: 'bank_transfer', bank_transfer: { bank } };
  throw new GatewayError('invalid_input', `midtrans: unknown method ${m}`, { provider: 'midtrans' });
}

/** Body of POST {snap}/transactions: a hosted checkout page. Source: lib/snap.js; Snap expiry docs. */
export function snapBody(input: CreatePaymentInput, items: PaymentItem[], now: number, enabled?: string[]) {
  return {
    ...common(input, items),
    enabled_payments: enabled?.length ? enabled : undefined,
    expiry: { start_time: wibStamp(now), unit: 'minute', duration: minutesUntil(input.expiresAt, now) },
    callbacks: input.returnUrl ? { finish: input.returnUrl } : undefined,
  };
}

/** What to show from a charge answer: VA number, Mandiri bill key, QRIS string/image or GoPay QR. */
export function chargeInstructions(body: Record<string, unknown>): PaymentInstructions {
  const va = Array.isArray(body.va_numbers) ? asRecord(body.va_numbers[0]) : undefined;
  const actions = Array.isArray(body.actions) ? body.actions.map(asRecord) : [];
  const qrAction = actions.find((a) => a?.name === 'generate-qr-code');
  const deeplink = actions.find((a) => a?.name === 'deeplink-redirect');
  if (va) return { vaNumber: asText(va.va_number), bank: asText(va.bank) };
  if (body.permata_va_number) return { vaNumber: asText(body.permata_va_number), bank: 'permata' };
  if (body.bill_key) return { vaNumber: asText(body.bill_key), billerCode: asText(body.biller_code), bank: 'mandiri' };
  return {
    qrString: asText(body.qr_string),
    qrImageUrl: asText(qrAction?.url),
    checkoutUrl: asText(deeplink?.url),
  };
}
