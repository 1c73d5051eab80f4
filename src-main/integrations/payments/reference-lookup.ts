import type { GatewayHttpClient } from './http/client';
import type { CallOptions, CreatedPayment, PaymentState } from './types';

/**
 * What Tripay and Xendit share: both list transactions by our merchant reference, so one raw look-up
 * serves the create's recovery after a lost answer, `findByMerchantRef`, and a status query made before
 * the provider's own reference is known. Each adapter supplies the look-up and its two mappings.
 */
export abstract class ReferenceLookupGateway {
  abstract readonly http: GatewayHttpClient;

  /** The provider's newest transaction under our reference, as it answered, or null. */
  protected abstract findRaw(merchantRef: string, signal?: AbortSignal): Promise<Record<string, unknown> | null>;
  protected abstract toState(raw: unknown): PaymentState;
  protected abstract toCreated(raw: unknown): CreatedPayment;

  /** Sends a create once; after a failure that may have landed, reads our reference back before sending again. */
  protected createOrRecover(send: () => Promise<unknown>, merchantRef: string, signal?: AbortSignal) {
    return this.http.recoverableCreate({
      create: async () => this.toCreated(await send()),
      findExisting: async () => {
        const found = await this.findRaw(merchantRef, signal);
        return found ? this.toCreated(found) : null;
      },
      signal,
    });
  }

  async findByMerchantRef(merchantRef: string, opts: CallOptions = {}): Promise<PaymentState | null> {
    const found = await this.findRaw(merchantRef, opts.signal);
    return found ? this.toState(found) : null;
  }

  /** The state under our reference, for a status query without the provider's; `noun` names it in the error. */
  protected async requireByMerchantRef(merchantRef: string, opts: CallOptions, noun: string): Promise<PaymentState> {
    const found = await this.findByMerchantRef(merchantRef, opts);
    if (!found) throw this.http.answerError('not_found', undefined, `no ${noun} for ${merchantRef}`);
    return found;
  }
}
