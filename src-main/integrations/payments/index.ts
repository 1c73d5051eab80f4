import { DuitkuGateway, type DuitkuConfig } from './duitku/adapter';
import { MidtransGateway, type MidtransConfig } from './midtrans/adapter';
import { TripayGateway, type TripayConfig } from './tripay/adapter';
import type { PaymentGateway } from './types';
import { XenditGateway, type XenditConfig } from './xendit/adapter';

/** Settings of one gateway, as the later settings screen will store them (keys decrypted in memory only). */
export type GatewayConfig =
  | ({ provider: 'tripay' } & TripayConfig)
  | ({ provider: 'midtrans' } & MidtransConfig)
  | ({ provider: 'xendit' } & XenditConfig)
  | ({ provider: 'duitku' } & DuitkuConfig);

export function createGateway(config: GatewayConfig): PaymentGateway {
  switch (config.provider) {
    case 'tripay':
      return new TripayGateway(config);
    case 'midtrans':
      return new MidtransGateway(config);
    case 'xendit':
      return new XenditGateway(config);
    case 'duitku':
      return new DuitkuGateway(config);
  }
}

export * from './types';
export { GatewayError, isGatewayError, type GatewayErrorKind } from './errors';
export { DEFAULT_URLS } from './defaults';
export { realClock, type Clock } from './http/clock';
export { TokenBucket } from './http/rate-limiter';
export type { CallRecord, GatewayHttpOptions } from './http/client';
export * from './poll/policy';
export { runPollCycle, type CheckOutcome, type PollCycleOptions, type PollCycleSummary } from './poll/driver';
export { DuitkuGateway, MidtransGateway, TripayGateway, XenditGateway };
export type { DuitkuConfig, MidtransConfig, TripayConfig, XenditConfig };
