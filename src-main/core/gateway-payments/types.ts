import type { z } from 'zod';
import type { gatewayPaymentsContract } from '../../../src-shared/contract/gateway-payments';

type G = typeof gatewayPaymentsContract;
/** The parsed input of a gateway-payments channel. */
export type In<K extends keyof G> = z.output<G[K]['input']>;
