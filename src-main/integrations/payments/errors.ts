import type { GatewayProvider } from './types';

/**
 * Why a gateway call failed. The wiring layer maps the kind to a translated sentence; `message` is
 * technical English with secrets scrubbed.
 * - network, timeout, server (5xx), rate_limited (429): transient, retried where safe.
 * - auth (401/403), rejected (other 4xx or a refusal in the body), not_found, invalid_input: permanent.
 * - parse: the answer was not what the provider documents. signature: a callback failed its check.
 * - aborted: the caller cancelled (shutdown).
 */
export type GatewayErrorKind =
  | 'network'
  | 'timeout'
  | 'server'
  | 'rate_limited'
  | 'auth'
  | 'rejected'
  | 'not_found'
  | 'invalid_input'
  | 'parse'
  | 'signature'
  | 'aborted';

const RETRYABLE: ReadonlySet<GatewayErrorKind> = new Set(['network', 'timeout', 'server', 'rate_limited']);

export interface GatewayErrorDetails {
  provider?: GatewayProvider;
  operation?: string;
  /** HTTP status, when there was an answer. */
  status?: number;
  /** The provider's own error text (e.g. "Invalid signature"), scrubbed. */
  providerMessage?: string;
  /**
   * A create that may have reached the provider (timeout or 5xx after sending, unreadable success):
   * look the merchant reference up before making a new attempt.
   */
  ambiguous?: boolean;
  /** Milliseconds the provider asked us to wait (Retry-After). */
  retryAfterMs?: number;
  cause?: unknown;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly kind: GatewayErrorKind;
  readonly retryable: boolean;
  readonly provider?: GatewayProvider;
  readonly operation?: string;
  readonly status?: number;
  readonly providerMessage?: string;
  readonly ambiguous: boolean;
  readonly retryAfterMs?: number;

  constructor(kind: GatewayErrorKind, text: string, details: GatewayErrorDetails = {}) {
    super(text, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.retryable = RETRYABLE.has(kind);
    this.provider = details.provider;
    this.operation = details.operation;
    this.status = details.status;
    this.providerMessage = details.providerMessage;
    this.ambiguous = details.ambiguous ?? false;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError;
}

/** The error kind for an HTTP status that is not a success. */
export function kindForStatus(status: number): GatewayErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'rejected';
}
