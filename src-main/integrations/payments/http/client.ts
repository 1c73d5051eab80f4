import { redactText, silentLogger, type Logger } from '../../../logging/logger';
import { GatewayError, isGatewayError, kindForStatus, type GatewayErrorKind } from '../errors';
import type { GatewayProvider } from '../types';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { realClock, type Clock } from './clock';
import { TokenBucket } from './rate-limiter';
import { createWithRecovery, type RecoveryOptions } from './recovery';

/** Knobs shared by every gateway adapter. Defaults are conservative; the settings screen may raise them. */
export interface GatewayHttpOptions {
  /** Per-attempt timeout on the wall clock (connect + answer + body). */
  timeoutMs?: number;
  /** Attempts for a retry-safe call, the first included. */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Requests per second to this gateway, shared by every caller of this client. */
  ratePerSecond?: number;
  burst?: number;
  /** Supply a limiter to share one budget between several clients (Midtrans Core + Snap). */
  limiter?: TokenBucket;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  fetch?: typeof fetch;
  /** Health hook: one record per attempt (last success, recent errors). */
  onCall?: (record: CallRecord) => void;
}

export interface CallRecord {
  provider: GatewayProvider;
  operation: string;
  attempt: number;
  ok: boolean;
  status?: number;
  kind?: string;
  durationMs: number;
  at: number;
}

export interface HttpCall {
  /** What the call does, for logs and errors ("create", "status", …). */
  operation: string;
  method: 'GET' | 'POST';
  /** Path below the base URL. */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  body?: string;
  /** 'safe': reads and idempotent writes, retried on transient failures; 'never': one attempt. */
  retry: 'safe' | 'never';
  /** Non-2xx statuses that are answers, not failures (Midtrans 404 on a status read). */
  accept?: (status: number) => boolean;
  /** 2xx statuses that mean "ask again later" (Midtrans 202: the same idempotent call is in progress). */
  retryOn?: (status: number) => boolean;
  signal?: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_ATTEMPTS = 4;
export const DEFAULT_RATE_PER_SECOND = 5;

/** A POST of a JSON body: one attempt unless `more.retry` says repeating it is safe. */
export function jsonPost(operation: string, path: string, body: unknown, more: Partial<HttpCall> = {}): HttpCall {
  return {
    operation,
    method: 'POST',
    path,
    body: JSON.stringify(body),
    retry: 'never',
    ...more,
    headers: { ...more.headers, 'content-type': 'application/json' },
  };
}

/** Joins a base URL and a path without doubling or dropping the slash between them. */
export function joinUrl(base: string, path: string, query?: HttpCall['query']): string {
  const url = new URL(base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, ''));
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/**
 * The HTTP layer every adapter uses: rate limit, per-attempt timeout, the provider's credentials on
 * every request, bounded retries with exponential backoff and jitter for retry-safe calls (and for a
 * create, retries that never create twice), error classification, and no secret in any message or log.
 */
export class GatewayHttpClient {
  readonly limiter: TokenBucket;
  readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly fetchImpl: typeof fetch;
  private readonly secrets: string[];

  constructor(
    readonly provider: GatewayProvider,
    readonly baseUrl: string,
    secrets: string[],
    private readonly opts: GatewayHttpOptions = {},
    /** The Authorization header sent with every request (none where the provider signs the body). */
    private readonly authorization?: string,
  ) {
    this.clock = opts.clock ?? realClock;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.random = opts.random ?? Math.random;
    this.logger = opts.logger ?? silentLogger;
    this.fetchImpl = opts.fetch ?? fetch;
    this.limiter =
      opts.limiter ??
      new TokenBucket({
        ratePerSecond: opts.ratePerSecond ?? DEFAULT_RATE_PER_SECOND,
        burst: Math.max(1, opts.burst ?? opts.ratePerSecond ?? DEFAULT_RATE_PER_SECOND),
        clock: this.clock,
      });
    // Longest first, so a secret containing another is replaced whole.
    this.secrets = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  }

  /** Removes our keys (and their Basic-auth encodings) and secret-looking text from a string. */
  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('[redacted]');
    return redactText(out);
  }

  /**
   * A create for a provider without an idempotency key (http/recovery.ts): retried with this client's
   * attempts, clock and backoff, and only after looking the merchant reference up; `recovered` says
   * which of the two answered.
   */
  async recoverableCreate<T extends { recovered: boolean }>(
    o: Pick<RecoveryOptions<T>, 'create' | 'findExisting' | 'signal'>,
  ): Promise<T> {
    const { value, recovered } = await createWithRecovery({
      ...o,
      maxAttempts: this.maxAttempts,
      clock: this.clock,
      backoff: this.backoff,
      random: this.random,
    });
    return { ...value, recovered };
  }

  /** A refusal the provider wrote in the body of an answer (not its HTTP status); its text scrubbed. */
  refusal(
    operation: string,
    what: string,
    providerMessage: string,
    more: { kind?: GatewayErrorKind; status?: number } = {},
  ): GatewayError {
    return new GatewayError(more.kind ?? 'rejected', `${this.provider} ${operation}: ${what}`, {
      provider: this.provider,
      operation,
      status: more.status,
      providerMessage: this.scrub(providerMessage),
    });
  }

  /** An answer that is not what the provider documents ('parse'), or a lookup that found nothing ('not_found'). */
  answerError(kind: 'parse' | 'not_found', operation: string | undefined, what: string): GatewayError {
    const where = operation ? `${this.provider} ${operation}` : this.provider;
    return new GatewayError(kind, `${where}: ${what}`, { provider: this.provider });
  }

