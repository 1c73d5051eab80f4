import { randomUUID } from 'node:crypto';
import { testApp } from '../helpers/app';
import { ms, timeAsync, type BenchSuite } from './harness';
import { seedCustomers } from './platform.bench';
import { seedLedger } from './ledger-seed';

const CUSTOMERS = 5_000;
const PAYMENTS = 500;
const BATCH = 100;

export const collectorsSuite: BenchSuite = {
  id: 'collectors',
  title: 'Field collectors: syncing 500 offline collections',
  notes:
    '5,000 customers (or `--scale` customers, each then with ten months of invoices and payments) with one open Rp 150.000 invoice each, the collector assigned by area (a part of the address every customer has). Both figures go through the API dispatch (session, permission, zod in and out) and the same payment service: the baseline is 500 desk cash payments (payments.create, one call each, an open shift); the sync is 500 collections sent as the phone sends them (collector.sync, 5 requests of 100, each payment its own savepoint with its idempotency key, assignment check, commission and audit row, one commit per request). The replay sends the same 500 keys again (all answered as duplicates).',
  scalable: true,
  async run(scale) {
    const t = await testApp();
    try {
      const db = t.app.ctx.sqlite;
      seedCustomers(db, scale ?? CUSTOMERS);
      db.prepare(
        `INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, paid_amount, status)
         SELECT 'INV-' || id, id, '2026-11', '2026-11-01', '2026-11-10', 150000, 0, 'unpaid' FROM customers ORDER BY id`,
      ).run();
      const mismatched = db.prepare('SELECT count(*) AS n FROM invoices WHERE id <> customer_id').get() as {
        n: number;
      };
      if (mismatched.n) throw new Error('seed: invoice ids must equal customer ids');
      // At a chosen size the ledger grows with the customers: ten months of invoices and payments each.
      if (scale) seedLedger(db, scale, 10);
      const countPayments = () => (db.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n;
      const history = countPayments();
      await t.ok('shifts.open', { openingCash: 0 });
      const user = await t.ok('users.create', {
        username: 'penagih-bench',
        fullName: 'Penagih Bench',
        role: 'collector',
        password: 'Jalan-Kaki-Desa-5',
        mustChangePassword: false,
      });
      const { token } = await t.ok('auth.login', { username: 'penagih-bench', password: 'Jalan-Kaki-Desa-5' }, '');
      await t.ok('collectors.assign', { collectorId: user.id, kind: 'area', area: 'Jl. Mawar' });
      await t.ok('collectors.setCommission', { collectorId: user.id, kind: 'percent', value: 250 });

      // Desk customers 1..500, collector customers 501..1000 (each pays its own open invoice).
      const desk = await timeAsync(async () => {
        for (let c = 1; c <= PAYMENTS; c++)
          await t.ok('payments.create', { customerId: c, invoiceId: c, amount: 150_000, method: 'cash' });
      });
      const items = Array.from({ length: PAYMENTS }, (_, i) => ({
        key: randomUUID(),
        customerId: PAYMENTS + 1 + i,
        invoiceId: PAYMENTS + 1 + i,
        amount: 150_000,
        collectedAt: '2026-11-24T02:00:00.000Z',
      }));
      const send = async (expect: string) => {
        for (let i = 0; i < items.length; i += BATCH) {
          const r = await t.ok('collector.sync', { items: items.slice(i, i + BATCH) }, token);
          if (r.results.some((x) => x.status !== expect)) throw new Error(`collector.sync: not all ${expect}`);
        }
      };
      const sync = await timeAsync(() => send('credited'));
      const replay = await timeAsync(() => send('duplicate'));
      const payments = countPayments() - history;
      if (payments !== 2 * PAYMENTS) throw new Error(`expected ${2 * PAYMENTS} payments, found ${payments}`);
      // A fixed 500 payments whatever the size: each figure should stay flat as the data grows.
      return [
        {
          name: `${PAYMENTS} desk cash payments (payments.create, baseline)`,
          value: ms(desk.ms),
          kind: 'interactive',
        },
        {
          name: `Sync ${PAYMENTS} offline collections (collector.sync, ${PAYMENTS / BATCH} × ${BATCH})`,
          value: `${ms(sync.ms)} (${(sync.ms / desk.ms).toFixed(2)}× the desk)`,
          target: '≤ 2,000 ms',
          pass: sync.ms <= 2000,
          kind: 'interactive',
        },
        { name: `Replay of the same ${PAYMENTS} keys (all duplicates)`, value: ms(replay.ms), kind: 'interactive' },
      ];
    } finally {
      t.close();
    }
  },
};
