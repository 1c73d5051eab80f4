import { plainOkAck, rawBytes, signatureError } from '../callback-kit';
import { constantTimeEqual } from '../crypto';
import { DEFAULT_URLS } from '../defaults';
import { GatewayHttpClient, jsonPost, type GatewayHttpOptions } from '../http/client';
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
import {
  asRecord,
  asText,
  minutesUntil,
  optionalRupiah,
  parseRupiah,
  validateCreateInput,
  wibDateTime,
} from '../values';
import {
  duitkuCallbackSignature,
  duitkuInquirySignature,
  duitkuPaymentMethodSignature,
  duitkuStatusSignature,
} from './signature';

export interface DuitkuConfig {
  merchantCode: string;
  apiKey: string;
  mode: GatewayMode;
  /** Defaults to …/webapi/api/merchant on sandbox.duitku.com or passport.duitku.com. */
  baseUrl?: string;
  http?: GatewayHttpOptions;
}

/** Duitku API v2 (POST /v2/inquiry) with MD5/SHA-256 signatures in the JSON body. */
export class DuitkuGateway implements PaymentGateway {
  readonly provider = 'duitku' as const;
  readonly http: GatewayHttpClient;

  constructor(private readonly cfg: DuitkuConfig) {
    this.http = new GatewayHttpClient('duitku', cfg.baseUrl ?? DEFAULT_URLS.duitku[cfg.mode], [cfg.apiKey], cfg.http);
  }

  async createPayment(input: CreatePaymentInput, opts: CallOptions = {}): Promise<CreatedPayment> {
    const now = this.http.clock.now();
    const items = validateCreateInput(input, now, 'duitku');
    const { merchantCode, apiKey } = this.cfg;
    const body = {
      merchantCode,
      paymentAmount: input.amount,
      paymentMethod: input.method,
      merchantOrderId: input.merchantRef,
      productDetails: input.description,
      email: input.customer.email,
      phoneNumber: input.customer.phone,
      customerVaName: input.customer.name,
      itemDetails: items.map((it) => ({ name: it.name, price: it.price * it.quantity, quantity: it.quantity })),
      customerDetail: {
        firstName: input.customer.name,
        email: input.customer.email,
        phoneNumber: input.customer.phone,
      },
      callbackUrl: input.callbackUrl,
      returnUrl: input.returnUrl,
      expiryPeriod: minutesUntil(input.expiresAt, now),
      signature: duitkuInquirySignature(merchantCode, input.merchantRef, input.amount, apiKey),
    };
    // No idempotency key: a create is retried only after transactionStatus says Duitku has nothing.
    return this.http.recoverableCreate({
      create: async () => this.toCreated(await this.post('create', 'v2/inquiry', body, 'never', opts.signal), input),
      findExisting: async () => {
        const found = await this.findByMerchantRef(input.merchantRef, opts);
        // transactionStatus has no VA number or link: the caller sees empty instructions and a recovery.
        return found
          ? {
              ...found,
              providerRef: found.providerRef ?? '',
              amount: found.amount ?? input.amount,
              expiresAt: input.expiresAt,
              instructions: {},
              recovered: true,
            }
          : null;
      },
      signal: opts.signal,
    });
  }

  async getStatus(query: StatusQuery, opts: CallOptions = {}): Promise<PaymentState> {
    const found = await this.findByMerchantRef(query.merchantRef, opts);
    if (!found) throw this.http.answerError('not_found', undefined, `no transaction for ${query.merchantRef}`);
    // 02 covers both "cancelled" and "expired"; after the expiry we asked for, it is the expiry.
    if (found.rawStatus === '02' && query.expiresAt !== undefined && this.http.clock.now() >= query.expiresAt)
      return { ...found, status: 'expired' };
    return found;
  }

  /** POST transactionStatus; null when Duitku does not know the order (HTTP 404). */
  async findByMerchantRef(merchantRef: string, opts: CallOptions = {}): Promise<PaymentState | null> {
    const { merchantCode, apiKey } = this.cfg;
    const body = await this.post(
      'status',
      'transactionStatus',
      {
        merchantCode,
        merchantOrderId: merchantRef,
        signature: duitkuStatusSignature(merchantCode, merchantRef, apiKey),
      },
      'safe',
      opts.signal,
      (s) => s === 404,
    );
    if (!body) return null;
    const code = asText(body.statusCode) ?? '';
    return {
      provider: 'duitku',
      merchantRef: asText(body.merchantOrderId) ?? merchantRef,
      providerRef: asText(body.reference),
      status: STATUS[code] ?? 'pending',
      rawStatus: code,
      amount: optionalRupiah(body.amount, 'amount', 'duitku'),
      paidAmount: code === '00' ? optionalRupiah(body.amount, 'amount', 'duitku') : undefined,
      fees: { merchant: optionalRupiah(body.fee, 'fee', 'duitku') },
      raw: body,
    };
  }

