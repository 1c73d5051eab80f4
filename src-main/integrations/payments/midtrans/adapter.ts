import { parseJsonObject, plainOkAck, rawBytes, signatureError } from '../callback-kit';
import { constantTimeEqual } from '../crypto';
import { DEFAULT_URLS } from '../defaults';
import { GatewayError, kindForStatus } from '../errors';
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
  StatusQuery,
} from '../types';
import { asText, parseRupiah, parseWibDateTime, requireText, validateCreateInput } from '../values';
import { chargeInstructions, coreChargeBody, MIDTRANS_METHODS, midtransStatus, snapBody } from './mapping';
import { midtransAuthorization, midtransNotificationSignature } from './signature';

export interface MidtransConfig {
  serverKey: string;
  mode: GatewayMode;
  coreBaseUrl?: string;
  snapBaseUrl?: string;
  /** Snap: channels offered on the checkout page (bca_va, other_qris, …); all enabled ones when empty. */
  snapEnabledPayments?: string[];
  http?: GatewayHttpOptions;
}

/**
 * Midtrans Core API (VA, QRIS, GoPay by /v2/charge) and Snap (checkout link). Plain fetch rather than
 * midtrans-client: the SDK's base URLs are static class fields, it sets no timeout and cannot send a
 * per-request Idempotency-Key (see README).
 */
export class MidtransGateway implements PaymentGateway {
  readonly provider = 'midtrans' as const;
  readonly core: GatewayHttpClient;
  readonly snap: GatewayHttpClient;

  constructor(private readonly cfg: MidtransConfig) {
    const auth = midtransAuthorization(cfg.serverKey);
    const secrets = [cfg.serverKey, auth.slice('Basic '.length)];
    this.core = new GatewayHttpClient(
      'midtrans',
      cfg.coreBaseUrl ?? DEFAULT_URLS.midtransCore[cfg.mode],
      secrets,
      cfg.http,
      auth,
    );
    // One request budget for both hosts: they are the same merchant account.
    this.snap = new GatewayHttpClient(
      'midtrans',
      cfg.snapBaseUrl ?? DEFAULT_URLS.midtransSnap[cfg.mode],
      secrets,
      { ...cfg.http, limiter: this.core.limiter },
      auth,
    );
  }

  async createPayment(input: CreatePaymentInput, opts: CallOptions = {}): Promise<CreatedPayment> {
    const now = this.core.clock.now();
    const items = validateCreateInput(input, now, 'midtrans');
    const headers: Record<string, string> = {
      // Same key for every retry of this create, even after a restart: Midtrans answers a repeat with
      // the first result instead of charging again (https://docs.midtrans.com/reference/api-headers).
      'idempotency-key': `charge-${input.merchantRef}`,
    };
    if (input.callbackUrl) headers['x-override-notification'] = input.callbackUrl;

    if (input.method === 'snap') {
      // Snap documents no idempotency and refuses a reused order_id, so a Snap create is sent once;
      // an ambiguous failure surfaces and the caller starts a new attempt with a new reference.
      const { body } = await this.snap.sendJson<Record<string, unknown>>(
        jsonPost('create', 'transactions', snapBody(input, items, now, this.cfg.snapEnabledPayments), {
          headers,
          signal: opts.signal,
        }),
      );
      return {
        provider: 'midtrans',
        merchantRef: input.merchantRef,
        providerRef: requireText(body.token, 'token', 'midtrans'),
        status: 'pending',
        rawStatus: 'token',
        amount: input.amount,
        expiresAt: input.expiresAt,
        instructions: { checkoutUrl: requireText(body.redirect_url, 'redirect_url', 'midtrans') },
        recovered: false,
        raw: body,
      };
    }

    let body: Record<string, unknown>;
    try {
      ({ body } = await this.core.sendJson<Record<string, unknown>>(
        jsonPost('create', 'v2/charge', coreChargeBody(input, items, now), {
          headers,
          retry: 'safe',
          retryOn: (status) => status === 202, // the first call with this key is still in progress
          signal: opts.signal,
        }),
      ));
      this.throwBodyError(body, 'create');
    } catch (e) {
      // Midtrans keeps only successful answers under an idempotency key: a retry after a 5xx that had
      // in fact charged gets 406 "duplicate order_id". The order exists, so read it back.
      if (!(e instanceof GatewayError) || e.status !== 406) throw e;
      const found = await this.readStatus(input.merchantRef, opts.signal);
      if (!found || parseRupiah(found.gross_amount, 'gross_amount', 'midtrans') !== input.amount) throw e;
      const state = this.toState(found);
      return {
        ...state,
        providerRef: state.providerRef ?? input.merchantRef,
        amount: input.amount,
        expiresAt: parseWibDateTime(found.expiry_time) ?? input.expiresAt,
        instructions: chargeInstructions(found),
        recovered: true,
      };
    }
    const state = this.toState(body);
    return {
      ...state,
      providerRef: state.providerRef!,
      amount: parseRupiah(body.gross_amount, 'gross_amount', 'midtrans'),
      expiresAt: parseWibDateTime(body.expiry_time) ?? input.expiresAt,
      instructions: chargeInstructions(body),
      recovered: false,
    };
  }