  /** Sends a call, retrying transient failures when the call is retry-safe; throws GatewayError. */
  async send(call: HttpCall): Promise<HttpAnswer> {
    const attempts = call.retry === 'safe' ? this.maxAttempts : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(call, attempt);
      } catch (e) {
        const err = this.toGatewayError(e, call);
        if (!err.retryable || attempt >= attempts || call.signal?.aborted) throw err;
        const delay = Math.max(backoffDelay(attempt - 1, this.backoff, this.random), err.retryAfterMs ?? 0);
        this.logger.warn('payment gateway call failed, retrying', {
          provider: this.provider,
          operation: call.operation,
          attempt,
          kind: err.kind,
          status: err.status,
          retryInMs: delay,
        });
        try {
          await this.clock.sleep(delay, call.signal);
        } catch {
          throw this.aborted(call);
        }
      }
    }
  }

  /** Sends and parses a JSON answer; an unreadable answer is a parse error (ambiguous for a POST). */
  async sendJson<T = unknown>(call: HttpCall): Promise<{ status: number; body: T }> {
    const answer = await this.send(call);
    try {
      return { status: answer.status, body: JSON.parse(answer.text) as T };
    } catch (e) {
      throw new GatewayError('parse', `${this.provider} ${call.operation}: answer is not JSON`, {
        provider: this.provider,
        operation: call.operation,
        status: answer.status,
        ambiguous: call.method === 'POST',
        cause: e,
      });
    }
  }

  private async attempt(call: HttpCall, attempt: number): Promise<HttpAnswer> {
    await this.limiter.acquire(call.signal).catch(() => {
      throw this.aborted(call);
    });
    const started = this.clock.now();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
    const record = (ok: boolean, status?: number, kind?: string) =>
      this.opts.onCall?.({
        provider: this.provider,
        operation: call.operation,
        attempt,
        ok,
        status,
        kind,
        durationMs: this.clock.now() - started,
        at: started,
      });
    let status: number | undefined;
    try {
      const res = await this.fetchImpl(joinUrl(this.baseUrl, call.path, call.query), {
        method: call.method,
        headers: {
          accept: 'application/json',
          ...(this.authorization ? { authorization: this.authorization } : {}),
          ...call.headers,
        },
        body: call.body,
        signal,
        redirect: 'error',
      });
      status = res.status;
      const text = await res.text();
      const ok = (res.ok && !call.retryOn?.(res.status)) || call.accept?.(res.status) === true;
      if (!ok) throw this.statusError(call, res, text);
      record(true, res.status);
      return { status: res.status, headers: res.headers, text };
    } catch (e) {
      const err = isGatewayError(e) ? e : this.transportError(e, call, timeout);
      record(false, status, err.kind);
      if (err.kind === 'rate_limited' && err.retryAfterMs) this.limiter.pauseUntil(this.clock.now() + err.retryAfterMs);
      throw err;
    }
  }

  private statusError(call: HttpCall, res: Response, text: string): GatewayError {
    const inProgress = call.retryOn?.(res.status) === true;
    const kind = inProgress ? 'server' : kindForStatus(res.status);
    const retryAfter = Number(res.headers.get('retry-after'));
    return new GatewayError(kind, `${this.provider} ${call.operation}: HTTP ${res.status}`, {
      provider: this.provider,
      operation: call.operation,
      status: res.status,
      providerMessage: this.scrub(providerText(text)),
      ambiguous: call.method === 'POST' && (kind === 'server' || kind === 'timeout'),
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 300_000) : undefined,
    });
  }

  private transportError(e: unknown, call: HttpCall, timeout: AbortSignal): GatewayError {
    if (call.signal?.aborted) return this.aborted(call);
    const base = { provider: this.provider, operation: call.operation };
    if (timeout.aborted)
      return new GatewayError('timeout', `${this.provider} ${call.operation}: no answer within ${this.timeoutMs} ms`, {
        ...base,
        ambiguous: call.method === 'POST',
      });
    const code = errorCode(e);
    // A refused connection never reached the provider, so even a create is unambiguous.
    return new GatewayError('network', `${this.provider} ${call.operation}: ${code ?? 'network error'}`, {
      ...base,
      ambiguous: call.method === 'POST' && code !== 'ECONNREFUSED' && code !== 'ENOTFOUND',
      cause: e,
    });
  }

  private toGatewayError(e: unknown, call: HttpCall): GatewayError {
    if (isGatewayError(e)) return e;
    return new GatewayError('network', `${this.provider} ${call.operation}: ${this.scrub(String(e))}`, {
      provider: this.provider,
      operation: call.operation,
    });
  }

  private aborted(call: HttpCall): GatewayError {
    return new GatewayError('aborted', `${this.provider} ${call.operation}: cancelled`, {
      provider: this.provider,
      operation: call.operation,
    });
  }
}

/** The provider's error sentence from a JSON error body, else the start of the text. */
function providerText(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const list = body.error_messages;
    const candidate =
      body.message ?? body.Message ?? body.status_message ?? body.statusMessage ?? (Array.isArray(list) ? list[0] : '');
    if (typeof candidate === 'string' && candidate) return candidate.slice(0, 300);
  } catch {
    // not JSON
  }
  return text.slice(0, 300);
}

function errorCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}