  /** The callback is form-urlencoded; the signature covers merchantCode, amount and merchantOrderId as posted. */
  verifyCallback(input: CallbackInput): CallbackEvent {
    const form = new URLSearchParams(rawBytes(input).toString('utf8'));
    const field = (k: string) => form.get(k) ?? '';
    const [code, amount, orderId] = [field('merchantCode'), field('amount'), field('merchantOrderId')];
    if (!code || !amount || !orderId) throw signatureError('duitku', 'signed fields are missing');
    if (code !== this.cfg.merchantCode) throw signatureError('duitku', 'merchantCode is not ours');
    const expected = duitkuCallbackSignature(code, amount, orderId, this.cfg.apiKey);
    if (!constantTimeEqual(expected, field('signature'))) throw signatureError('duitku', 'signature does not match');
    const resultCode = field('resultCode');
    const status: PaymentStatus = resultCode === '00' ? 'paid' : resultCode === '01' ? 'failed' : 'pending';
    const value = parseRupiah(amount, 'amount', 'duitku');
    const reference = field('reference') || undefined;
    return {
      provider: 'duitku',
      merchantRef: orderId,
      providerRef: reference,
      status,
      rawStatus: resultCode,
      amount: value,
      paidAmount: status === 'paid' ? value : undefined,
      method: field('paymentCode') || undefined,
      raw: Object.fromEntries(form),
      eventKey: `duitku:${reference ?? orderId}:${resultCode}`,
      ack: plainOkAck(),
    };
  }

  /** POST paymentmethod/getpaymentmethod: active channels with the total fee for `amount`. */
  async listChannels(opts: CallOptions & { amount?: number } = {}): Promise<PaymentChannel[]> {
    const amount = opts.amount ?? 10_000;
    const datetime = wibDateTime(this.http.clock.now());
    const { merchantCode, apiKey } = this.cfg;
    const body = await this.post(
      'channels',
      'paymentmethod/getpaymentmethod',
      {
        merchantCode,
        amount,
        datetime,
        signature: duitkuPaymentMethodSignature(merchantCode, amount, datetime, apiKey),
      },
      'safe',
      opts.signal,
    );
    const list = body?.paymentFee;
    if (!Array.isArray(list)) throw this.http.answerError('parse', 'channels', 'no paymentFee list');
    return list.map((c) => {
      const ch = asRecord(c) ?? {};
      return {
        code: asText(ch.paymentMethod) ?? '',
        name: asText(ch.paymentName) ?? '',
        active: true,
        totalFee: optionalRupiah(ch.totalFee, 'totalFee', 'duitku'),
        source: 'provider' as const,
      };
    });
  }

  private async post(
    operation: string,
    path: string,
    body: unknown,
    retry: 'safe' | 'never',
    signal?: AbortSignal,
    notFound?: (status: number) => boolean,
  ): Promise<Record<string, unknown> | null> {
    const answer = await this.http.sendJson<unknown>(
      jsonPost(operation, path, body, { retry, accept: notFound, signal }),
    );
    if (notFound?.(answer.status)) return null;
    const rec = asRecord(answer.body);
    if (!rec) throw this.http.answerError('parse', operation, 'answer is not an object');
    return rec;
  }

  private toCreated(body: Record<string, unknown> | null, input: CreatePaymentInput): CreatedPayment {
    const b = body ?? {};
    // Inquiry answers carry statusCode "00" (or an empty responseCode in older answers); anything else is a refusal.
    const code = asText(b.statusCode);
    if ((code !== undefined && code !== '00') || !asText(b.reference))
      throw this.http.refusal(
        'create',
        'refused',
        asText(b.statusMessage) ?? asText(b.Message) ?? 'no reference in the answer',
      );
    return {
      provider: 'duitku',
      merchantRef: input.merchantRef,
      providerRef: asText(b.reference)!,
      status: 'pending',
      rawStatus: '01',
      amount: optionalRupiah(b.amount, 'amount', 'duitku') ?? input.amount,
      expiresAt: input.expiresAt,
      instructions: {
        vaNumber: asText(b.vaNumber) || undefined,
        qrString: asText(b.qrString) || undefined,
        checkoutUrl: asText(b.paymentUrl) || undefined,
      },
      recovered: false,
      raw: b,
    };
  }
}

/** transactionStatus statusCode (duitku-php Api.php): 00 paid, 01 pending, 02 cancelled or expired. */
const STATUS: Record<string, PaymentStatus> = { '00': 'paid', '01': 'pending', '02': 'failed' };
