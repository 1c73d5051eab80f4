import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src-shared/contract';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBrandWorld, type BrandWorld } from './reports-fixture';

/*
 * Issue 18 "the owner sees reports per brand and consolidated, with a brand filter on every report and
 * export": every report and the dashboard, per brand (figures worked out by hand from the fixture), the
 * brands adding up to the consolidated figures, and a user limited to Alfa seeing Alfa's alone.
 */
let t: TestApp;
let w: BrandWorld;
beforeAll(async () => {
  t = await testApp();
  w = await seedBrandWorld(t);
});
afterAll(() => t?.close());

const YEAR = { from: '2026-01-01', to: '2026-12-31' };
/** Every brand-filtered read: channel and its input without the brand. */
const READS: { channel: Channel; input: Record<string, unknown> }[] = [
  { channel: 'billing.dashboard', input: {} },
  { channel: 'reports.financial', input: { ...YEAR, groupBy: 'year' } },
  { channel: 'reports.aging', input: {} },
  { channel: 'reports.customers', input: { from: '2026-01-01', to: '2026-11-30' } },
  { channel: 'reports.forecast', input: { months: 3 } },
  { channel: 'reports.bandwidth', input: { from: '2026-11-01', to: '2026-11-30', groupBy: 'month' } },
];
const read = (channel: Channel, input: Record<string, unknown>, token?: string) =>
  t.ok(channel, input as never, token) as Promise<Record<string, unknown>>;

describe('every report per brand, from the hand-computed fixture', () => {
  it('financial: invoiced, collected, voided, outstanding, refunded per brand', async () => {
    const totals = async (brandId?: number) =>
      (await t.ok('reports.financial', { ...YEAR, groupBy: 'year', ...(brandId ? { brandId } : {}) })).totals;
    // Alfa: 2 × 100,000 invoiced (the 150,000 one voided), 100,000 paid (a 30,000 payment voided).
    expect(await totals(1)).toEqual({
      invoiced: 200_000,
      collected: 100_000,
      voided: 150_000,
      outstanding: 100_000,
      payments: 1,
      refunded: 0,
      refunds: 0,
    });
    // Beta: 2 × 250,000 paid with 600,000 (100,000 to deposit, 40,000 of it refunded), a third one open.
    expect(await totals(w.beta)).toEqual({
      invoiced: 750_000,
      collected: 600_000,
      voided: 0,
      outstanding: 250_000,
      payments: 1,
      refunded: 40_000,
      refunds: 1,
    });
    const beta = await t.ok('reports.financial', { ...YEAR, groupBy: 'year', brandId: w.beta });
    expect(beta.brandId).toBe(w.beta);
    expect(beta.byMethod).toEqual([{ method: 'cash', count: 1, amount: 600_000 }]);
    expect(beta.refundsByMethod).toEqual([{ method: 'cash', count: 1, amount: 40_000 }]);
  });

  it('dashboard: today, month, open and overdue money, customers, routers and alerts per brand', async () => {
    const alfa = await t.ok('billing.dashboard', { brandId: 1 });
    expect(alfa).toMatchObject({
      brandId: 1,
      collectedToday: 100_000,
      collectedMonth: 100_000,
      invoicedMonth: 100_000,
      outstanding: { invoices: 1, amount: 100_000 },
      overdue: { invoices: 1, amount: 100_000, customers: 1 },
      customers: { active: 1, isolated: 0, total: 1 },
    });
    expect(alfa.routers.map((r) => [r.name, r.accounts])).toEqual([['Router Alfa', 1]]);
    expect(alfa.alerts.overdueInvoices.map((i) => i.customerName)).toEqual(['Pelanggan Alfa']);
    expect(alfa.alerts.expiringAccounts.map((a) => a.username)).toEqual(['user-alfa']);
    expect(alfa.trend.at(-1)).toEqual({ date: '2026-11-24', collected: 100_000 });
    const beta = await t.ok('billing.dashboard', { brandId: w.beta });
    expect(beta).toMatchObject({
      collectedToday: 600_000,
      invoicedMonth: 500_000,
      outstanding: { invoices: 1, amount: 250_000 },
      overdue: { invoices: 0, amount: 0, customers: 0 },
      customers: { active: 1, isolated: 1, total: 1 },
    });
    expect(beta.routers.map((r) => r.name)).toEqual(['Router Beta']);
    expect(beta.alerts.expiringAccounts).toEqual([]);
  });

  it('customers, forecast and bandwidth per brand', async () => {
    const cust = await t.ok('reports.customers', { from: '2026-01-01', to: '2026-11-30', brandId: w.beta });
    expect(cust.totals).toMatchObject({ new: 1, churned: 0, net: 1 });
    expect(cust.months.at(-1)).toMatchObject({ period: '2026-11', collected: 600_000, activeAtEnd: 1, arpu: 600_000 });
    expect(cust.byPackage.map((p) => [p.name, p.subscriptions, p.monthlyValue])).toEqual([['Paket Beta', 1, 250_000]]);
    expect(cust.byStatus).toEqual([{ status: 'active', customers: 1 }]);

    const fc = await t.ok('reports.forecast', { months: 3, brandId: 1 });
    expect(fc.months.map((m) => [m.period, m.subscriptions, m.expectedInvoicing])).toEqual([
      ['2026-12', 1, 100_000],
      ['2027-01', 1, 100_000],
      ['2027-02', 1, 100_000],
    ]);
    // Alfa's October invoice (the only one in May–October) is paid: a 100% rate.
    expect(fc.basedOn).toMatchObject({ invoiced: 100_000, collected: 100_000, collectionRate: 1 });

    const bw = await t.ok('reports.bandwidth', { from: '2026-11-01', to: '2026-11-30', groupBy: 'month', brandId: 1 });
    expect(bw.series).toEqual([{ key: '2026-11', bytesIn: 3e9, bytesOut: 1e9 }]);
    expect(bw.samples).toBe(10);
    expect(bw.byRouter.map((r) => r.name)).toEqual(['Router Alfa']);
    expect(bw.byPackage.map((p) => p.name)).toEqual(['Paket Alfa']);
    expect(bw.topUsers.map((u) => u.username)).toEqual(['user-alfa']);
  });
});

