/**
 * Fake Duitku API v2 under /webapi/api/merchant: v2/inquiry (MD5 signature in the JSON body),
 * transactionStatus, paymentmethod/getpaymentmethod (SHA-256 with a WIB datetime), and callbacks as
 * application/x-www-form-urlencoded signed MD5(merchantCode + amount + merchantOrderId + apiKey).
 * Error bodies ({"Message": …}) and 404 for an unknown order are this fake's choice, not verified.
 */
import { createHash } from 'node:crypto';
import {
  FakeGateway,
  json,
  parseBody,
  type CallbackVariant,
  type FakeOptions,
  type FakeReply,
  type FakeRequest,
} from './base';

interface DuitkuTx {
  merchantOrderId: string;
  reference: string;
  method: string;
  amount: number;
  status: '00' | '01' | '02';
  expiresAt: number;
  paidAmount?: number;
  productDetails: string;
}

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const QR_METHODS = new Set(['SP', 'NQ', 'DQ', 'GQ', 'SQ']);
const METHODS: Record<string, string> = {
  BC: 'BCA VA',
  M2: 'MANDIRI VA H2H',
  BR: 'BRI VA',
  I1: 'BNI VA',
  BT: 'PERMATA VA',
  SP: 'SHOPEEPAY QRIS',
  NQ: 'NOBU QRIS',
  IR: 'INDOMARET',
};

export class DuitkuFake extends FakeGateway {
  readonly provider = 'duitku';
  protected readonly prefix = '/webapi/api/merchant';
  readonly merchantCode = 'DS0001';
  readonly apiKey = 'F4K3DU1TKU0123456789ABCDEF012345';
  private readonly txs = new Map<string, DuitkuTx>();

  constructor(opts?: FakeOptions) {
    super(opts);
  }

  credentials() {
    return { merchantCode: this.merchantCode, apiKey: this.apiKey };
  }

  transactions() {
    return [...this.txs.values()].map((t) => ({ ...t, status: this.statusOf(t) }));
  }

  markPaid(merchantRef: string, opts: { amount?: number } = {}) {
    const tx = this.get(merchantRef);
    tx.status = '00';
    tx.paidAmount = opts.amount;
  }

  markExpired(merchantRef: string) {
    this.get(merchantRef).status = '02';
  }

  buildCallback(merchantRef: string, variant: CallbackVariant = 'valid') {
    const tx = this.get(merchantRef);
    const amount = String((tx.paidAmount ?? tx.amount) - (variant === 'amount-mismatch' ? 1000 : 0));
    const key = variant === 'bad-signature' ? 'not-the-api-key' : this.apiKey;
    const status = this.statusOf(tx);
    const form = new URLSearchParams({
      merchantCode: this.merchantCode,
      amount,
      merchantOrderId: tx.merchantOrderId,
      productDetail: tx.productDetails,
      additionalParam: '',
      paymentCode: tx.method,
      resultCode: status === '00' ? '00' : '01',
      merchantUserId: '',
      reference: tx.reference,
      signature: md5(`${this.merchantCode}${amount}${tx.merchantOrderId}${key}`),
      publisherOrderId: `MGUM${tx.reference}`,
      spUserHash: '',
      settlementDate: '2026-11-25',
      issuerCode: '93600523',
    });
    return { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }

  protected handle(req: FakeRequest): FakeReply {
    if (req.method !== 'POST') return json(405, { Message: 'Method not allowed' });
    const b = parseBody(req);
    const code = String(b.merchantCode ?? b.merchantcode ?? '');
    if (code !== this.merchantCode) return json(401, { Message: 'Merchant not found' });
    if (req.path === 'v2/inquiry') return this.inquiry(b);
    if (req.path === 'transactionStatus') {
      if (b.signature !== md5(`${code}${b.merchantOrderId}${this.apiKey}`))
        return json(401, { Message: 'Wrong signature' });
      const tx = this.txs.get(String(b.merchantOrderId));
      if (!tx) return json(404, { Message: 'Transaction not found' });
      const status = this.statusOf(tx);
      return json(200, {
        merchantOrderId: tx.merchantOrderId,
        reference: tx.reference,
        amount: String(tx.paidAmount ?? tx.amount),
        fee: '0',
        statusCode: status,
        statusMessage: { '00': 'SUCCESS', '01': 'PROCESS', '02': 'FAILED' }[status],
      });
    }
    if (req.path === 'paymentmethod/getpaymentmethod') {
      if (b.signature !== sha256(`${code}${b.amount}${b.datetime}${this.apiKey}`))
        return json(401, { Message: 'Wrong signature' });
      return json(200, {
        paymentFee: Object.entries(METHODS).map(([paymentMethod, paymentName]) => ({
          paymentMethod,
          paymentName,
          paymentImage: `https://images.duitku.com/hotlink-ok/${paymentMethod}.PNG`,
          totalFee: QR_METHODS.has(paymentMethod) ? String(Math.ceil(Number(b.amount) * 0.007)) : '4000',
        })),
        responseCode: '00',
        responseMessage: 'SUCCESS',
      });
    }
    return json(404, { Message: 'Not found' });
  }

  private inquiry(b: Record<string, any>): FakeReply {
    if (b.signature !== md5(`${b.merchantCode}${b.merchantOrderId}${b.paymentAmount}${this.apiKey}`))
      return json(401, { Message: 'Wrong signature' });
    const amount = Number(b.paymentAmount);
    const items: Array<{ price: number }> = Array.isArray(b.itemDetails) ? b.itemDetails : [];
    if (items.length && items.reduce((s, i) => s + Number(i.price), 0) !== amount)
      return json(400, { Message: 'Total item price does not match paymentAmount' });
    if (!METHODS[b.paymentMethod]) return json(400, { Message: 'Payment channel not available' });
    if (this.txs.has(b.merchantOrderId)) return json(400, { Message: 'Duplicate merchantOrderId' });
    const n = this.nextId();
    const tx: DuitkuTx = {
      merchantOrderId: String(b.merchantOrderId),
      reference: `${this.merchantCode}26${String(n).padStart(10, '0')}`,
      method: b.paymentMethod,
      amount,
      status: '01',
      expiresAt: this.now() + Number(b.expiryPeriod ?? 1440) * 60_000,
      productDetails: String(b.productDetails ?? ''),
    };
    this.txs.set(tx.merchantOrderId, tx);
    const qr = QR_METHODS.has(tx.method);
    return json(200, {
      merchantCode: this.merchantCode,
      reference: tx.reference,
      paymentUrl: `${this.origin}/topup/v2/TopUpCreditCardPayment.aspx?ref=${tx.reference}`,
      vaNumber: qr ? '' : `7007${String(n).padStart(12, '0')}`,
      qrString: qr ? `00020101021226570011ID.DANA.WWW${tx.reference}6304FAKE` : '',
      amount: String(amount),
      statusCode: '00',
      statusMessage: 'SUCCESS',
    });
  }

  private get(merchantRef: string): DuitkuTx {
    const tx = this.txs.get(merchantRef);
    if (!tx) throw new Error(`duitku fake: no order ${merchantRef}`);
    return tx;
  }

  private statusOf(tx: DuitkuTx): DuitkuTx['status'] {
    if (tx.status === '01' && this.now() >= tx.expiresAt) tx.status = '02';
    return tx.status;
  }
}
