/**
 * Each signature formula against a fixed vector computed independently of the code under test:
 * Midtrans's from its own documentation's inputs (the hash also appears in dilab/omnipay-midtrans's
 * tests), the others computed once with Python's hmac/hashlib from the formula in the official SDK.
 * A swapped field, a missing field or a different hash changes every one of them.
 */
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../../src-main/integrations/payments/crypto';
import {
  duitkuCallbackSignature,
  duitkuInquirySignature,
  duitkuPaymentMethodSignature,
  duitkuStatusSignature,
} from '../../../src-main/integrations/payments/duitku/signature';
import {
  midtransAuthorization,
  midtransNotificationSignature,
} from '../../../src-main/integrations/payments/midtrans/signature';
import {
  tripayCallbackSignature,
  tripayCreateSignature,
} from '../../../src-main/integrations/payments/tripay/signature';
import { TripayGateway } from '../../../src-main/integrations/payments/tripay/adapter';

describe('Midtrans', () => {
  it('notification signature_key = SHA512(order_id + status_code + gross_amount + server key) (docs vector)', () => {
    // https://docs.midtrans.com/reference/handle-notifications sample inputs.
    expect(midtransNotificationSignature('1111', '200', '100000.00', 'askvnoibnosifnboseofinbofinfgbiufglnbfg')).toBe(
      'edc076b21793ebe3e17926350f5b8ae67d902fe657b3d0aa31b932d5c127e2375d308a2bc94f3265ac2d80a1f181a79b997ac178a236fcff35af263fc4d4c231',
    );
    // gross_amount is hashed as sent: "100000" is a different message.
    expect(
      midtransNotificationSignature('1111', '200', '100000', 'askvnoibnosifnboseofinbofinfgbiufglnbfg'),
    ).not.toMatch(/^edc076b2/);
  });

  it('authenticates with Basic base64(serverKey + ":")', () => {
    expect(midtransAuthorization('SB-Mid-server-abc')).toBe('Basic U0ItTWlkLXNlcnZlci1hYmM6');
  });
});

describe('Tripay', () => {
  it('create signature = HMAC-SHA256(private key, merchant code + merchant ref + amount)', () => {
    expect(tripayCreateSignature('T0001', 'INV55567', 1_500_000, 'your_private_key')).toBe(
      '3b44509762f48cd1a32e293025db06ef15b0dbcd5dbd2a70f1b7a27770310a21',
    );
  });

  // Escaped slashes and \u00e9, as PHP's json_encode writes them: re-serialising would change the bytes.
  const body = String.raw`{"reference":"T0001000000000000006","merchant_ref":"INV345675","payment_method":"BRIVA","payment_method_code":"BRIVA","total_amount":200000,"fee_merchant":2000,"fee_customer":0,"total_fee":2000,"amount_received":198000,"is_closed_payment":1,"status":"PAID","paid_at":1608133017,"note":"Pak Budi \u00e9 https:\/\/example.id\/a"}`;
  const signature = '710408d0ebb9808712326b39dff32190b8f3e09b7c959a9d4d972e36a035283a';

  it('callback signature = HMAC-SHA256(private key, raw body bytes)', () => {
    expect(body).toHaveLength(327);
    expect(tripayCallbackSignature(Buffer.from(body, 'utf8'), 'your_private_key')).toBe(signature);
  });

  it('verifies the raw body, and the same data re-serialised fails (the gembok-bill bug)', () => {
    const gw = new TripayGateway({
      merchantCode: 'T0001',
      apiKey: 'k',
      privateKey: 'your_private_key',
      mode: 'sandbox',
    });
    const headers = { 'X-Callback-Event': 'payment_status', 'X-Callback-Signature': signature };
    const event = gw.verifyCallback({ rawBody: Buffer.from(body), headers });
    expect(event).toMatchObject({ merchantRef: 'INV345675', providerRef: 'T0001000000000000006', status: 'paid' });
    expect(event.amount).toBe(200_000);
    expect(event.paidAt).toBe(1_608_133_017_000);
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(() => gw.verifyCallback({ rawBody: reserialised, headers })).toThrow(/X-Callback-Signature/);
  });
});

describe('Duitku (official SDK example credentials D0001 / 732B39FC…)', () => {
  const key = '732B39FC61796845775D2C4FB05332AF';
  it('inquiry = MD5(merchantCode + merchantOrderId + paymentAmount + apiKey)', () => {
    expect(duitkuInquirySignature('D0001', 'INV-202611-00001-1', 150_000, key)).toBe(
      '552f4eab25dd6834298c784bedc7c093',
    );
  });
  it('callback = MD5(merchantCode + amount + merchantOrderId + apiKey)', () => {
    expect(duitkuCallbackSignature('D0001', '150000', 'INV-202611-00001-1', key)).toBe(
      '6290685ba90c5c5952b6c2afc5cdbece',
    );
  });
  it('transactionStatus = MD5(merchantCode + merchantOrderId + apiKey)', () => {
    expect(duitkuStatusSignature('D0001', 'INV-202611-00001-1', key)).toBe('ed18ee7ccc86fcdecee603288ebb5006');
  });
  it('getpaymentmethod = SHA256(merchantCode + amount + datetime + apiKey)', () => {
    expect(duitkuPaymentMethodSignature('D0001', 150_000, '2026-11-24 09:30:00', key)).toBe(
      'eab28cbc69daa9d4a31b32c9a50816b4dc1272b92290c554e812a83235abd381',
    );
  });
});

describe('constant-time comparison', () => {
  it('accepts only the exact value, whatever the length of the received one', () => {
    expect(constantTimeEqual('abc123', 'abc123')).toBe(true);
    expect(constantTimeEqual('abc123', 'abc124')).toBe(false);
    expect(constantTimeEqual('abc123', 'abc1234')).toBe(false);
    expect(constantTimeEqual('abc123', '')).toBe(false);
    expect(constantTimeEqual('abc123', undefined)).toBe(false);
    expect(constantTimeEqual('ABC123', 'abc123')).toBe(false);
  });
});
