import type { FakeGateway, FakeOptions } from './base';
import { DuitkuFake } from './duitku-fake';
import { MidtransFake } from './midtrans-fake';
import { TripayFake } from './tripay-fake';
import { XenditFake } from './xendit-fake';

export type FakeProvider = 'tripay' | 'midtrans' | 'xendit' | 'duitku';
export const FAKE_PROVIDERS: FakeProvider[] = ['tripay', 'midtrans', 'xendit', 'duitku'];

export function createFake(provider: FakeProvider, opts?: FakeOptions): FakeGateway {
  switch (provider) {
    case 'tripay':
      return new TripayFake(opts);
    case 'midtrans':
      return new MidtransFake(opts);
    case 'xendit':
      return new XenditFake(opts);
    case 'duitku':
      return new DuitkuFake(opts);
  }
}

export { DuitkuFake, MidtransFake, TripayFake, XenditFake };
export * from './base';
export { FakeClock } from './fake-clock';
