/**
 * The message outbox: queuing one billing day's reminders for a 10,000-customer ISP, and the worker's
 * own cost per message (pick, relevance, render, record attempt + outcome) as the outbox grows.
 */
import { scheduleMessages } from '../../src-main/core/messaging/schedule';
import { MessageWorker } from '../../src-main/core/messaging/worker';
import type { Channel } from '../../src-main/integrations/messaging';
import { testApp, type TestApp } from '../helpers/app';
import { ms, timeAsync, timeSync, type BenchRow, type BenchSuite } from './harness';

const DEFAULT_CUSTOMERS = 10_000;
const DEFAULT_SIZES = (process.env.BENCH_OUTBOX_SIZES ?? '10000,100000,1000000').split(',').map(Number);
/** At `--scale` the outbox grows to 100× the customers, but not beyond this (50 million rows would not fit the run). */
const MAX_OUTBOX = 10_000_000;
const DRAINED = 200;

/** A provider that accepts at once: what is left is the worker's own overhead. */
const instantChannel: Channel = {
  provider: 'fonnte',
  kind: 'whatsapp',
  capabilities: {
    lookupByReference: false,
    lookupById: false,
    attachments: false,
    needsTemplate: false,
    maxTextLength: 4096,
    resendCollapses: false,
  },
  send: () => Promise.resolve({ ok: true, providerMessageId: null }),
  lookup: () => Promise.resolve({ kind: 'unsupported' }),
  close: () => Promise.resolve(),
};

async function seed(t: TestApp, customers: number) {
  const db = t.app.ctx.sqlite;
  await t.ok('settings.update', { ispName: 'Net Bench', ispPhone: '0812-1111-2222' });
  await t.ok('messages.saveChannel', {
    channel: 'whatsapp',
    enabled: true,
    settings: { provider: 'fonnte', token: 'x' },
    throttle: { minGapSeconds: 0, maxGapSeconds: 0, dailyCap: null, quietStart: null, quietEnd: null },
  });
  // Set-up (not measured): customers, one open invoice each, all due 3 days after the clock's day.
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${customers})
    INSERT INTO customers(customer_code, name, phone, join_date) SELECT 'B' || i, 'Pelanggan ' || i, '0812' || (1000000 + i), '2026-01-01' FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${customers})
    INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount, status)
      SELECT 'INV-B' || i, i, '2026-11', '2026-11-17', '2026-11-27', 150000, 'unpaid' FROM n;
  `);
}

/** Grows the outbox to `size` rows of sent history (what years of reminders leave behind). */
function grow(t: TestApp, size: number, customers: number) {
  const db = t.app.ctx.sqlite;
  const have = (db.prepare('SELECT COUNT(*) AS n FROM message_outbox').get() as { n: number }).n;
  if (have >= size) return;
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT ${have + 1} UNION ALL SELECT i + 1 FROM n WHERE i < ${size})
    INSERT INTO message_outbox(dedupe_key, kind, channel, customer_id, invoice_id, status, next_attempt_at, attempts, sent_at, created_at, updated_at)
      SELECT 'hist:' || i, 'reminder_final', 'whatsapp', 1 + (i % ${customers}), 1 + (i % ${customers}), 'sent',
             '2025-01-01T00:00:00.000Z', 1, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z' FROM n;
  `);
}

export const messagingSuite: BenchSuite = {
  id: 'messaging',
  title: `Message outbox: ${DEFAULT_CUSTOMERS.toLocaleString('en')} customers, outbox up to ${Math.max(...DEFAULT_SIZES).toLocaleString('en')} rows`,
  notes: [
    `"Queue a billing day" = the daily reminder pass (core/messaging/schedule.ts) queuing the H-3 reminder of ${DEFAULT_CUSTOMERS.toLocaleString('en')} open invoices in one transaction (one INSERT … SELECT with the customers' channel and opt-outs).`,
    `"Worker per message" = the worker draining ${DRAINED} queued reminders through a provider that answers at once (gap 0, no quiet hours): pick from the partial index, relevance and values read fresh, render, attempt recorded and committed, outcome recorded. Measured with the outbox grown with sent history to each size: flat means the pick does not scan history.`,
    `At \`--scale\` that many customers, and the outbox grown to 1×, 10× and 100× the customers (up to ${MAX_OUTBOX.toLocaleString('en')} rows).`,
  ].join(' '),
  scalable: true,
  async run(scale) {
    const customers = scale ?? DEFAULT_CUSTOMERS;
    const sizes = scale ? [1, 10, 100].map((k) => k * scale) : DEFAULT_SIZES;
    const rows: BenchRow[] = [];
    const t = await testApp();
    try {
      await seed(t, customers);
      const q = timeSync(() => scheduleMessages(t.app.ctx));
      const queued = q.value.reduce((s, d) => s + d.queued, 0);
      rows.push({
        name: `queue a billing day (${queued.toLocaleString('en')} H-3 reminders)`,
        value: ms(q.ms),
        target: '≤ 1000 ms',
        pass: q.ms <= 1000 && queued === customers,
        kind: 'batch',
      });
      // Only DRAINED of them stay queued for the worker measurements; the rest are history.
      t.app.ctx.sqlite.exec(
        `UPDATE message_outbox SET status = 'cancelled' WHERE status = 'queued' AND id > ${DRAINED}`,
      );
      const perMessage: number[] = [];
      for (const size of sizes) {
        if (size > MAX_OUTBOX) {
          // Said, not skipped: every size keeps the same rows, so the scale curve compares like with like.
          rows.push({
            name: `worker per message, outbox ${size.toLocaleString('en')} rows`,
            value: 'not measured (too large for this machine)',
          });
          continue;
        }
        grow(t, size, customers);
        t.app.ctx.sqlite.exec(
          `UPDATE message_outbox SET status = 'queued', reason = NULL, attempts = 0 WHERE id <= ${DRAINED}`,
        );
        const w = new MessageWorker(t.app, { channelFor: () => instantChannel, rng: () => 0 });
        const d = await timeAsync(() => w.drain());
        await w.close();
        const per = d.ms / d.value.sent;
        perMessage.push(per);
        rows.push({
          name: `worker per message, outbox ${size.toLocaleString('en')} rows`,
          value: `${per.toFixed(3)} ms (${d.value.sent} sent)`,
        });
      }
      const ratio = Math.max(...perMessage) / Math.min(...perMessage);
      rows.push({
        name: 'worker overhead, largest vs smallest outbox',
        value: `× ${ratio.toFixed(2)}`,
        target: 'flat (≤ × 1.5)',
        pass: ratio <= 1.5,
      });
    } finally {
      t.close();
    }
    return rows;
  },
};
