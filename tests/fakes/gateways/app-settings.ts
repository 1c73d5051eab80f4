import type { InputOf } from '../../../src-shared/contract';
import { GATEWAY_CREDENTIALS } from '../../../src-shared/contract/gateway-payments';
import type { FakeGateway } from './base';
import type { FakeProvider } from './index';

/**
 * The `gateways.save` input that turns a provider on against its running fake: sandbox, the given
 * methods, the fee paid by the ISP, a day to pay, callbacks off; `over` changes what a test needs
 * (rate limit, callbacks).
 */
export function fakeGatewaySettings(
  provider: FakeProvider,
  fake: FakeGateway,
  methods: string[],
  over: Partial<InputOf<'gateways.save'>> = {},
): InputOf<'gateways.save'> {
  const c = fake.credentials();
  return {
    provider,
    enabled: true,
    mode: 'sandbox',
    methods,
    feePayer: 'isp',
    baseUrl: fake.baseUrl,
    ratePerSecond: 5,
    alertAfterMinutes: 30,
    expiryHours: 24,
    callbacksEnabled: false,
    credentials: Object.fromEntries(GATEWAY_CREDENTIALS[provider].map((k) => [k, c[k]!])),
    ...over,
  };
}
