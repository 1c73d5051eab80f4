import { fromIso, header, parseJsonObject, plainOkAck, rawBytes, signatureError } from '../callback-kit';
import { constantTimeEqual } from '../crypto';
import { DEFAULT_URLS } from '../defaults';
import { GatewayHttpClient, jsonPost, type GatewayHttpOptions } from '../http/client';
import { ReferenceLookupGateway } from '../reference-lookup';
import type {
  CallbackEvent,
  CallbackInput,
  CallOptions,
  CreatedPayment,
  CreatePaymentInput,
  GatewayMode,
  PaymentChannel,
  PaymentGateway,
  PaymentState,
  PaymentStatus,
  StatusQuery,
} from '../types';
import { asRecord, asText, optionalRupiah, parseRupiah, requireText, validateCreateInput } from '../values';

export interface XenditConfig {
  /** xnd_development_… (test) or xnd_production_… (live); the key, not the host, picks the mode. */
  secretKey: string;
  /** The dashboard's "Callback verification token", compared with the x-callback-token header. */
  callbackToken: string;
  mode: GatewayMode;
  baseUrl?: string;
  http?: GatewayHttpOptions;
}

/** Invoice statuses (xendit-node docs/invoice/InvoiceStatus.md). */
const STATUS: Record<string, PaymentStatus> = { PENDING: 'pending', PAID: 'paid', SETTLED: 'paid', EXPIRED: 'expired' };

/** Methods an invoice can be limited to (payment_methods); `any` leaves the invoice page to offer all. */
const METHODS: Record<string, string> = {
  any: 'All methods on the Xendit invoice page',
  QRIS: 'QRIS',
  BCA: 'BCA Virtual Account',
  BNI: 'BNI Virtual Account',
  BRI: 'BRI Virtual Account',
  MANDIRI: 'Mandiri Virtual Account',
  PERMATA: 'Permata Virtual Account',
  ALFAMART: 'Alfamart',
  INDOMARET: 'Indomaret',
  OVO: 'OVO',
  DANA: 'DANA',
  SHOPEEPAY: 'ShopeePay',
  LINKAJA: 'LinkAja',
};

/**
 * Xendit Invoice API (POST /v2/invoices) with HTTP Basic secretKey + ":". The invoice webhook carries a
 * static x-callback-token, not an HMAC of the body. Plain fetch rather than xendit-node: the v7 SDK
 * calls the global fetch with no timeout or AbortSignal (see README).
 */
export class XenditGateway extends ReferenceLookupGateway implements PaymentGateway {
  readonly provider = 'xendit' as const;
  override readonly http: GatewayHttpClient;

  constructor(private readonly cfg: XenditConfig) {
    super();
    const basic = Buffer.from(`${cfg.secretKey}:`, 'utf8').toString('base64');
    this.http = new GatewayHttpClient(
      'xendit',
      cfg.baseUrl ?? DEFAULT_URLS.xendit[cfg.mode],
      [cfg.secretKey, cfg.callbackToken, basic],
      cfg.http,
      `Basic ${basic}`,
    );
  }

  async createPayment(input: CreatePaymentInput, opts: CallOptions = {}): Promise<CreatedPayment> {
    const now = this.http.clock.now();
    const items = validateCreateInput(input, now, 'xendit');
    const body = {
      external_id: input.merchantRef,
      amount: input.amount,
      description: input.description,
      invoice_duration: Math.max(1, Math.round((input.expiresAt - now) / 1000)),
      currency: 'IDR',
      payer_email: input.customer.email,
      customer: { given_names: input.customer.name, email: input.customer.email, mobile_number: input.customer.phone },
      payment_methods: input.method === 'any' ? undefined : input.method.split(',').map((m) => m.trim()),
      success_redirect_url: input.returnUrl,
      failure_redirect_url: input.returnUrl,
      items: items.map((it) => ({ name: it.name, price: it.price, quantity: it.quantity, reference_id: it.sku })),
    };
    // Xendit accepts a repeated external_id, so a create is retried only after looking it up.
    return this.createOrRecover(
      async () => (await this.http.sendJson(jsonPost('create', 'v2/invoices', body, { signal: opts.signal }))).body,
      input.merchantRef,
      opts.signal,
    );
  }

  async getStatus(query: StatusQuery, opts: CallOptions = {}): Promise<PaymentState> {
    if (!query.providerRef) return this.requireByMerchantRef(query.merchantRef, opts, 'invoice');
    const { body } = await this.http.sendJson({
      operation: 'status',
      method: 'GET',
      path: `v2/invoices/${encodeURIComponent(query.providerRef)}`,
      retry: 'safe',
      signal: opts.signal,
    });
    return this.toState(body);
  }

  verifyCallback(input: CallbackInput): CallbackEvent {
    if (!constantTimeEqual(this.cfg.callbackToken, header(input, 'x-callback-token')))
      throw signatureError('xendit', 'x-callback-token does not match the verification token');
    const body = parseJsonObject(rawBytes(input), 'xendit');
    const state = this.toState(body);
    return {
      ...state,
      eventKey: `xendit:${state.providerRef}:${state.rawStatus}`,
      ack: plainOkAck(),
    };
  }

  /** The Invoice API has no channel list: the payment_methods this adapter accepts, without fees. */
  async listChannels(): Promise<PaymentChannel[]> {
    return Object.entries(METHODS).map(([code, name]) => ({ code, name, active: true, source: 'static' }));
  }

  /** GET /v2/invoices?external_id=…: the newest invoice under our reference, or null. */
  protected override async findRaw(merchantRef: string, signal?: AbortSignal): Promise<Record<string, unknown> | null> {
    const { body } = await this.http.sendJson({
      operation: 'find',
      method: 'GET',
      path: 'v2/invoices',
      query: { external_id: merchantRef, limit: 10 },
      retry: 'safe',
      signal,
    });
    if (!Array.isArray(body)) throw this.http.answerError('parse', 'find', 'answer is not a list');
    const matches = body.map(asRecord).filter((r): r is Record<string, unknown> => r?.external_id === merchantRef);
    matches.sort((a, b) => String(b.created ?? '').localeCompare(String(a.created ?? '')));
    return matches[0] ?? null;
  }

  protected override toState(value: unknown): PaymentState {
    const b = asRecord(value);
    if (!b) throw this.http.answerError('parse', undefined, 'invoice is not an object');
    const rawStatus = requireText(b.status, 'status', 'xendit');
    return {
      provider: 'xendit',
      merchantRef: requireText(b.external_id, 'external_id', 'xendit'),
      providerRef: requireText(b.id, 'id', 'xendit'),
      status: STATUS[rawStatus] ?? 'pending',
      rawStatus,
      amount: parseRupiah(b.amount, 'amount', 'xendit'),
      paidAmount: optionalRupiah(b.paid_amount, 'paid_amount', 'xendit'),
      paidAt: fromIso(b.paid_at),
      method: asText(b.payment_channel) ?? asText(b.payment_method),
      raw: b,
    };
  }

  protected override toCreated(value: unknown): CreatedPayment {
    const state = this.toState(value);
    const b = value as Record<string, unknown>;
    return {
      ...state,
      providerRef: state.providerRef!,
      amount: state.amount!,
      expiresAt: fromIso(b.expiry_date),
      instructions: { checkoutUrl: requireText(b.invoice_url, 'invoice_url', 'xendit') },
      recovered: false,
    };
  }
}
