/** Test wiring: a fake provider on 127.0.0.1, an adapter pointed at it, and a callback receiver. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../../src-main/logging/logger';
import { createGateway, type GatewayConfig } from '../../../src-main/integrations/payments';
import type { GatewayHttpOptions } from '../../../src-main/integrations/payments/http/client';
import type { CallbackInput, CreatePaymentInput, PaymentGateway } from '../../../src-main/integrations/payments/types';
import { createFake, FakeClock, type FakeGateway, type FakeProvider } from '../../fakes/gateways';

/** A VA-style method each provider knows, and its QRIS method. */
export const METHODS: Record<FakeProvider, { va: string; qris: string }> = {
  tripay: { va: 'BRIVA', qris: 'QRIS' },
  midtrans: { va: 'bri_va', qris: 'qris' },
  xendit: { va: 'BRI', qris: 'QRIS' },
  duitku: { va: 'BR', qris: 'SP' },
};

export interface Subject {
  provider: FakeProvider;
  fake: FakeGateway;
  gateway: PaymentGateway;
  clock: FakeClock;
  logs: string[];
  stop: () => Promise<void>;
}

/** Records every log line as JSON, to prove no secret reaches a log. */
export function recordingLogger(lines: string[]): Logger {
  const add = (level: string) => (msg: string, data?: Record<string, unknown>) =>
    void lines.push(JSON.stringify({ level, msg, data }));
  return { info: add('info'), warn: add('warn'), error: add('error') };
}

/** The adapter config for a fake, with its credentials (optionally overridden, e.g. a wrong key). */
export function configFor(fake: FakeGateway, extra: Record<string, unknown> = {}): GatewayConfig {
  const c = fake.credentials();
  const base = { mode: 'sandbox' as const };
  switch (fake.provider as FakeProvider) {
    case 'tripay':
      return {
        provider: 'tripay',
        ...base,
        merchantCode: c.merchantCode!,
        apiKey: c.apiKey!,
        privateKey: c.privateKey!,
        baseUrl: fake.baseUrl,
        ...extra,
      };
    case 'midtrans':
      return {
        provider: 'midtrans',
        ...base,
        serverKey: c.serverKey!,
        coreBaseUrl: c.coreBaseUrl,
        snapBaseUrl: c.snapBaseUrl,
        ...extra,
      };
    case 'xendit':
      return {
        provider: 'xendit',
        ...base,
        secretKey: c.secretKey!,
        callbackToken: c.callbackToken!,
        baseUrl: fake.baseUrl,
        ...extra,
      };
    case 'duitku':
      return {
        provider: 'duitku',
        ...base,
        merchantCode: c.merchantCode!,
        apiKey: c.apiKey!,
        baseUrl: fake.baseUrl,
        ...extra,
      };
  }
}

export async function startSubject(
  provider: FakeProvider,
  http: Partial<GatewayHttpOptions> = {},
  extra: Record<string, unknown> = {},
): Promise<Subject> {
  const clock = new FakeClock();
  const fake = await createFake(provider, { now: () => clock.now() }).start();
  const logs: string[] = [];
  const gateway = createGateway({
    ...configFor(fake, extra),
    http: {
      clock,
      timeoutMs: 400,
      maxAttempts: 3,
      random: () => 0.5,
      ratePerSecond: 1000,
      logger: recordingLogger(logs),
      ...http,
    },
  } as GatewayConfig);
  return { provider, fake, gateway, clock, logs, stop: () => fake.stop() };
}

let seq = 0;
/** A create request for 150,000 rupiah, expiring in 24 hours on the subject's clock. */
export function paymentInput(s: Subject, overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput {
  seq++;
  return {
    merchantRef: `INV-202611-${String(seq).padStart(5, '0')}-1`,
    amount: 150_000,
    method: METHODS[s.provider].va,
    expiresAt: s.clock.now() + 24 * 3600_000,
    customer: { name: 'Budi Santoso', email: 'budi@example.id', phone: '081234567890' },
    description: 'Internet 20 Mbps November 2026',
    ...overrides,
  };
}

/** A receiver on 127.0.0.1 that keeps each request's exact bytes and headers and answers 200. */
export async function startReceiver() {
  const received: CallbackInput[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ rawBody: Buffer.concat(chunks), headers: { ...req.headers } });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/payments/callback`,
    received,
    last: () => received[received.length - 1]!,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Every secret a fake hands out, to check none leaks into logs or errors. */
export function secretsOf(fake: FakeGateway): string[] {
  const c = fake.credentials();
  return Object.entries(c)
    .filter(([k]) => !/url|merchantCode/i.test(k))
    .flatMap(([, v]) => [v, Buffer.from(`${v}:`).toString('base64')]);
}
