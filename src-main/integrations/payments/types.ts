/**
 * One interface for every payment gateway (Tripay, Midtrans, Xendit, Duitku). Money is integer rupiah,
 * instants are epoch milliseconds (UTC). Every result keeps the provider's own status word and raw
 * answer, so the caller can store them for audit and reconciliation.
 */

export type GatewayProvider = 'tripay' | 'midtrans' | 'xendit' | 'duitku';
export type GatewayMode = 'sandbox' | 'production';

/** Our status; the provider's own word is kept next to it as `rawStatus`. */
export type PaymentStatus = 'pending' | 'paid' | 'expired' | 'failed' | 'refunded';

export interface PaymentItem {
  sku?: string;
  name: string;
  /** Integer rupiah per unit. */
  price: number;
  quantity: number;
}

export interface PaymentCustomer {
  name: string;
  email?: string;
  phone?: string;
}

export interface CreatePaymentInput {
  /** Our own reference, unique per attempt (e.g. INV-202611-00001-1); the provider's order id. */
  merchantRef: string;
  /** Integer rupiah the customer owes us (before any fee the provider adds for the customer). */
  amount: number;
  /** The provider's channel code (Tripay `BRIVA`, Duitku `BC`, Midtrans `bri_va`/`qris`/`snap`, Xendit `QRIS`). */
  method: string;
  /** When the VA/QR/checkout link stops accepting money (epoch ms). */
  expiresAt: number;
  customer: PaymentCustomer;
  description: string;
  /** Optional bill lines; their total must equal `amount`. One line of `amount` is sent otherwise. */
  items?: PaymentItem[];
  /** Per-transaction callback URL where the provider supports it (Tripay, Duitku; Midtrans by header). */
  callbackUrl?: string;
  returnUrl?: string;
}

/** What to show the customer: a VA number, a QRIS string/image, a pay code or a checkout link. */
export interface PaymentInstructions {
  vaNumber?: string;
  bank?: string;
  /** Mandiri bill payment: the company (biller) code that goes with `vaNumber` (the bill key). */
  billerCode?: string;
  qrString?: string;
  qrImageUrl?: string;
  payCode?: string;
  checkoutUrl?: string;
}

export interface FeeSplit {
  /** Integer rupiah the ISP pays. */
  merchant?: number;
  /** Integer rupiah added to the customer's total. */
  customer?: number;
}

/** The provider's view of one transaction, normalised. */
export interface PaymentState {
  provider: GatewayProvider;
  merchantRef: string;
  /** The provider's id (Tripay reference, Midtrans transaction_id, Xendit invoice id, Duitku reference). */
  providerRef?: string;
  status: PaymentStatus;
  rawStatus: string;
  /** The order amount as the provider records it, excluding a fee charged to the customer. */
  amount?: number;
  /** What the customer actually paid, where the provider says so. */
  paidAmount?: number;
  paidAt?: number;
  /** Channel used to pay (e.g. BRIVA, bank_transfer, QRIS). */
  method?: string;
  fees?: FeeSplit;
  raw: unknown;
}

export interface CreatedPayment extends PaymentState {
  providerRef: string;
  amount: number;
  expiresAt?: number;
  instructions: PaymentInstructions;
  /** True when the create call failed ambiguously and the transaction was found by merchant reference. */
  recovered: boolean;
}

export interface StatusQuery {
  merchantRef: string;
  providerRef?: string;
  /** Lets a provider without an expiry status (Midtrans Snap before a method is chosen) say "expired". */
  expiresAt?: number;
}

/** The request a callback receiver got, untouched: the exact bytes are needed for signature checks. */
export interface CallbackInput {
  rawBody: Buffer | string;
  headers: Record<string, string | string[] | undefined>;
}

export interface CallbackAck {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A callback whose signature checked out. It is a hint: confirm with getStatus before crediting.
 * `eventKey` is the same for a replayed callback, so the caller can drop duplicates.
 */
export interface CallbackEvent extends PaymentState {
  eventKey: string;
  /** What to answer the provider so it stops retrying. */
  ack: CallbackAck;
}

export interface FeeRate {
  /** Integer rupiah. */
  flat: number;
  /** Percent of the amount (0.7 = 0.7 %). */
  percent: number;
}

export interface PaymentChannel {
  code: string;
  name: string;
  group?: string;
  active: boolean;
  fee?: { merchant?: FeeRate; customer?: FeeRate };
  /** Total fee in rupiah for the amount that was asked about (Duitku). */
  totalFee?: number;
  minAmount?: number;
  maxAmount?: number;
  /** 'provider' = read live from the provider; 'static' = the provider has no list API. */
  source: 'provider' | 'static';
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface PaymentGateway {
  readonly provider: GatewayProvider;
  /**
   * Creates a transaction. Retried only where that cannot create a second one: with an idempotency key
   * the provider honours, or after looking the merchant reference up and finding nothing.
   */
  createPayment(input: CreatePaymentInput, opts?: CallOptions): Promise<CreatedPayment>;
  /** Asks the provider for the current status (retried: a read is always safe). */
  getStatus(query: StatusQuery, opts?: CallOptions): Promise<PaymentState>;
  /** The transaction created under our reference, or null when the provider has none. */
  findByMerchantRef(merchantRef: string, opts?: CallOptions): Promise<PaymentState | null>;
  /** Checks the signature on the raw body and parses it; throws GatewayError 'signature' or 'parse'. */
  verifyCallback(input: CallbackInput): CallbackEvent;
  /** Channels and fees (live where the provider has an API, else the supported list without fees). */
  listChannels(opts?: CallOptions & { amount?: number }): Promise<PaymentChannel[]>;
}
