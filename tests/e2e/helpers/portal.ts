import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { expect, type Page } from '@playwright/test';
import { openDatabaseFile } from '../../../src-main/db/encryption/cipher';
import type { FakeGateway } from '../../fakes/gateways';
import { fakeGatewaySettings } from '../../fakes/gateways/app-settings';
import { ADMIN, startHost, type Host } from './host';

/** A host with the customer portal on, the admin's API and the database, for the portal's specs. */
export interface PortalRig {
  host: Host;
  portalUrl: string;
  api<T>(channel: string, input: unknown): Promise<T>;
  sql<T>(fn: (db: Database.Database) => T): T;
  stop(): Promise<void>;
}

export async function portalRig(env: Record<string, string> = {}): Promise<PortalRig> {
  const host = await startHost({ portal: true, env });
  const r = await fetch(`${host.url}/api/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const admin = ((await r.json()) as { value: { token: string } }).value.token;
  return {
    host,
    portalUrl: host.portalUrl!,
    async api<T>(channel: string, input: unknown): Promise<T> {
      const res = await fetch(`${host.url}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
      if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
      return body.value;
    },
    sql<T>(fn: (db: Database.Database) => T): T {
      const key = Buffer.from(fs.readFileSync(host.keyFile, 'utf8').trim(), 'hex');
      const db = openDatabaseFile(host.dbFile, { key });
      db.pragma('busy_timeout = 5000');
      try {
        return fn(db);
      } finally {
        db.close();
      }
    },
    stop: () => host.stop(),
  };
}

/** Turns Tripay on against its local simulator with the given methods. */
export async function enableTripay(rig: PortalRig, fake: FakeGateway, methods: string[]) {
  await rig.api('gateways.save', fakeGatewaySettings('tripay', fake, methods));
}

/** A customer with a package, a subscription billed from `startDate` and a portal password. */
export async function billedCustomer(rig: PortalRig, name: string, price = 175_000, startDate = '2026-01-01') {
  const pkg = await rig.api<{ id: number }>('packages.create', {
    name: `Paket ${name}`,
    bandwidthUp: 10240,
    bandwidthDown: 20480,
    price,
    billingCycle: 'monthly',
  });
  const c = await rig.api<{ id: number; customerCode: string }>('customers.create', { name, phone: '081355556666' });
  await rig.api('subscriptions.create', { customerId: c.id, internetPackageId: pkg.id, startDate, billingDay: 1 });
  const { password } = await rig.api<{ password: string }>('customers.resetPortalPassword', { customerId: c.id });
  return { id: c.id, code: c.customerCode, password, packageId: pkg.id };
}

export async function signInPortal(page: Page, rig: PortalRig, who: { code: string; password: string }) {
  await page.goto(rig.portalUrl);
  await page.getByTestId('portal-login').fill(who.code);
  await page.getByTestId('portal-password').fill(who.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByTestId('portal-bill')).toBeVisible();
}
