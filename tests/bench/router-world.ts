/** Set-up shared by the router benches (not measured): the simulator's router and one package, then N customers
 *  with PPPoE accounts written in one transaction. */
import type { Sqlite } from '../../src-main/db/open';
import type { RouterSim } from '../routeros-sim/simulator';
import type { TestApp } from '../helpers/app';

export async function benchRouterAndPackage(t: TestApp, sim: RouterSim) {
  const target = sim.target();
  const router = await t.ok('routers.create', {
    name: 'Bench',
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
  });
  const pkg = await t.ok('packages.create', {
    name: 'Home 10M',
    bandwidthUp: 2000,
    bandwidthDown: 10000,
    price: 150_000,
    billingCycle: 'monthly',
  });
  return { router, pkg };
}

interface Accounts {
  n: number;
  routerId: number;
  packageId: number;
  profileName: string;
  username: (i: number) => string;
  /** The stored (encrypted) password of account i. */
  passwordEnc: (i: number) => string;
  /** Called inside the transaction with each new account's id (e.g. to queue its sync). */
  onAccount?: (accountId: number) => void;
}

export function seedCustomersWithAccounts(db: Sqlite, a: Accounts): void {
  const insC = db.prepare("INSERT INTO customers(customer_code, name, join_date) VALUES (?, ?, '2026-01-01')");
  const insA = db.prepare(
    'INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, profile_name) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = 1; i <= a.n; i++) {
      const c = Number(insC.run(`CUST${String(i).padStart(5, '0')}`, `Pelanggan ${i}`).lastInsertRowid);
      const id = Number(
        insA.run(c, a.packageId, a.routerId, a.username(i), a.passwordEnc(i), a.profileName).lastInsertRowid,
      );
      a.onAccount?.(id);
    }
  })();
}
