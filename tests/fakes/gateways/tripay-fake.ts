/**
 * Fake Tripay (closed payment). Speaks tripay.co.id/api-sandbox: Bearer API key, create signature
 * HMAC-SHA256(privateKey, merchantCode + merchantRef + amount), answers wrapped as
 * {success, message, data}, callbacks signed HMAC-SHA256(privateKey, raw body) in X-Callback-Signature
 * with PHP-style escaped slashes in the JSON (so only raw-body hashing verifies).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { FakeGateway, json, parseBody, type CallbackVariant, type FakeOptions, type FakeRequest } from './base';

interface TripayTx {
  reference: string;
  merchant_ref: string;
  method: string;
  amount: number;
  fee_merchant: number;
  fee_customer: number;
  status: 'UNPAID' | 'PAID' | 'EXPIRED' | 'FAILED' | 'REFUND';
  expired_time: number;
  paid_at: number | null;
  paid_amount?: number;
  customer_name: string;
  pay_code: string | null;
  created_at: number;
}

const CHANNELS = [
  { group: 'Virtual Account', code: 'BRIVA', name: 'BRI Virtual Account', flat: 1750, percent: 0 },
  { group: 'Virtual Account', code: 'BNIVA', name: 'BNI Virtual Account', flat: 4250, percent: 0 },
  { group: 'Virtual Account', code: 'MANDIRIVA', name: 'Mandiri Virtual Account', flat: 4250, percent: 0 },
  { group: 'E-Wallet', code: 'QRIS', name: 'QRIS', flat: 750, percent: 0.7 },
  { group: 'Convenience Store', code: 'ALFAMART', name: 'Alfamart', flat: 3500, percent: 0 },
];

const hmac = (key: string, msg: string | Buffer) => createHmac('sha256', key).update(msg).digest('hex');
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export class TripayFake extends FakeGateway {
  readonly provider = 'tripay';
  protected readonly prefix = '/api-sandbox';
  readonly merchantCode = 'T0001';
  readonly apiKey = 'DEV-fakeTripayApiKey0123456789';
  readonly privateKey = 'fake-tripay-private-key-XYZ';
  /** Charge the fee to the customer instead of the merchant. */
  feeToCustomer = false;
  private readonly txs = new Map<string, TripayTx>();

  constructor(opts?: FakeOptions) {
    super(opts);
  }

  credentials() {
    return { merchantCode: this.merchantCode, apiKey: this.apiKey, privateKey: this.privateKey };
  }

  transactions() {
    return [...this.txs.values()].map((t) => this.view(t));
  }

  markPaid(merchantRef: string, opts: { amount?: number } = {}) {
    const tx = this.byRef(merchantRef);
    tx.status = 'PAID';
    tx.paid_at = Math.floor(this.now() / 1000);
    tx.paid_amount = opts.amount;
  }

  markExpired(merchantRef: string) {
    this.byRef(merchantRef).status = 'EXPIRED';
  }

  buildCallback(merchantRef: string, variant: CallbackVariant = 'valid') {
    const tx = this.byRef(merchantRef);
    const total = (tx.paid_amount ?? tx.amount + tx.fee_customer) - (variant === 'amount-mismatch' ? 1000 : 0);
    const payload = {
      reference: tx.reference,
      merchant_ref: tx.merchant_ref,
      payment_method: CHANNELS.find((c) => c.code === tx.method)?.name ?? tx.method,
      payment_method_code: tx.method,
      total_amount: total,
      fee_merchant: tx.fee_merchant,
      fee_customer: tx.fee_customer,
      total_fee: tx.fee_merchant + tx.fee_customer,
      amount_received: total - tx.fee_merchant - tx.fee_customer,
      is_closed_payment: 1,
      status: tx.status,
      paid_at: tx.paid_at,
      note: `Pembayaran ${tx.customer_name} via https://tripay.co.id/checkout/${tx.reference}`,
    };
    // PHP's json_encode escapes "/" as "\/" and non-ASCII as \uXXXX: JSON.stringify would not.
    const body = JSON.stringify(payload)
      .replace(/\//g, '\\/')
      .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const key = variant === 'bad-signature' ? 'not-the-private-key' : this.privateKey;
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-callback-event': 'payment_status',
        'x-callback-signature': hmac(key, Buffer.from(body, 'utf8')),
      },
    };
  }

  protected handle(req: FakeRequest) {
    if (req.headers.authorization !== `Bearer ${this.apiKey}`)
      return json(401, { success: false, message: 'Invalid API Key' });
    const route = `${req.method} ${req.path}`;
    if (route === 'POST transaction/create') return this.create(parseBody(req));
    if (route === 'GET transaction/detail') {
      const tx = this.txs.get(req.query.get('reference') ?? '');
      return tx
        ? json(200, { success: true, message: '', data: this.view(tx) })
        : json(400, { success: false, message: 'Transaksi tidak ditemukan' });
    }
    if (route === 'GET merchant/transactions') {
      const ref = req.query.get('merchant_ref');
      const list = [...this.txs.values()].filter((t) => !ref || t.merchant_ref === ref).reverse();
      return json(200, { success: true, message: 'Success', data: list.map((t) => this.view(t)) });
    }
    if (route === 'GET merchant/payment-channel')
      return json(200, {
        success: true,
        message: 'Success',
        data: CHANNELS.map((c) => ({
          group: c.group,
          code: c.code,
          name: c.name,
          type: 'direct',
          fee_merchant: { flat: c.flat, percent: c.percent },
          fee_customer: { flat: 0, percent: 0 },
          total_fee: { flat: c.flat, percent: String(c.percent) },
          minimum_fee: null,
          maximum_fee: null,
          minimum_amount: 10000,
          maximum_amount: 10000000,
          icon_url: `https://tripay.co.id/images/payment-channel/${c.code}.png`,
          active: true,
        })),
      });
    return json(404, { success: false, message: 'Endpoint not found' });
  }

  private create(b: Record<string, any>) {
    const amount = Number(b.amount);
    const expected = hmac(this.privateKey, `${this.merchantCode}${b.merchant_ref}${b.amount}`);
    if (!same(expected, String(b.signature ?? ''))) return json(400, { success: false, message: 'Invalid signature' });
    const channel = CHANNELS.find((c) => c.code === b.method);
    if (!channel) return json(400, { success: false, message: 'Payment channel is not enabled' });
    const items: Array<{ price: number; quantity: number }> = Array.isArray(b.order_items) ? b.order_items : [];
    if (items.length && items.reduce((s, i) => s + i.price * i.quantity, 0) !== amount)
      return json(400, { success: false, message: 'Total amount is not equal to the sum of order items' });
    if (!(Number(b.expired_time) * 1000 > this.now()))
      return json(400, { success: false, message: 'Expired time is invalid' });
    const fee = channel.flat + Math.ceil((amount * channel.percent) / 100);
    const n = this.nextId();
    const tx: TripayTx = {
      reference: `DEV-T${this.merchantCode.slice(1)}${String(n).padStart(8, '0')}`,
      merchant_ref: String(b.merchant_ref),
      method: channel.code,
      amount,
      fee_merchant: this.feeToCustomer ? 0 : fee,
      fee_customer: this.feeToCustomer ? fee : 0,
      status: 'UNPAID',
      expired_time: Number(b.expired_time),
      paid_at: null,
      customer_name: String(b.customer_name ?? ''),
      pay_code: channel.code === 'QRIS' ? null : `${8800 + n}${String(n).padStart(10, '0')}`,
      created_at: Math.floor(this.now() / 1000),
    };
    this.txs.set(tx.reference, tx);
    return json(200, { success: true, message: '', data: this.view(tx) });
  }

  private byRef(merchantRef: string): TripayTx {
    const tx = [...this.txs.values()].reverse().find((t) => t.merchant_ref === merchantRef);
    if (!tx) throw new Error(`tripay fake: no transaction ${merchantRef}`);
    return tx;
  }

  /** The transaction as Tripay shows it (detail/list/create), expiring it lazily on the fake clock. */
  private view(tx: TripayTx) {
    if (tx.status === 'UNPAID' && this.now() >= tx.expired_time * 1000) tx.status = 'EXPIRED';
    const total = tx.amount + tx.fee_customer;
    return {
      reference: tx.reference,
      merchant_ref: tx.merchant_ref,
      payment_selection_type: 'static',
      payment_method: tx.method,
      payment_name: CHANNELS.find((c) => c.code === tx.method)?.name,
      customer_name: tx.customer_name,
      amount: total,
      fee_merchant: tx.fee_merchant,
      fee_customer: tx.fee_customer,
      total_fee: tx.fee_merchant + tx.fee_customer,
      amount_received: total - tx.fee_merchant - tx.fee_customer,
      pay_code: tx.pay_code,
      pay_url: null,
      checkout_url: `${this.origin}/checkout/${tx.reference}`,
      qr_string:
        tx.method === 'QRIS' ? `00020101021226650013ID.CO.FAKE${tx.reference}5204481253033605802ID6304ABCD` : undefined,
      qr_url: tx.method === 'QRIS' ? `${this.origin}/qr/${tx.reference}` : undefined,
      status: tx.status,
      paid_at: tx.paid_at,
      expired_time: tx.expired_time,
      created_at: tx.created_at,
    };
  }
}
