/**
 * Fake Xendit Invoice API: HTTP Basic with the secret key and an empty password, POST /v2/invoices,
 * GET /v2/invoices/{id}, GET /v2/invoices?external_id=, POST /invoices/{id}/expire!. Like Xendit it
 * accepts a repeated external_id. The invoice webhook carries the static x-callback-token.
 */
import { FakeGateway, json, type CallbackVariant, type FakeOptions, type FakeReply, type FakeRequest } from './base';

interface Invoice {
  id: string;
  external_id: string;
  amount: number;
  description: string;
  status: 'PENDING' | 'PAID' | 'SETTLED' | 'EXPIRED';
  created: number;
  expiry: number;
  paid_at?: number;
  paid_amount?: number;
  payment_methods?: string[];
  payer_email?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class XenditFake extends FakeGateway {
  readonly provider = 'xendit';
  protected readonly prefix = '';
  readonly secretKey = 'xnd_development_fakeSecretKey0123456789';
  readonly callbackToken = 'fake-xendit-callback-token-ABC';
  private readonly invoices = new Map<string, Invoice>();

  constructor(opts?: FakeOptions) {
    super(opts);
  }

  credentials() {
    return { secretKey: this.secretKey, callbackToken: this.callbackToken };
  }

  transactions() {
    return [...this.invoices.values()].map((i) => this.view(i));
  }

  markPaid(merchantRef: string, opts: { amount?: number } = {}) {
    const inv = this.byRef(merchantRef);
    inv.status = 'PAID';
    inv.paid_at = this.now();
    inv.paid_amount = opts.amount ?? inv.amount;
  }

  markExpired(merchantRef: string) {
    this.byRef(merchantRef).status = 'EXPIRED';
  }

  buildCallback(merchantRef: string, variant: CallbackVariant = 'valid') {
    const inv = this.byRef(merchantRef);
    const amount = inv.amount - (variant === 'amount-mismatch' ? 1000 : 0);
    const body = {
      id: inv.id,
      external_id: inv.external_id,
      user_id: '5f0000000000000000000001',
      is_high: false,
      payment_method: 'BANK_TRANSFER',
      status: this.view(inv).status,
      merchant_name: 'Fake ISP',
      amount,
      paid_amount: inv.paid_amount === undefined ? undefined : inv.paid_amount - (amount === inv.amount ? 0 : 1000),
      bank_code: 'BRI',
      paid_at: inv.paid_at === undefined ? undefined : iso(inv.paid_at),
      payer_email: inv.payer_email,
      description: inv.description,
      created: iso(inv.created),
      updated: iso(this.now()),
      currency: 'IDR',
      payment_channel: 'BRI',
      payment_destination: '8808999912345678',
    };
    const token = variant === 'bad-signature' ? 'someone-elses-token' : this.callbackToken;
    return { body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-callback-token': token } };
  }

  protected handle(req: FakeRequest): FakeReply {
    const auth = `Basic ${Buffer.from(`${this.secretKey}:`).toString('base64')}`;
    if (req.headers.authorization !== auth)
      return json(401, { error_code: 'INVALID_API_KEY', message: 'API key is not authorized for this API service' });
    if (req.method === 'POST' && (req.path === 'v2/invoices' || req.path === 'v2/invoices/')) return this.create(req);
    if (req.method === 'GET' && req.path === 'v2/invoices') {
      const ext = req.query.get('external_id');
      const list = [...this.invoices.values()].filter((i) => !ext || i.external_id === ext).reverse();
      return json(
        200,
        list.map((i) => this.view(i)),
      );
    }
    let m = /^v2\/invoices\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && m) {
      const inv = this.invoices.get(decodeURIComponent(m[1]!));
      return inv
        ? json(200, this.view(inv))
        : json(404, { error_code: 'INVOICE_NOT_FOUND_ERROR', message: 'Invoice not found' });
    }
    m = /^invoices\/([^/]+)\/expire!$/.exec(req.path);
    if (req.method === 'POST' && m) {
      const inv = this.invoices.get(decodeURIComponent(m[1]!));
      if (!inv) return json(404, { error_code: 'INVOICE_NOT_FOUND_ERROR', message: 'Invoice not found' });
      inv.status = 'EXPIRED';
      return json(200, this.view(inv));
    }
    return json(404, { error_code: 'NOT_FOUND', message: 'Not found' });
  }

  private create(req: FakeRequest): FakeReply {
    const b = JSON.parse(req.raw.toString('utf8')) as Record<string, any>;
    if (typeof b.external_id !== 'string' || !b.external_id)
      return json(400, { error_code: 'API_VALIDATION_ERROR', message: 'external_id is required' });
    if (!Number.isInteger(b.amount) || b.amount < 1)
      return json(400, { error_code: 'API_VALIDATION_ERROR', message: 'amount must be at least 1' });
    const inv: Invoice = {
      id: `6${String(this.nextId()).padStart(23, '0')}`,
      external_id: b.external_id,
      amount: b.amount,
      description: String(b.description ?? ''),
      status: 'PENDING',
      created: this.now(),
      expiry: this.now() + Number(b.invoice_duration ?? 86400) * 1000,
      payment_methods: b.payment_methods,
      payer_email: b.payer_email,
    };
    this.invoices.set(inv.id, inv);
    return json(200, this.view(inv));
  }

  private byRef(merchantRef: string): Invoice {
    const inv = [...this.invoices.values()].reverse().find((i) => i.external_id === merchantRef);
    if (!inv) throw new Error(`xendit fake: no invoice ${merchantRef}`);
    return inv;
  }

  /** The invoice as Xendit returns it; an unpaid invoice expires lazily on the fake clock. */
  private view(inv: Invoice) {
    if (inv.status === 'PENDING' && this.now() >= inv.expiry) inv.status = 'EXPIRED';
    return {
      id: inv.id,
      external_id: inv.external_id,
      user_id: '5f0000000000000000000001',
      status: inv.status,
      merchant_name: 'Fake ISP',
      merchant_profile_picture_url: `${this.origin}/logo.png`,
      amount: inv.amount,
      paid_amount: inv.paid_amount,
      paid_at: inv.paid_at === undefined ? undefined : iso(inv.paid_at),
      payment_channel: inv.paid_at === undefined ? undefined : 'BRI',
      payer_email: inv.payer_email,
      description: inv.description,
      expiry_date: iso(inv.expiry),
      invoice_url: `${this.origin}/web/invoices/${inv.id}`,
      available_banks: [],
      available_retail_outlets: [],
      available_ewallets: [],
      available_qr_codes: [],
      available_direct_debits: [],
      available_paylaters: [],
      should_send_email: false,
      created: iso(inv.created),
      updated: iso(this.now()),
      currency: 'IDR',
    };
  }
}
