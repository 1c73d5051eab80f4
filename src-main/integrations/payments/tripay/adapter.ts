import { fromUnixSeconds, header, parseJsonObject, rawBytes, signatureError } from '../callback-kit';
import { constantTimeEqual } from '../crypto';
import { DEFAULT_URLS } from '../defaults';
import { GatewayHttpClient, jsonPost, type GatewayHttpOptions, type HttpCall } from '../http/client';
import { ReferenceLookupGateway } from '../reference-lookup';
import type {
  CallbackEvent,
  CallbackInput,
  CallOptions,
  CreatedPayment,
  CreatePaymentInput,
  FeeRate,
  GatewayMode,
  PaymentChannel,
  PaymentGateway,
  PaymentState,
  PaymentStatus,
  StatusQuery,
} from '../types';
import { asRecord, asText, optionalRupiah, parseRupiah, requireText, validateCreateInput } from '../values';
import { tripayCallbackSignature, tripayCreateSignature } from './signature';

export interface TripayConfig {
  merchantCode: string;
  apiKey: string;
  privateKey: string;
  mode: GatewayMode;
  /** Defaults to Tripay's sandbox or production API. */
  baseUrl?: string;
  http?: GatewayHttpOptions;
}

/** Tripay transaction statuses (tripay-php, phpnuxbill-tripay); SETTLED is treated as paid too. */
const STATUS: Record<string, PaymentStatus> = {
  UNPAID: 'pending',
  PAID: 'paid',
  SETTLED: 'paid',
  EXPIRED: 'expired',
  FAILED: 'failed',
  REFUND: 'refunded',
};

/** Tripay closed payments: Bearer API key + HMAC-SHA256 signature, callbacks signed over the raw body. */
export class TripayGateway extends ReferenceLookupGateway implements PaymentGateway {
  readonly provider = 'tripay' as const;
  override readonly http: GatewayHttpClient;

  constructor(private readonly cfg: TripayConfig) {
    super();
    this.http = new GatewayHttpClient(
      'tripay',
      cfg.baseUrl ?? DEFAULT_URLS.tripay[cfg.mode],
      [cfg.apiKey, cfg.privateKey],
      cfg.http,
      `Bearer ${cfg.apiKey}`,
    );
  }

  async createPayment(input: CreatePaymentInput, opts: CallOptions = {}): Promise<CreatedPayment> {
    const items = validateCreateInput(input, this.http.clock.now(), 'tripay');
    const body = {
      method: input.method,
      merchant_ref: input.merchantRef,
      amount: input.amount,
      customer_name: input.customer.name,
      customer_email: input.customer.email,
      customer_phone: input.customer.phone,
      order_items: items.map((it) => ({ sku: it.sku, name: it.name, price: it.price, quantity: it.quantity })),
      callback_url: input.callbackUrl,
      return_url: input.returnUrl,
      expired_time: Math.floor(input.expiresAt / 1000),
      signature: tripayCreateSignature(this.cfg.merchantCode, input.merchantRef, input.amount, this.cfg.privateKey),
    };
    return this.createOrRecover(
      () => this.call(jsonPost('create', 'transaction/create', body, { signal: opts.signal })),
      input.merchantRef,
      opts.signal,
    );
  }

  async getStatus(query: StatusQuery, opts: CallOptions = {}): Promise<PaymentState> {
    if (!query.providerRef) return this.requireByMerchantRef(query.merchantRef, opts, 'transaction');
    const data = await this.call({
      operation: 'status',
      method: 'GET',
      path: 'transaction/detail',
      query: { reference: query.providerRef },
      retry: 'safe',
      signal: opts.signal,
    });
    return this.toState(data);
  }

  verifyCallback(input: CallbackInput): CallbackEvent {
    const bytes = rawBytes(input);
    const expected = tripayCallbackSignature(bytes, this.cfg.privateKey);
    if (!constantTimeEqual(expected, header(input, 'x-callback-signature')))
      throw signatureError('tripay', 'X-Callback-Signature does not match the body');
    const event = header(input, 'x-callback-event');
    if (event !== 'payment_status')
      throw this.http.answerError('parse', 'callback', `unknown event ${JSON.stringify(event ?? '')}`);
    const body = parseJsonObject(bytes, 'tripay');
    const state = this.toState({ ...body, amount: body.total_amount });
    return {
      ...state,
      eventKey: `tripay:${state.providerRef}:${state.rawStatus}`,
      ack: { status: 200, contentType: 'application/json', body: '{"success":true}' },
    };
  }

