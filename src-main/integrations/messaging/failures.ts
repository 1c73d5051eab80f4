/**
 * Building and classifying channel failures: HTTP statuses, socket errors, Retry-After, and scrubbing
 * secrets out of anything that goes into a failure's detail or a log line.
 */
import { redactText } from '../../logging/logger';
import type { ChannelFailure, FailureReason } from './types';

type FailureInit = Partial<Omit<ChannelFailure, 'reason' | 'detail'>> & { reason: FailureReason; detail: string };

/** Default retry/scope per reason; callers override where the provider says more. */
const DEFAULTS: Record<FailureReason, Pick<ChannelFailure, 'retryable' | 'scope'>> = {
  network: { retryable: true, scope: 'channel' },
  timeout: { retryable: true, scope: 'channel' },
  server_error: { retryable: true, scope: 'channel' },
  rate_limited: { retryable: true, scope: 'channel' },
  device_offline: { retryable: true, scope: 'channel' },
  invalid_recipient: { retryable: false, scope: 'message' },
  recipient_gone: { retryable: false, scope: 'message' },
  auth: { retryable: false, scope: 'channel' },
  quota: { retryable: false, scope: 'channel' },
  template_rejected: { retryable: false, scope: 'message' },
  message_rejected: { retryable: false, scope: 'message' },
  config: { retryable: false, scope: 'channel' },
  bad_response: { retryable: true, scope: 'message' },
};

export function failure(init: FailureInit): ChannelFailure {
  const d = DEFAULTS[init.reason];
  return {
    retryable: d.retryable,
    scope: d.scope,
    maybeAccepted: false,
    ...init,
  };
}

/** Removes the configured secrets (tokens, passwords) and secret-looking text from a string. */
export function scrub(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  return redactText(out).slice(0, 500);
}

/** `Retry-After` in seconds or as an HTTP date → milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A generic classification of an HTTP status when the provider's body says nothing we recognise. */
export function failureFromHttpStatus(status: number, detail: string, retryAfter?: string | null): ChannelFailure {
  if (status === 401 || status === 403) return failure({ reason: 'auth', httpStatus: status, detail });
  if (status === 408) return failure({ reason: 'timeout', httpStatus: status, detail });
  if (status === 429)
    return failure({ reason: 'rate_limited', httpStatus: status, detail, retryAfterMs: parseRetryAfter(retryAfter) });
  if (status >= 500)
    return failure({
      reason: 'server_error',
      httpStatus: status,
      detail,
      // A gateway timeout may hide an upstream that did the work; a plain 500/502/503 did not.
      maybeAccepted: status === 504,
      retryAfterMs: parseRetryAfter(retryAfter),
    });
  // A redirect or an unknown path means the configured base URL is wrong: every message would fail.
  if ((status >= 300 && status < 400) || status === 404 || status === 405)
    return failure({ reason: 'config', httpStatus: status, detail });
  return failure({ reason: 'message_rejected', httpStatus: status, detail });
}

/** Socket error codes raised before any byte of the request left: the provider cannot have it. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
  }
  return String(err);
}

/** Classifies a thrown network error (fetch, https, net). */
export function failureFromError(err: unknown, secrets: ReadonlyArray<string | undefined>): ChannelFailure {
  const code = errorCode(err);
  const name = err instanceof Error ? err.name : '';
  const detail = scrub(code ? `${code} ${errorText(err)}` : errorText(err), secrets);
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT')
    // We cannot know whether the provider got the request before the deadline.
    return failure({ reason: 'timeout', detail, maybeAccepted: true });
  if (code && CONNECT_CODES.has(code)) {
    const tls = code.includes('CERT') || code.includes('SIGNED') || code.includes('ALTNAME');
    return tls
      ? failure({ reason: 'config', detail, providerCode: code })
      : failure({ reason: 'network', detail, providerCode: code });
  }
  // Reset / closed mid-request: the request may have been processed.
  return failure({ reason: 'network', detail, providerCode: code, maybeAccepted: true });
}
