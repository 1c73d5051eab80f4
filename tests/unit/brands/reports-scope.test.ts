import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';

/*
 * Issue 18: a brand filter on the aging report and its export, and a user limited to a brand never
 * sees another brand's figures, with or without the filter (every other report: reports-per-brand).
 */
let t: TestApp;
let limited = '';
let beta = 0;

async function sheetText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => out.push(JSON.stringify(row.values))));
  return out.join('\n');
}

beforeAll(async () => {
  t = await testApp();
  await t.ok('settings.update', { ispName: 'Alfa Net' });
  beta = (await t.ok('brands.create', { name: 'Beta Net', invoicePrefix: 'BETA', address: 'Jl. Beta' })).id;
  for (const [brandId, word, price] of [
    [1, 'Alfa', 100_000],
    [beta, 'Beta', 250_000],
  ] as const) {
    const pkg = await t.ok('packages.create', {
      name: `Paket ${word}`,
      bandwidthUp: 1024,
      bandwidthDown: 2048,
      price,
      billingCycle: 'monthly',
      brandId,
    });
    const c = await t.ok('customers.create', { name: `Pelanggan ${word}`, brandId });
    await t.ok('subscriptions.create', {
      customerId: c.id,
      internetPackageId: pkg.id,
      startDate: '2026-10-01',
      billingDay: 1,
    });
  }
  await t.ok('billing.generateInvoices', { period: '2026-10' });
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  const user = await t.ok('users.create', {
    username: 'manajer-alfa',
    fullName: 'Manajer Alfa',
    role: 'manager',
    password: 'Rahasia-Alfa-1',
    mustChangePassword: false,
  });
  await t.ok('brands.setUserBrands', { userId: user.id, brandIds: [1] });
  limited = (await t.ok('auth.login', { username: 'manajer-alfa', password: 'Rahasia-Alfa-1' })).token;
});
afterAll(() => t?.close());

const names = (r: { buckets: { customers: { name: string }[] }[] }) =>
  [...new Set(r.buckets.flatMap((b) => b.customers.map((c) => c.name)))].sort();

describe('aging report per brand', () => {
  it('the owner sees every brand, or one brand with the filter; the parts add up to the whole', async () => {
    const all = await t.ok('reports.aging', {});
    const alfa = await t.ok('reports.aging', { brandId: 1 });
    const betaOnly = await t.ok('reports.aging', { brandId: beta });
    expect(names(all)).toEqual(['Pelanggan Alfa', 'Pelanggan Beta']);
    expect(names(alfa)).toEqual(['Pelanggan Alfa']);
    expect(names(betaOnly)).toEqual(['Pelanggan Beta']);
    expect(alfa.total + betaOnly.total).toBe(all.total);
    expect(betaOnly.total).toBe(500_000);
    expect(alfa.brandId).toBe(1);
    expect(all.brandId).toBeUndefined();
  });

  it('a user limited to Alfa gets Alfa alone without the filter, and "not found" for Beta', async () => {
    const mine = await t.ok('reports.aging', {}, limited);
    expect({ ...mine, brandId: 1 }).toEqual(await t.ok('reports.aging', { brandId: 1 }));
    expect(await t.call('reports.aging', { brandId: beta }, limited)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.call('reports.aging', { brandId: 99 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('exports follow the same scope: Excel of one brand names it; the limited user’s export holds only Alfa', async () => {
    const owner = await t.ok('reports.export', { report: 'aging', params: { brandId: beta }, format: 'xlsx' });
    expect(owner.filename).toBe('aging_2026-11-24_BETA.xlsx');
    const ownerText = await sheetText(owner.base64);
    expect(ownerText).toMatch(/Beta Net/);
    expect(ownerText).toMatch(/Pelanggan Beta/);
    expect(ownerText).not.toMatch(/Pelanggan Alfa/);

    const own = await t.ok('reports.export', { report: 'aging', params: {}, format: 'xlsx' }, limited);
    const ownText = await sheetText(own.base64);
    expect(ownText).toMatch(/Pelanggan Alfa/);
    expect(ownText).not.toMatch(/Beta/);
    const pdf = await t.ok('reports.export', { report: 'aging', params: { brandId: 1 }, format: 'pdf' }, limited);
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('every other report and its export is open to the limited user too, holding Alfa alone', async () => {
    for (const report of ['financial', 'customers', 'forecast', 'bandwidth'] as const) {
      const params = report === 'forecast' ? {} : { from: '2026-10-01', to: '2026-11-30' };
      const own = await t.ok('reports.export', { report, params, format: 'xlsx' }, limited);
      expect(await sheetText(own.base64)).not.toMatch(/Beta/);
    }
    const mine = await t.ok('reports.financial', { from: '2026-10-01', to: '2026-11-30' }, limited);
    const all = await t.ok('reports.financial', { from: '2026-10-01', to: '2026-11-30' });
    expect(mine.totals.invoiced).toBe(200_000);
    expect(all.totals.invoiced).toBe(700_000);
  });
});
