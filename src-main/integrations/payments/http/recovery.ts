import { GatewayError, isGatewayError } from '../errors';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { Clock } from './clock';

export interface RecoveryOptions<T> {
  /** One create attempt, never retried by the HTTP layer. */
  create: () => Promise<T>;
  /** Looks the merchant reference up (a read, itself retried); null = the provider has nothing. */
  findExisting: () => Promise<T | null>;
  maxAttempts: number;
  clock: Clock;
  backoff?: BackoffOptions;
  random?: () => number;
  signal?: AbortSignal;
}

/**
 * Retries a create for providers without an idempotency key, without ever creating twice: after a
 * failure that may have reached the provider (timeout, 5xx, unreadable answer) it first asks for the
 * merchant reference and returns what it finds; it creates again only when the provider has nothing.
 * A definite refusal (4xx, bad input) is thrown at once. If the provider stays unreachable the last
 * error is thrown, still marked `ambiguous` when a create may have landed.
 */
export async function createWithRecovery<T>(o: RecoveryOptions<T>): Promise<{ value: T; recovered: boolean }> {
  let pending: GatewayError | undefined; // an earlier create that may have landed
  for (let attempt = 1; ; attempt++) {
    try {
      if (pending) {
        const found = await o.findExisting();
        if (found) return { value: found, recovered: true };
      }
      return { value: await o.create(), recovered: false };
    } catch (e) {
      if (!isGatewayError(e)) throw e;
      const ambiguous = e.ambiguous || pending !== undefined;
      if (e.ambiguous) pending = e;
      const transient = e.retryable || (e.kind === 'parse' && e.ambiguous);
      if (!transient || attempt >= o.maxAttempts || o.signal?.aborted) {
        if (ambiguous && !e.ambiguous)
          throw new GatewayError(e.kind, e.message, {
            provider: e.provider,
            operation: e.operation,
            status: e.status,
            providerMessage: e.providerMessage,
            ambiguous: true,
            cause: e,
          });
        throw e;
      }
      await o.clock.sleep(backoffDelay(attempt - 1, o.backoff ?? DEFAULT_BACKOFF, o.random), o.signal);
    }
  }
}
