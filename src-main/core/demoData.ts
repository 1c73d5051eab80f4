/**
 * What the demo data is made of: 5 packages and 8 customers (core/demo.ts loads them, core/demoHistory.ts
 * replays their past).
 */
export const DEMO_PACKAGES = [
  {
    name: 'Paket Starter 2 Mbps',
    up: 1000,
    down: 2000,
    price: 99_000,
    features: ['Unlimited', 'Cocok untuk 1–2 perangkat'],
  },
  { name: 'Paket Home 5 Mbps', up: 2000, down: 5000, price: 150_000, features: ['Unlimited', 'Streaming SD'] },
  { name: 'Paket Home 10 Mbps', up: 5000, down: 10000, price: 250_000, features: ['Unlimited', 'Streaming HD'] },
  {
    name: 'Paket Business 20 Mbps',
    up: 10000,
    down: 20000,
    price: 500_000,
    features: ['Unlimited', 'Prioritas dukungan'],
  },
  {
    name: 'Paket Enterprise 50 Mbps',
    up: 25000,
    down: 50000,
    price: 1_200_000,
    features: ['Unlimited', 'IP statis', 'SLA 99%'],
  },
] as const;

/**
 * How each demo customer pays. `monthsAgo`/`daysAgo` place the start date (and so the billing day) relative
 * to today, so whatever the date the demo shows the same picture: paid on time, a partial payment on a
 * current invoice, a deposit paid at sign-up, a late payer with an overdue invoice who is never isolated,
 * a customer who stopped paying and is isolated and suspended, and a new customer this month.
 */
export type Behaviour = 'onTime' | 'partialLatest' | 'stopped' | 'lateSkipLatest' | 'new';

export interface DemoCustomer {
  name: string;
  phone: string;
  address: string;
  packageName: (typeof DEMO_PACKAGES)[number]['name'];
  monthsAgo: number;
  daysAgo: number;
  method: 'cash' | 'bank_transfer' | 'e_wallet';
  /** Days from invoice date to payment. */
  payAfterDays: number;
  behaviour: Behaviour;
  /** Cash left as a deposit (jaminan) when signing up, before the first invoice. */
  depositAtStart?: number;
  neverIsolate?: boolean;
  notes?: string;
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    name: 'Budi Santoso',
    phone: '081234567801',
    address: 'Jl. Merdeka No. 1, Bandung',
    packageName: 'Paket Home 10 Mbps',
    monthsAgo: 5,
    daysAgo: 8,
    method: 'cash',
    payAfterDays: 2,
    behaviour: 'onTime',
  },
  {
    name: 'Siti Nurhaliza',
    phone: '081234567802',
    address: 'Jl. Melati No. 12, Bandung',
    packageName: 'Paket Home 5 Mbps',
    monthsAgo: 4,
    daysAgo: 4,
    method: 'bank_transfer',
    payAfterDays: 3,
    behaviour: 'partialLatest',
  },
  {
    name: 'Ahmad Wijaya',
    phone: '081234567803',
    address: 'Jl. Kenanga No. 7, Cimahi',
    packageName: 'Paket Business 20 Mbps',
    monthsAgo: 3,
    daysAgo: 12,
    method: 'e_wallet',
    payAfterDays: 1,
    behaviour: 'onTime',
    depositAtStart: 100_000,
    notes: 'Deposit jaminan perangkat Rp 100.000.',
  },
  {
    name: 'Dewi Sartika',
    phone: '081234567804',
    address: 'Jl. Dahlia No. 3, Bandung',
    packageName: 'Paket Home 5 Mbps',
    monthsAgo: 4,
    daysAgo: 10,
    method: 'cash',
    payAfterDays: 4,
    behaviour: 'stopped',
  },
  {
    name: 'Rini Susanti',
    phone: '081234567805',
    address: 'Jl. Anggrek No. 21, Soreang',
    packageName: 'Paket Starter 2 Mbps',
    monthsAgo: 3,
    daysAgo: 20,
    method: 'cash',
    payAfterDays: 14,
    behaviour: 'lateSkipLatest',
    neverIsolate: true,
    notes: 'Pelanggan lama, biasa bayar terlambat: jangan diisolir.',
  },
  {
    name: 'Agus Salim',
    phone: '081234567806',
    address: 'Jl. Cempaka No. 9, Bandung',
    packageName: 'Paket Home 10 Mbps',
    monthsAgo: 2,
    daysAgo: 15,
    method: 'bank_transfer',
    payAfterDays: 1,
    behaviour: 'onTime',
  },
  {
    name: 'Lina Marlina',
    phone: '081234567807',
    address: 'Ruko Sukajadi Blok B2, Bandung',
    packageName: 'Paket Enterprise 50 Mbps',
    monthsAgo: 4,
    daysAgo: 1,
    method: 'bank_transfer',
    payAfterDays: 5,
    behaviour: 'onTime',
  },
  {
    name: 'Joko Susilo',
    phone: '081234567808',
    address: 'Jl. Flamboyan No. 4, Cimahi',
    packageName: 'Paket Home 5 Mbps',
    monthsAgo: 0,
    daysAgo: 0,
    method: 'cash',
    payAfterDays: 0,
    behaviour: 'new',
  },
];
