/**
 * Offline collections: a replayed key credits once and answers the same; a bill paid at the desk before
 * the phone synced sends the money to the deposit (audited); hand-over variance; commission figures.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';
import { commissionFor } from '../../../src-main/core/collectors/commission';
import { newKey, openInvoiceOf, paymentCount, seedCollectors } from './fixtures';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedCollectors>>;
beforeEach(async () => {
  t = await testApp();
  s = await seedCollectors(t);
});
afterEach(() => t.close());

const item = (customerId: number, invoiceId: number, amount: number) => ({
  key: newKey(),
  customerId,
  invoiceId,
  amount,
  collectedAt: '2026-11-24T02:15:00.000Z',
});
const sync = (items: ReturnType<typeof item>[]) => t.ok('collector.sync', { items }, s.collector.token);
const deposit = (customerId: number) =>
  (t.app.ctx.sqlite.prepare('SELECT deposit FROM customers WHERE id = ?').get(customerId) as { deposit: number })
    .deposit;

describe('collector.sync', () => {
  it('a collection replayed twice creates one payment and answers the same payment each time', async () => {
    const c = s.assigned[0];
    const inv = openInvoiceOf(t, c.id);
    const it1 = item(c.id, inv.id, inv.amount);
    const first = await sync([it1]);
    const second = await sync([it1]);
    const third = await sync([it1, it1]);
    expect(first.results[0]).toMatchObject({ status: 'credited', outcome: 'invoices' });
    for (const r of [...second.results, ...third.results])
      expect(r).toMatchObject({ status: 'duplicate', paymentId: first.results[0]!.paymentId, outcome: 'invoices' });
    expect(paymentCount(t, c.id)).toBe(1);
    const inv2 = t.app.ctx.sqlite.prepare('SELECT status, paid_amount AS paid FROM invoices WHERE id = ?').get(inv.id);
    expect(inv2).toEqual({ status: 'paid', paid: inv.amount });
    // No cashier shift: the money is in the collector's bag until the setoran.
    const p = t.app.ctx.sqlite.prepare('SELECT shift_id AS shiftId, method, received_by AS by FROM payments').get();
    expect(p).toEqual({ shiftId: null, method: 'cash', by: s.collector.id });
    const audit = t.app.ctx.sqlite
      .prepare(`SELECT username, reason FROM audit_log WHERE action = 'collector.collect'`)
      .all();
    expect(audit).toEqual([{ username: 'penagih1', reason: 'by collector penagih1' }]);
  });

  it('a replay after the desk took the bill goes to the deposit with an audit note, never doubled', async () => {
    const c = s.assigned[1];
    const inv = openInvoiceOf(t, c.id);
    const offline = item(c.id, inv.id, inv.amount);
    // Meanwhile the customer paid at the office.
    await t.ok('payments.create', { customerId: c.id, invoiceId: inv.id, amount: inv.amount, method: 'cash' });
    const r = await sync([offline]);
    expect(r.results[0]).toMatchObject({ status: 'credited', outcome: 'deposit' });
    expect(deposit(c.id)).toBe(inv.amount);
    expect((await sync([offline])).results[0]).toMatchObject({ status: 'duplicate', outcome: 'deposit' });
    expect(deposit(c.id)).toBe(inv.amount);
    expect(paymentCount(t, c.id)).toBe(2);
    const note = t.app.ctx.sqlite.prepare(`SELECT reason FROM audit_log WHERE action = 'collector.collect'`).get() as {
      reason: string;
    };
    expect(note.reason).toMatch(/to deposit: invoice .* was paid before this collection arrived/);
  });

  it('one refused item in a batch writes nothing and does not stop the others', async () => {
    const [a, b] = s.assigned;
    const d = s.notAssigned[0];
    const r = await sync([
      item(a.id, openInvoiceOf(t, a.id).id, 100_000),
      item(d.id, openInvoiceOf(t, d.id).id, 100_000),
      item(b.id, openInvoiceOf(t, b.id).id, 100_000),
    ]);
    expect(r.results.map((x) => x.status)).toEqual(['credited', 'rejected', 'credited']);
    expect([paymentCount(t, a.id), paymentCount(t, d.id), paymentCount(t, b.id)]).toEqual([1, 0, 1]);
    const keys = t.app.ctx.sqlite.prepare('SELECT customer_id AS c FROM collector_collections ORDER BY id').all();
    expect(keys).toEqual([{ c: a.id }, { c: b.id }]);
  });

  it('a key used by another collector is refused, the first payment stays', async () => {
    const c = s.assigned[0];
    const inv = openInvoiceOf(t, c.id);
    const it1 = item(c.id, inv.id, 50_000);
    await sync([it1]);
    const r = await t.ok('collector.sync', { items: [{ ...it1, customerId: s.notAssigned[0].id }] }, s.other.token);
    expect(r.results[0]).toMatchObject({ status: 'rejected', error: { code: 'CONFLICT' } });
    expect(paymentCount(t)).toBe(1);
  });
});

describe('collector.visit', () => {
  it('notes "not home" and "promised on a date" (not in the past) and shows the last one on the route', async () => {
    const c = s.assigned[0];
    const past = await t.call(
      'collector.visit',
      { customerId: c.id, kind: 'promised', promisedOn: '2026-11-01' },
      s.collector.token,
    );
    expect(past.ok ? null : past.error.message).toBe('The promised date cannot be in the past');
    const noDate = await t.call('collector.visit', { customerId: c.id, kind: 'promised' }, s.collector.token);
    expect(noDate.ok ? null : noDate.error.issues?.[0]?.path).toBe('promisedOn');
    await t.ok('collector.visit', { customerId: c.id, kind: 'not_home' }, s.collector.token);
    await t.ok(
      'collector.visit',
      { customerId: c.id, kind: 'promised', promisedOn: '2026-11-30', note: 'gajian' },
      s.collector.token,
    );
    const row = (await t.ok('collector.route', {}, s.collector.token)).items.find((i) => i.customerId === c.id);
    expect(row).toMatchObject({ lastVisitKind: 'promised', promisedOn: '2026-11-30' });
    const detail = await t.ok('collector.customer', { customerId: c.id }, s.collector.token);
    expect(detail.visits.map((v) => v.kind)).toEqual(['promised', 'not_home']);
    const audit = t.app.ctx.sqlite
      .prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'collector.visit'`)
      .get();
    expect(audit).toEqual({ n: 2 });
  });
});

describe('setoran and commission', () => {
  it('records the counted cash against the collections since the last hand-over, with the variance', async () => {
    const [a, b] = s.assigned;
    await sync([item(a.id, openInvoiceOf(t, a.id).id, 100_000), item(b.id, openInvoiceOf(t, b.id).id, 250_000)]);
    const [pending] = (await t.ok('collectors.pending', {})).filter((p) => p.collectorId === s.collector.id);
    expect(pending!.unsettled).toEqual({ count: 2, total: 350_000 });

    const noNote = await t.call('collectors.settle', {
      collectorId: s.collector.id,
      expected: 350_000,
      counted: 340_000,
    });
    expect(noNote.ok ? null : noNote.error.code).toBe('BAD_INPUT');
    const stale = await t.call('collectors.settle', {
      collectorId: s.collector.id,
      expected: 100_000,
      counted: 100_000,
    });
    expect(stale.ok ? null : stale.error.code).toBe('CONFLICT');

    const done = await t.ok('collectors.settle', {
      collectorId: s.collector.id,
      expected: 350_000,
      counted: 340_000,
      note: 'kurang 10 ribu',
    });
    expect(done).toMatchObject({ expected: 350_000, counted: 340_000, variance: -10_000, collections: 2 });
    // The next hand-over starts from zero; a new collection counts into it.
    await sync([item(s.assigned[2].id, openInvoiceOf(t, s.assigned[2].id).id, 250_000)]);
    const next = await t.ok('collectors.settle', { collectorId: s.collector.id, expected: 250_000, counted: 250_000 });
    expect(next).toMatchObject({ variance: 0, collections: 1 });
    const list = await t.ok('collectors.settlements', { collectorId: s.collector.id });
    expect(list.map((x) => x.variance)).toEqual([0, -10_000]);
  });

  it('commission: flat per payment or basis points rounded half up, in the monthly report and its export', async () => {
    expect(commissionFor({ kind: 'percent', value: 250 }, 12_345)).toBe(309); // 308.625 → 309
    expect(commissionFor({ kind: 'percent', value: 250 }, 12_340)).toBe(309); // 308.5 → 309 (half up)
    expect(commissionFor({ kind: 'percent', value: 250 }, 12_300)).toBe(308); // 307.5 → 308
    expect(commissionFor({ kind: 'percent', value: 250 }, 12_299)).toBe(307); // 307.475 → 307
    expect(commissionFor({ kind: 'flat', value: 2_000 }, 12_345)).toBe(2_000);
    expect(commissionFor(null, 12_345)).toBe(0);

    await t.ok('collectors.setCommission', { collectorId: s.collector.id, kind: 'percent', value: 250 });
    await t.ok('collectors.setCommission', { collectorId: s.other.id, kind: 'flat', value: 2_000 });
    const [a, b] = s.assigned;
    await sync([item(a.id, openInvoiceOf(t, a.id).id, 12_345), item(b.id, openInvoiceOf(t, b.id).id, 250_000)]);
    const d = s.notAssigned[0];
    await t.ok(
      'collector.sync',
      { items: [item(d.id, openInvoiceOf(t, d.id).id, 100_000), item(d.id, openInvoiceOf(t, d.id).id, 50_000)] },
      s.other.token,
    );
    const report = await t.ok('collectors.commission', { month: '2026-11' });
    expect(report.rows).toEqual([
      expect.objectContaining({
        collectorName: 'Budi Penagih',
        payments: 2,
        collected: 262_345,
        commission: 309 + 6_250,
      }),
      expect.objectContaining({ collectorName: 'Sari Penagih', payments: 2, collected: 150_000, commission: 4_000 }),
    ]);
    expect(report.totals).toMatchObject({ payments: 4, collected: 412_345, commission: 10_559 });
    expect((await t.ok('collectors.commission', { month: '2026-12' })).rows).toEqual([]);

    const file = await t.ok('collectors.commissionExport', { month: '2026-11' });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([undefined, 'Budi Penagih', 2, 262_345, 6_559, 0, 0]);
    expect(ws.getRow(4).getCell(4).value).toBe(10_559);
  });
});
