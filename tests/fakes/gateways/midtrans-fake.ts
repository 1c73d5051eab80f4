/**
 * Fake Midtrans: Core API (/v2/charge, /v2/{order_id}/status) and Snap (/snap/v1/transactions) on one
 * server. HTTP Basic with the server key and an empty password; Idempotency-Key honoured as documented
 * (same answer for 5 minutes, only successful answers kept, 202 while the first call is in progress);
 * a reused order_id refused (406 Core, 400 Snap); notifications signed
 * SHA512(order_id + status_code + gross_amount + server key).
 */
import { createHash } from 'node:crypto';
import {
  FakeGateway,
  json,
  wib,
  type CallbackVariant,
  type FakeOptions,
  type FakeReply,
  type FakeRequest,
} from './base';

interface MidtransTx {
  order_id: string;
  transaction_id?: string;
  snap_token?: string;
  payment_type?: string;
  bank?: string;
  va?: string;
  gross: number;
  status: 'pending' | 'settlement' | 'expire' | 'cancel';
  expiresAt: number;
  transaction_time: number;
  settlement_time?: number;
  paid_amount?: number;
}

const sha512 = (s: string) => createHash('sha512').update(s, 'utf8').digest('hex');
const money = (n: number) => `${n}.00`;
const UNAUTHORIZED = 'Access denied due to unauthorized transaction, please check client or server key';

export class MidtransFake extends FakeGateway {
  readonly provider = 'midtrans';
  protected readonly prefix = '';
  readonly serverKey = 'SB-Mid-server-fakeServerKey012345';
  private readonly txs = new Map<string, MidtransTx>();
  private readonly idempotent = new Map<string, { at: number; reply?: FakeReply }>();

  constructor(opts?: FakeOptions) {
    super(opts);
  }

  get snapBaseUrl(): string {
    return `${this.origin}/snap/v1`;
  }

  credentials() {
    return { serverKey: this.serverKey, coreBaseUrl: this.baseUrl, snapBaseUrl: this.snapBaseUrl };
  }

  transactions() {
    return [...this.txs.values()].map((t) => ({ ...t }));
  }

  markPaid(merchantRef: string, opts: { amount?: number } = {}) {
    const tx = this.get(merchantRef);
    // A Snap order gets its transaction when the customer pays (here: by QRIS).
    tx.transaction_id ??= `fake-${this.nextId()}-${merchantRef}`;
    tx.payment_type ??= 'qris';
    tx.status = 'settlement';
    tx.settlement_time = this.now();
    tx.paid_amount = opts.amount;
  }

  markExpired(merchantRef: string) {
    this.get(merchantRef).status = 'expire';
  }

  buildCallback(merchantRef: string, variant: CallbackVariant = 'valid') {
    const view = this.statusView(this.get(merchantRef));
    if (variant === 'amount-mismatch') view.gross_amount = money(Number.parseInt(view.gross_amount, 10) - 1000);
    const key = variant === 'bad-signature' ? 'SB-Mid-server-someoneElse' : this.serverKey;
    const body = { ...view, signature_key: sha512(`${view.order_id}${view.status_code}${view.gross_amount}${key}`) };
    return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  }

  protected handle(req: FakeRequest): FakeReply {
    const snap = req.path.startsWith('snap/');
    const auth = `Basic ${Buffer.from(`${this.serverKey}:`).toString('base64')}`;
    if (req.headers.authorization !== auth)
      return snap
        ? json(401, { error_messages: [UNAUTHORIZED] })
        : json(401, { status_code: '401', status_message: UNAUTHORIZED, id: 'fake' });
    if (req.method === 'POST' && (req.path === 'v2/charge' || req.path === 'snap/v1/transactions'))
      return this.idempotently(req, () => (snap ? this.snapCreate(req) : this.charge(req)));
    const m = /^v2\/([^/]+)\/status$/.exec(req.path);
    if (req.method === 'GET' && m) {
      const tx = this.txs.get(decodeURIComponent(m[1]!));
      if (!tx?.transaction_id)
        return json(404, { status_code: '404', status_message: "Transaction doesn't exist.", id: 'fake' });
      return json(200, this.statusView(tx));
    }
    return json(404, { status_code: '404', status_message: 'Not found' });
  }

  /** Idempotency-Key: a repeat within 5 minutes gets the first successful answer, not a second charge. */
  private idempotently(req: FakeRequest, run: () => FakeReply): FakeReply {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string') return run();
    const seen = this.idempotent.get(key);
    if (seen && this.now() - seen.at < 5 * 60_000) {
      if (!seen.reply) return json(202, { status_code: '202', status_message: 'Request is being processed' });
      return seen.reply;
    }
    this.idempotent.set(key, { at: this.now() });
    const reply = run();
    if (reply.status < 300) this.idempotent.set(key, { at: this.now(), reply });
    else this.idempotent.delete(key);
    return reply;
  }

