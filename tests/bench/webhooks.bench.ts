/**
 * Webhooks: what the outbox costs a payment (the trigger writing the event and its delivery in the
 * payment's transaction) against the same payments with no endpoint wanting them, in the same run with
 * the two taking turns; and how fast the worker delivers a backlog to a receiver on 127.0.0.1 that
 * checks every signature.
 */
import { WebhookWorker } from '../../src-main/core/webhooks/worker';
import { startReceiver } from '../fakes/webhooks/receiver';
import { testApp } from '../helpers/app';
import { seedLedger } from './ledger-seed';
import { ms, percentile, timeAsync, type BenchRow, type BenchSuite } from './harness';

const CUSTOMERS = 5_000;
const BLOCK = 50;
const BLOCKS = 8;

export const webhooksSuite: BenchSuite = {
  id: 'webhooks',
  title: `Webhooks: outbox cost on payments.create and delivery rate (${CUSTOMERS.toLocaleString('en')} customers)`,
  notes: [
    `payments.create through the API (cash, open shift, paying an open invoice) in ${BLOCKS * 2} alternating blocks of ${BLOCK}:`,
    'with one enabled endpoint wanting payment.created and invoice.paid (the triggers write the event and a delivery row',
    'in the payment transaction) and with that endpoint switched off (the triggers find no one: the same as no endpoint).',
    'Delivery rate: the worker draining that backlog to the fake receiver (tests/fakes/webhooks) on 127.0.0.1, which',
    'verifies every signature; each outcome is its own small commit (synchronous=FULL). At `--scale` that many customers, each with an open invoice and ten months of invoices and payments.',
  ].join(' '),
  scalable: true,
  async run(scale): Promise<BenchRow[]> {
    const customers = scale ?? CUSTOMERS;
    const t = await testApp();
    const rx = await startReceiver();
    try {
      const db = t.app.ctx.sqlite;
      db.exec(`
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${customers})
        INSERT INTO customers(customer_code, name, phone, join_date) SELECT 'W' || i, 'Pelanggan ' || i, '0812' || (1000000 + i), '2026-01-01' FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${customers})
        INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, status)
          SELECT 'INV-W' || i, i, '2026-11', '2026-11-01', '2026-11-20', 150000, 'unpaid' FROM n;
      `);
      // At a chosen size the ledger grows with the customers: ten months of invoices and payments each.
      if (scale) seedLedger(db, customers, 10);
      await t.ok('shifts.open', { openingCash: 0 });
      const made = await t.ok('webhooks.create', { url: rx.url, events: ['payment.created', 'invoice.paid'] });
      rx.secret = made.secret;
      rx.now = () => Math.floor(t.clock.now().getTime() / 1000);
      let customer = 0;
      const pay = () =>
        t.ok('payments.create', { customerId: 1 + (customer++ % customers), amount: 150_000, method: 'cash' });
      for (let i = 0; i < 30; i++) await pay(); // warm-up
      const samples: Record<'on' | 'off', number[]> = { on: [], off: [] };
      // CPU of this process per call: steadier than wall time on a shared machine (fsync waits excluded).
      const cpuMs: Record<'on' | 'off', number> = { on: 0, off: 0 };
      for (let b = 0; b < BLOCKS * 2; b++) {
        const mode = b % 2 === 0 ? 'off' : 'on';
        await t.ok('webhooks.update', { id: made.endpoint.id, enabled: mode === 'on' });
        const cpu = process.cpuUsage();
        for (let i = 0; i < BLOCK; i++) samples[mode].push((await timeAsync(pay)).ms);
        const used = process.cpuUsage(cpu);
        cpuMs[mode] += (used.user + used.system) / 1000;
      }
      const perCall = (mode: 'on' | 'off') => cpuMs[mode] / (BLOCK * BLOCKS);
      const fig = (s: number[]) => `${ms(percentile(s, 50))} / ${ms(percentile(s, 99))}`;
      const p50 = (s: number[]) => percentile(s, 50);

      // Drain the backlog the "on" blocks left (two events per payment).
      await t.ok('webhooks.update', { id: made.endpoint.id, enabled: true });
      const pending = () =>
        (db.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'").get() as { n: number }).n;
      const backlog = pending();
      const worker = new WebhookWorker(t.app.ctx);
      const drained = await timeAsync(
        () =>
          new Promise<void>((resolve) => {
            const again = () => {
              worker.pump(again);
              if (worker.busy === 0) resolve();
            };
            again();
          }),
      );
      await worker.idle();
      const delivered = rx.received.filter((r) => r.verified.ok).length;
      return [
        { name: 'payments.create p50 / p99, no endpoint wants it', value: fig(samples.off) },
        { name: 'payments.create p50 / p99, one endpoint (event + delivery rows)', value: fig(samples.on) },
        {
          name: 'CPU per payments.create, off / on',
          value: `${ms(perCall('off'))} / ${ms(perCall('on'))}`,
        },
        {
          name: 'outbox cost per payment: p50 wall / CPU difference',
          value: `${ms(p50(samples.on) - p50(samples.off))} / ${ms(perCall('on') - perCall('off'))}`,
          // A difference of two noisy figures (it can come out negative): information beside the two rows above.
          kind: 'info',
        },
        {
          name: `deliveries to the fake receiver (${backlog.toLocaleString('en')} backlog, signatures verified)`,
          value: `${((delivered / drained.ms) * 1000).toFixed(0)} /s`,
          pass: delivered === backlog && pending() === 0,
          target: 'all delivered',
        },
      ];
    } finally {
      await rx.close();
      t.close();
    }
  },
};
