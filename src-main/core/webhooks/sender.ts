/**
 * One HTTP attempt of a delivery: POST the raw JSON body with its signature headers, no redirects
 * followed (a 3xx is a failure, like Stripe and GitHub), the whole attempt bounded by `timeoutMs`.
 * Never throws: every outcome (status, network error, timeout) comes back as a value.
 */
import {
  WEBHOOK_EVENT_ID_HEADER,
  WEBHOOK_EVENT_TYPE_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
} from '../../../src-shared/webhook-events';
import { realTimers, type Timers } from '../../timers';
import { signatureHeader } from './signature';

export interface SendInput {
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  body: string;
  /** Unix seconds for the signature. */
  timestamp: number;
  timeoutMs: number;
  userAgent: string;
}

export type SendOutcome =
  | { ok: true; status: number }
  /** `error` is set when no HTTP answer came (timeout, refused, DNS, TLS); else `status` says it. */
  | { ok: false; status: number | null; error: string | null; retryAfter: string | null };

export async function sendWebhook(input: SendInput, timers: Timers = realTimers): Promise<SendOutcome> {
  const abort = new AbortController();
  const timer = timers.setTimeout(() => abort.abort(), input.timeoutMs);
  try {
    const res = await fetch(input.url, {
      method: 'POST',
      redirect: 'manual',
      signal: abort.signal,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': input.userAgent,
        [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(input.secret, input.timestamp, input.body),
        [WEBHOOK_EVENT_ID_HEADER]: input.eventId,
        [WEBHOOK_EVENT_TYPE_HEADER]: input.eventType,
      },
      body: input.body,
    });
    // The answer's body is not needed; drop it so the socket is freed at once.
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: null, retryAfter: res.headers.get('retry-after') };
  } catch (err) {
    const error = abort.signal.aborted ? `Timed out after ${input.timeoutMs} ms` : networkError(err);
    return { ok: false, status: null, error, retryAfter: null };
  } finally {
    timers.clearTimeout(timer);
  }
}

/** fetch hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, a TLS error…). */
function networkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return (cause?.code ?? cause?.message ?? String(err)).slice(0, 300);
}