  private validate(b: any): FakeReply | number {
    const td = b?.transaction_details ?? {};
    const gross = Number(td.gross_amount);
    if (!td.order_id || !Number.isInteger(gross) || gross <= 0)
      return json(400, { status_code: '400', status_message: 'transaction_details is invalid' });
    const items: Array<{ price: number; quantity: number }> = b.item_details ?? [];
    if (items.length && items.reduce((s, i) => s + i.price * i.quantity, 0) !== gross)
      return json(400, {
        status_code: '400',
        status_message: 'transaction_details.gross_amount is not equal to the sum of item_details',
      });
    if (this.txs.has(td.order_id)) return -1;
    return gross;
  }

  /** custom_expiry / expiry in minutes (the adapter sends unit "minute"); 24 h by default. */
  private expiryFrom(duration: unknown): number {
    return this.now() + Number(duration ?? 24 * 60) * 60_000;
  }

  private charge(req: FakeRequest): FakeReply {
    const b = JSON.parse(req.raw.toString('utf8'));
    const gross = this.validate(b);
    if (typeof gross !== 'number') return gross;
    if (gross < 0)
      return json(406, {
        status_code: '406',
        status_message: 'Duplicate order ID. Order ID has already been utilized previously.',
      });
    const type = b.payment_type as string;
    if (!['bank_transfer', 'echannel', 'qris', 'gopay'].includes(type))
      return json(400, { status_code: '400', status_message: 'Payment type is not supported' });
    const n = this.nextId();
    const tx: MidtransTx = {
      order_id: b.transaction_details.order_id,
      transaction_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      payment_type: type,
      bank: b.bank_transfer?.bank,
      gross,
      status: 'pending',
      expiresAt: this.expiryFrom(b.custom_expiry?.expiry_duration),
      transaction_time: this.now(),
    };
    if (type === 'bank_transfer') tx.va = `${tx.bank === 'permata' ? 8778 : 9888}${String(n).padStart(12, '0')}`;
    this.txs.set(tx.order_id, tx);
    const view: Record<string, unknown> = { ...this.statusView(tx), status_code: '201' };
    view.status_message = 'Success, transaction is created';
    if (type === 'bank_transfer' && tx.bank === 'permata') view.permata_va_number = tx.va;
    if (type === 'echannel') Object.assign(view, { bill_key: String(700000 + n), biller_code: '70012' });
    if (type === 'qris' || type === 'gopay') {
      view.actions = [
        { name: 'generate-qr-code', method: 'GET', url: `${this.origin}/v2/qris/${tx.transaction_id}/qr-code` },
      ];
      if (type === 'qris')
        Object.assign(view, { qr_string: `00020101021126610014COM.GO-JEK.WWW${n}6304FAKE`, acquirer: 'gopay' });
    }
    return json(200, view);
  }

  private snapCreate(req: FakeRequest): FakeReply {
    const b = JSON.parse(req.raw.toString('utf8'));
    const gross = this.validate(b);
    if (typeof gross !== 'number') return json(400, { error_messages: [(gross.body as any).status_message] });
    if (gross < 0) return json(400, { error_messages: ['transaction_details.order_id sudah digunakan'] });
    const token = `fake-snap-token-${this.nextId()}`;
    this.txs.set(b.transaction_details.order_id, {
      order_id: b.transaction_details.order_id,
      snap_token: token,
      gross,
      status: 'pending',
      expiresAt: this.expiryFrom(b.expiry?.duration),
      transaction_time: this.now(),
    });
    return json(201, { token, redirect_url: `${this.origin}/snap/v4/redirection/${token}` });
  }

  private get(orderId: string): MidtransTx {
    const tx = this.txs.get(orderId);
    if (!tx) throw new Error(`midtrans fake: no order ${orderId}`);
    return tx;
  }

  /** GET status answer (also the notification body without its signature); expires lazily. */
  private statusView(tx: MidtransTx) {
    if (tx.status === 'pending' && this.now() >= tx.expiresAt) tx.status = 'expire';
    const code =
      tx.status === 'settlement' ? '200' : tx.status === 'expire' ? '407' : tx.status === 'cancel' ? '200' : '201';
    return {
      status_code: code,
      status_message: 'Success, transaction is found',
      transaction_id: tx.transaction_id,
      order_id: tx.order_id,
      merchant_id: 'G000000001',
      gross_amount: money(tx.paid_amount ?? tx.gross),
      currency: 'IDR',
      payment_type: tx.payment_type,
      transaction_time: wib(tx.transaction_time),
      transaction_status: tx.status,
      fraud_status: 'accept',
      expiry_time: wib(tx.expiresAt),
      settlement_time: tx.settlement_time === undefined ? undefined : wib(tx.settlement_time),
      va_numbers:
        tx.payment_type === 'bank_transfer' && tx.bank !== 'permata'
          ? [{ bank: tx.bank, va_number: tx.va }]
          : undefined,
    };
  }
}
