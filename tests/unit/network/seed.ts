import type { AppContext } from '../../../src-main/core/context';

/** Minimal rows straight in SQL, for tests of modules that do not own these tables' services. */
export function seedRouter(app: AppContext, name = 'Kantor', isolir = 'ISOLIR'): number {
  return Number(
    app.sqlite
      .prepare(
        `INSERT INTO routers(name, host, port, username, password_enc, isolir_profile) VALUES (?, '127.0.0.1', 8728, 'admin', ?, ?)`,
      )
      .run(name, app.secrets.encrypt('secret'), isolir).lastInsertRowid,
  );
}

export function seedCustomer(app: AppContext, code: string, name: string): number {
  return Number(
    app.sqlite
      .prepare(`INSERT INTO customers(customer_code, name, join_date) VALUES (?, ?, '2026-11-01')`)
      .run(code, name).lastInsertRowid,
  );
}

export function seedPackage(app: AppContext, name = 'Home 10M', profile = 'home-10m'): number {
  return Number(
    app.sqlite
      .prepare(
        `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name)
         VALUES (?, 2000, 10000, 150000, 'monthly', 30, ?)`,
      )
      .run(name, profile).lastInsertRowid,
  );
}

export function seedAccount(
  app: AppContext,
  o: {
    customerId: number;
    packageId: number;
    routerId: number | null;
    username: string;
    profile?: string;
    staticIp?: string | null;
  },
): number {
  return Number(
    app.sqlite
      .prepare(
        `INSERT INTO pppoe_accounts(customer_id, internet_package_id, router_id, username, password_enc, static_ip, profile_name)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        o.customerId,
        o.packageId,
        o.routerId,
        o.username,
        app.secrets.encrypt('pw-' + o.username),
        o.staticIp ?? null,
        o.profile ?? 'home-10m',
      ).lastInsertRowid,
  );
}

export interface OpRow {
  id: number;
  kind: string;
  status: string;
  payload: Record<string, unknown>;
  lastError: string | null;
}
export function ops(app: AppContext, routerId?: number): OpRow[] {
  const rows = app.sqlite
    .prepare(
      `SELECT id, kind, status, payload, last_error AS lastError FROM sync_ops ${routerId ? 'WHERE router_id = ?' : ''} ORDER BY id`,
    )
    .all(...(routerId ? [routerId] : [])) as (Omit<OpRow, 'payload'> & { payload: string })[];
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}
