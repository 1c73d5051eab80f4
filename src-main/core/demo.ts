import { packageIdByName } from '../data/demo.queries';
import { writeAudit } from './audit';
import type { CallContext } from './context';
import { createPackage } from './packages';
import { DEMO_CUSTOMERS, DEMO_PACKAGES } from './demoData';
import { addDemoCustomers, type DemoCounts } from './demoHistory';

/**
 * The demo data: 5 packages and 8 customers with their PPPoE accounts (no router), subscriptions and a
 * few months of invoices and payments, dated relative to today in the ISP zone, so the dashboard and
 * the reports show the product working. Skips whatever already exists, so loading twice adds nothing.
 */
export function loadDemoData(call: CallContext): DemoCounts {
  const { sqlite } = call.app;
  return sqlite
    .transaction(() => {
      let packages = 0;
      for (const p of DEMO_PACKAGES) {
        if (packageIdByName(sqlite, p.name) !== undefined) continue;
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
      const counts = { packages, ...addDemoCustomers(call, DEMO_CUSTOMERS) };
      if (Object.values(counts).some((n) => n > 0))
        writeAudit(call, { action: 'demo.load', entity: 'system', after: counts });
      return counts;
    })
    .immediate();
}
