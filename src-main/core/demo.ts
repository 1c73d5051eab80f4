import type { CallContext } from './context';
import { createCustomer } from './customers';
import { createPackage } from './packages';

/** The product description's sample data: 5 packages and 5 customers. Skips anything that already exists. */
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

export const DEMO_CUSTOMERS = [
  { name: 'Budi Santoso', phone: '081234567801', address: 'Jl. Merdeka No. 1, Bandung', status: 'active' },
  { name: 'Siti Nurhaliza', phone: '081234567802', address: 'Jl. Melati No. 12, Bandung', status: 'active' },
  { name: 'Ahmad Wijaya', phone: '081234567803', address: 'Jl. Kenanga No. 7, Cimahi', status: 'active' },
  { name: 'Dewi Sartika', phone: '081234567804', address: 'Jl. Dahlia No. 3, Bandung', status: 'suspended' },
  { name: 'Rini Susanti', phone: '081234567805', address: 'Jl. Anggrek No. 21, Soreang', status: 'active' },
] as const;

export function loadDemoData(call: CallContext): { packages: number; customers: number } {
  const { sqlite } = call.app;
  return sqlite.transaction(() => {
    let packages = 0;
    let customers = 0;
    const pkgExists = sqlite.prepare('SELECT 1 FROM internet_packages WHERE name = ? COLLATE NOCASE');
    for (const p of DEMO_PACKAGES) {
      if (pkgExists.get(p.name)) continue;
      createPackage(call, {
        name: p.name,
        bandwidthUp: p.up,
        bandwidthDown: p.down,
        price: p.price,
        billingCycle: 'monthly',
        features: [...p.features],
        description: null,
        ipPool: null,
      });
      packages++;
    }
    const custExists = sqlite.prepare('SELECT 1 FROM customers WHERE name = ? AND phone = ?');
    for (const c of DEMO_CUSTOMERS) {
      if (custExists.get(c.name, c.phone)) continue;
      createCustomer(call, { name: c.name, phone: c.phone, address: c.address, status: c.status });
      customers++;
    }
    return { packages, customers };
  })();
}
