import fs from 'node:fs';
import { createApp } from '../../src-main/app';
import { silentLogger } from '../../src-main/logging/logger';
import { testApp, tempDir, testKeyStore, MIGRATIONS } from '../helpers/app';
import { ms, percentile, timeAsync, timeSync, type BenchSuite } from './harness';
import type { Sqlite } from '../../src-main/db/open';
import { CUSTOMER_SEARCHES } from './desk-queries';

const FIRST = [
  'Budi',
  'Siti',
  'Ahmad',
  'Dewi',
  'Rini',
  'Agus',
  'Sri',
  'Joko',
  'Wati',
  'Eko',
  'Yanti',
  'Dedi',
  'Rina',
  'Hendra',
  'Nur',
];
const LAST = [
  'Santoso',
  'Nurhaliza',
  'Wijaya',
  'Sartika',
  'Susanti',
  'Pratama',
  'Saputra',
  'Hidayat',
  'Kusuma',
  'Lestari',
  'Gunawan',
];

/** Inserts n customers straight into SQLite (set-up only; the measured path is dispatch). */
export function seedCustomers(sqlite: Sqlite, n: number) {
  const ins = sqlite.prepare(
    `INSERT INTO customers(customer_code, name, address, phone, email, id_card, status, join_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`;
      ins.run(
        `CUST${String(i).padStart(5, '0')}`,
        name,
        `Jl. Mawar No. ${i % 200}, RT ${i % 20}`,
        `08${String(1_000_000_000 + i * 37).slice(0, 10)}`,
        i % 3 === 0 ? `user${i}@mail.id` : null,
        i % 2 === 0 ? String(3_200_000_000_000_000 + i) : null,
        i % 17 === 0 ? 'suspended' : i % 11 === 0 ? 'inactive' : 'active',
        `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      );
    }
    sqlite.prepare("INSERT INTO sequences(name, value) VALUES ('customer_code:CUST', ?)").run(n);
  })();
}

export const platformSuite: BenchSuite = {
  id: 'platform',
  title: 'Platform: customers on 50,000 rows, cold start',
  notes:
    'Searches go through `dispatch` (session check, zod validation of input and output) exactly as the UI calls them: a mix of name fragments, codes, phone digits, e-mail fragments, with and without a status filter, pages of 25.',
  scalable: true,
  async run(scale) {
    const t = await testApp();
    seedCustomers(t.app.ctx.sqlite, scale ?? 50_000);
    t.app.ctx.sqlite.pragma('optimize');
    const queries = CUSTOMER_SEARCHES;
    const statuses = [undefined, 'active', 'suspended'] as const;
    for (let i = 0; i < 50; i++) await t.ok('customers.list', { search: queries[i % queries.length] }); // warm-up
    const search: number[] = [];
    for (let i = 0; i < 600; i++) {
      const q = queries[i % queries.length];
      const status = statuses[i % 3];
      const { ms: took } = await timeAsync(() =>
        t.ok('customers.list', { search: q, status, page: 1 + (i % 3), pageSize: 25 }),
      );
      search.push(took);
    }
    // The cash desk's lookup on the same customers, each with a PPPoE account (open invoices: billing suite).
    const db = t.app.ctx.sqlite;
    db.prepare(
      `INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name)
       VALUES ('Paket 1', 1024, 2048, 100000, 'monthly', 30, 'P1')`,
    ).run();
    db.prepare(
      `INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name)
       SELECT id, 1, 'pel' || id, 'x', 'P1' FROM customers`,
    ).run();
    const desk = ['budi', 'santoso', 'CUST00420', '0812', 'pel4711', 'wati lest', 'hendra', 'nur', 'rt 7', 'x'];
    for (const query of desk) await t.ok('cashdesk.lookup', { query });
    const lookup: number[] = [];
    for (let i = 0; i < 300; i++)
      lookup.push((await timeAsync(() => t.ok('cashdesk.lookup', { query: desk[i % desk.length] }))).ms);
    const create: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const { ms: took } = await timeAsync(() =>
        t.ok('customers.create', { name: `Pelanggan Baru ${i}`, phone: `0813${String(i).padStart(8, '0')}` }),
      );
      create.push(took);
    }
    t.close();

    // Cold start: open + migrate a fresh database, then reopen an existing one.
    const dir = tempDir();
    const fresh = timeSync(() =>
      createApp({ dataDir: dir, migrationsFolder: MIGRATIONS, logger: silentLogger, ...testKeyStore(dir) }),
    );
    fresh.value.close();
    const again = timeSync(() =>
      createApp({ dataDir: dir, migrationsFolder: MIGRATIONS, logger: silentLogger, ...testKeyStore(dir) }),
    );
    again.value.close();
    fs.rmSync(dir, { recursive: true, force: true });

    const p95 = percentile(search, 95);
    const c99 = percentile(create, 99);
    return [
      { name: 'customers.list search p50', value: ms(percentile(search, 50)) },
      { name: 'customers.list search p95', value: ms(p95), target: '≤ 5 ms', pass: p95 <= 5 },
      { name: 'customers.list search p99', value: ms(percentile(search, 99)) },
      { name: 'cashdesk.lookup p50 (customers and PPPoE usernames)', value: ms(percentile(lookup, 50)) },
      {
        name: 'cashdesk.lookup p95 (customers and PPPoE usernames)',
        value: ms(percentile(lookup, 95)),
        target: '≤ 5 ms',
        pass: percentile(lookup, 95) <= 5,
      },
      { name: 'customers.create p99', value: ms(c99), target: '≤ 5 ms', pass: c99 <= 5 },
      {
        name: 'cold start, new database (open + migrate)',
        value: ms(fresh.ms),
        target: '≤ 1000 ms',
        pass: fresh.ms <= 1000,
      },
      { name: 'cold start, existing database', value: ms(again.ms), target: '≤ 1000 ms', pass: again.ms <= 1000 },
    ];
  },
};