  async listChannels(opts: CallOptions = {}): Promise<PaymentChannel[]> {
    const data = await this.call({
      operation: 'channels',
      method: 'GET',
      path: 'merchant/payment-channel',
      retry: 'safe',
      signal: opts.signal,
    });
    if (!Array.isArray(data)) throw this.http.answerError('parse', 'channels', 'data is not a list');
    return data.map((c) => {
      const ch = asRecord(c) ?? {};
      return {
        code: requireText(ch.code, 'channel code', 'tripay'),
        name: asText(ch.name) ?? '',
        group: asText(ch.group),
        active: ch.active === true || ch.active === 1,
        fee: { merchant: feeRate(ch.fee_merchant), customer: feeRate(ch.fee_customer) },
        minAmount: optionalRupiah(ch.minimum_amount, 'minimum_amount', 'tripay'),
        maxAmount: optionalRupiah(ch.maximum_amount, 'maximum_amount', 'tripay'),
        source: 'provider' as const,
      };
    });
  }

  /** GET merchant/transactions filtered by merchant_ref: the newest match or null. */
  protected override async findRaw(merchantRef: string, signal?: AbortSignal): Promise<Record<string, unknown> | null> {
    const data = await this.call({
      operation: 'find',
      method: 'GET',
      path: 'merchant/transactions',
      query: { merchant_ref: merchantRef, per_page: 50, sort: 'desc' },
      retry: 'safe',
      signal,
    });
    if (!Array.isArray(data)) throw this.http.answerError('parse', 'find', 'data is not a list');
    const match = data.map(asRecord).find((t) => t?.merchant_ref === merchantRef);
    return match ?? null;
  }

  /** Tripay wraps answers as {success, message, data}: the data, or the refusal. */
  private async call(call: HttpCall): Promise<unknown> {
    const { body } = await this.http.sendJson<unknown>(call);
    const rec = asRecord(body);
    if (rec?.success !== true) throw this.http.refusal(call.operation, 'refused', asText(rec?.message) ?? 'no message');
    return rec.data;
  }

  protected override toState(data: unknown): PaymentState {
    const d = asRecord(data);
    if (!d) throw this.http.answerError('parse', undefined, 'transaction is not an object');
    const rawStatus = requireText(d.status, 'status', 'tripay');
    const feeCustomer = optionalRupiah(d.fee_customer, 'fee_customer', 'tripay') ?? 0;
    const total = optionalRupiah(d.amount, 'amount', 'tripay');
    const paid = STATUS[rawStatus] === 'paid';
    return {
      provider: 'tripay',
      merchantRef: requireText(d.merchant_ref, 'merchant_ref', 'tripay'),
      providerRef: requireText(d.reference, 'reference', 'tripay'),
      status: STATUS[rawStatus] ?? 'pending',
      rawStatus,
      amount: total === undefined ? undefined : total - feeCustomer,
      paidAmount: paid ? total : undefined,
      paidAt: fromUnixSeconds(d.paid_at),
      method: asText(d.payment_method_code) ?? asText(d.payment_method),
      fees: { merchant: optionalRupiah(d.fee_merchant, 'fee_merchant', 'tripay'), customer: feeCustomer },
      raw: d,
    };
  }

  protected override toCreated(data: unknown): CreatedPayment {
    const state = this.toState(data);
    const d = data as Record<string, unknown>;
    const payCode = asText(d.pay_code);
    const method = asText(d.payment_method) ?? '';
    const isVa = /VA(OP)?$/.test(method);
    return {
      ...state,
      providerRef: state.providerRef!,
      amount: parseRupiah(state.amount, 'amount', 'tripay'),
      expiresAt: fromUnixSeconds(d.expired_time),
      instructions: {
        vaNumber: isVa ? payCode : undefined,
        payCode: isVa ? undefined : payCode,
        qrString: asText(d.qr_string),
        qrImageUrl: asText(d.qr_url),
        checkoutUrl: asText(d.checkout_url) ?? asText(d.pay_url),
      },
      recovered: false,
    };
  }
}

function feeRate(value: unknown): FeeRate | undefined {
  const f = asRecord(value);
  if (!f) return undefined;
  const flat = Number(f.flat ?? 0);
  const percent = Number(f.percent ?? 0);
  return Number.isFinite(flat) && Number.isFinite(percent) ? { flat, percent } : undefined;
}