/** Every number in a report, by its path (arrays of named rows keyed by their name, so sums can line up). */
function numbers(v: unknown, path = '', out = new Map<string, number>()): Map<string, number> {
  if (typeof v === 'number') out.set(path, v);
  else if (Array.isArray(v))
    v.forEach((x, i) => {
      const o = x as Record<string, unknown>;
      const key = o && typeof o === 'object' ? (o.key ?? o.period ?? o.date ?? o.method ?? o.status ?? i) : i;
      numbers(x, `${path}[${String(key)}]`, out);
    });
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) numbers(x, `${path}.${k}`, out);
  return out;
}

describe('the brands add up to the consolidated figures', () => {
  // Ratios, rates and per-customer lists do not add up; every sum does.
  const ADDITIVE =
    /^\.(collected|invoiced|outstanding|overdue|customers\.|totals\.(invoiced|collected|voided|outstanding|payments|refunded|refunds|new|churned|net)|total$|buckets\[[^\]]+\]\.(amount|invoices|customersTotal|invoiced|collected|voided|outstanding|payments|refunded|refunds)|months\[[^\]]+\]\.(new|churned|net|activeAtStart|activeAtEnd|collected|subscriptions|expectedInvoicing)|series|samples|trend|byMethod|byStatus|refundsByMethod|collectedTodayByMethod|collectedMonthByMethod)/;
  it.each(READS.map((r) => [r.channel, r.input] as const))('%s', async (channel, input) => {
    const all = numbers(await read(channel, input));
    const parts = [
      numbers(await read(channel, { ...input, brandId: 1 })),
      numbers(await read(channel, { ...input, brandId: w.beta })),
    ];
    let checked = 0;
    for (const [path, value] of all) {
      if (!ADDITIVE.test(path)) continue;
      expect((parts[0]!.get(path) ?? 0) + (parts[1]!.get(path) ?? 0), path).toBe(value);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});

describe('a user limited to Alfa', () => {
  it.each(READS.map((r) => [r.channel, r.input] as const))(
    '%s: Alfa alone, and Beta "not found"',
    async (channel, input) => {
      const mine = await read(channel, input, w.limited);
      expect({ ...mine, brandId: 1 }).toEqual(await read(channel, { ...input, brandId: 1 }));
      expect(JSON.stringify(mine)).not.toMatch(/Beta/);
      // The owner's consolidated read does differ: the check above can fail.
      expect(await read(channel, input)).not.toEqual(mine);
      expect(await t.call(channel, { ...input, brandId: w.beta } as never, w.limited)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await t.call(channel, { ...input, brandId: 99 } as never)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    },
  );

  it('auth.me now offers the dashboard and the reports', async () => {
    const me = await t.ok('auth.me', {}, w.limited);
    expect(me.permissions).toEqual(expect.arrayContaining(['dashboard.read', 'reports.read', 'reports.export']));
  });
});

async function sheetText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => out.push(JSON.stringify(row.values))));
  return out.join('\n');
}

describe('exports per brand', () => {
  const PARAMS = {
    financial: { ...YEAR, groupBy: 'year' },
    aging: {},
    customers: { from: '2026-01-01', to: '2026-11-30' },
    forecast: { months: 3 },
    bandwidth: { from: '2026-11-01', to: '2026-11-30', groupBy: 'month' },
  } as const;
  it.each(Object.keys(PARAMS) as (keyof typeof PARAMS)[])(
    '%s: the brand chosen is in the header and file name',
    async (report) => {
      const params = { ...PARAMS[report], brandId: w.beta };
      const x = await t.ok('reports.export', { report, params, format: 'xlsx' });
      expect(x.filename).toMatch(/_BETA\.xlsx$/);
      expect(await sheetText(x.base64)).toMatch(/Beta Net/);
      const own = await t.ok('reports.export', { report, params: PARAMS[report], format: 'xlsx' }, w.limited);
      expect(own.filename).not.toMatch(/BETA/);
      const text = await sheetText(own.base64);
      expect(text).toMatch(/Alfa Net/);
      expect(text).not.toMatch(/Beta/);
      expect(await t.call('reports.export', { report, params, format: 'pdf' }, w.limited)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    },
  );

  it('the consolidated export of the owner names no brand, and its figures are the sum', async () => {
    const all = await sheetText(
      (await t.ok('reports.export', { report: 'financial', params: PARAMS.financial, format: 'xlsx' })).base64,
    );
    expect(all).not.toMatch(/Beta Net/);
    expect(all).toMatch(/950000/);
  });
});