  async getStatus(query: StatusQuery, opts: CallOptions = {}): Promise<PaymentState> {
    const body = await this.readStatus(query.merchantRef, opts.signal);
    if (body) return this.toState(body);
    // A Snap order has no transaction until the customer picks a method; after expiry it never will.
    const expired = query.expiresAt !== undefined && this.core.clock.now() >= query.expiresAt;
    return {
      provider: 'midtrans',
      merchantRef: query.merchantRef,
      providerRef: query.providerRef,
      status: expired ? 'expired' : 'pending',
      rawStatus: 'not_found',
      raw: null,
    };
  }

  async findByMerchantRef(merchantRef: string, opts: CallOptions = {}): Promise<PaymentState | null> {
    const body = await this.readStatus(merchantRef, opts.signal);
    return body ? this.toState(body) : null;
  }

  verifyCallback(input: CallbackInput): CallbackEvent {
    const body = parseJsonObject(rawBytes(input), 'midtrans');
    const [orderId, statusCode, gross] = [body.order_id, body.status_code, body.gross_amount].map(asText);
    if (!orderId || !statusCode || !gross) throw signatureError('midtrans', 'signed fields are missing');
    const expected = midtransNotificationSignature(orderId, statusCode, gross, this.cfg.serverKey);
    if (!constantTimeEqual(expected, asText(body.signature_key)))
      throw signatureError('midtrans', 'signature_key does not match');
    const state = this.toState(body);
    return {
      ...state,
      eventKey: `midtrans:${orderId}:${asText(body.transaction_id) ?? ''}:${state.rawStatus}:${statusCode}`,
      ack: plainOkAck(),
    };
  }

  /** Midtrans has no channel list API: the methods this adapter supports, without fees. */
  async listChannels(): Promise<PaymentChannel[]> {
    return Object.entries(MIDTRANS_METHODS).map(([code, name]) => ({ code, name, active: true, source: 'static' }));
  }

  /** GET /v2/{order_id}/status; null when Midtrans has no such transaction (404). */
  private async readStatus(orderId: string, signal?: AbortSignal): Promise<Record<string, unknown> | null> {
    const { status, body } = await this.core.sendJson<Record<string, unknown>>({
      operation: 'status',
      method: 'GET',
      path: `v2/${encodeURIComponent(orderId)}/status`,
      retry: 'safe',
      accept: (s) => s === 404,
      signal,
    });
    if (status === 404 || asText(body.status_code) === '404') return null;
    this.throwBodyError(body, 'status');
    return body;
  }

  /**
   * Midtrans may answer HTTP 200 with an error status_code in the body; like the official SDK, treat
   * status_code >= 400 as an error except 407 (the status answer of an expired transaction).
   */
  private throwBodyError(body: Record<string, unknown>, operation: string): void {
    const code = Number(asText(body.status_code));
    if (!Number.isFinite(code) || code < 400 || code === 407) return;
    throw this.core.refusal(operation, `status_code ${code}`, asText(body.status_message) ?? '', {
      kind: kindForStatus(code),
      status: code,
    });
  }

  private toState(body: Record<string, unknown>): PaymentState {
    const rawStatus = requireText(body.transaction_status, 'transaction_status', 'midtrans');
    const status = midtransStatus(rawStatus, asText(body.fraud_status));
    const amount = parseRupiah(body.gross_amount, 'gross_amount', 'midtrans');
    return {
      provider: 'midtrans',
      merchantRef: requireText(body.order_id, 'order_id', 'midtrans'),
      providerRef: asText(body.transaction_id),
      status,
      rawStatus,
      amount,
      paidAmount: status === 'paid' ? amount : undefined,
      paidAt: status === 'paid' ? parseWibDateTime(body.settlement_time ?? body.transaction_time) : undefined,
      method: asText(body.payment_type),
      raw: body,
    };
  }
}
