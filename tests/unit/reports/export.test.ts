import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  const db = t.app.ctx.sqlite;
  await t.ok('settings.update', { ispName: 'Net Desa Sukamaju' });
  const c = Number(
    db
      .prepare(
        "INSERT INTO customers(customer_code, name, join_date, phone) VALUES ('C1', 'Budi Santoso', '2025-01-01', '0812')",
      )
      .run().lastInsertRowid,
  );
  db.prepare(
    "INSERT INTO invoices(invoice_number, customer_id, period, invoice_date, due_date, amount) VALUES ('I1', ?, '2026-09', '2026-09-01', '2026-09-10', 150000)",
  ).run(c);
  db.prepare(
    "INSERT INTO payments(payment_number, customer_id, amount, method, payment_date, paid_at, received_by) VALUES ('P1', ?, 1250000, 'cash', '2026-10-05', '2026-10-05T02:00:00Z', 1)",
  ).run(c);
  const pkg = Number(
    db
      .prepare(
        "INSERT INTO internet_packages(name, bandwidth_up, bandwidth_down, price, billing_cycle, duration_days, profile_name) VALUES ('Home', 1, 1, 1, 'monthly', 30, 'Home')",
      )
      .run().lastInsertRowid,
  );
  const acc = Number(
    db
      .prepare(
        "INSERT INTO pppoe_accounts(customer_id, internet_package_id, username, password_enc, profile_name) VALUES (?, ?, 'budi', 'x', 'Home')",
      )
      .run(c, pkg).lastInsertRowid,
  );
  db.prepare(
    "INSERT INTO usage_daily(account_id, day, bytes_in, bytes_out, samples) VALUES (?, '2026-10-05', 5000000000, 1000000000, 1)",
  ).run(acc);
});
afterEach(() => t.close());

const pdfText = (base64: string) => {
  const file = path.join(t.dataDir, 'x.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('reports.export', () => {
  it('writes a real PDF whose text carries the ISP, the title, the period and rupiah amounts', async () => {
    const r = await t.ok('reports.export', {
      report: 'financial',
      params: { from: '2026-09-01', to: '2026-10-31', groupBy: 'month' },
      format: 'pdf',
    });
    expect(r).toMatchObject({ filename: 'financial_2026-09-01_2026-10-31.pdf', mime: 'application/pdf' });
    const text = pdfText(r.base64);
    expect(text).toContain('Net Desa Sukamaju');
    expect(text).toContain('Laporan Keuangan');
    expect(text).toContain('2026-09-01 – 2026-10-31');
    expect(text).toContain('Rp 150.000');
    expect(text).toContain('Rp 1.250.000');
    expect(text).toContain('Tunai');
  });

  it('writes an English PDF when asked', async () => {
    const r = await t.ok('reports.export', {
      report: 'aging',
      params: { asOf: '2026-11-24' },
      format: 'pdf',
      language: 'en',
    });
    const text = pdfText(r.base64);
    expect(text).toContain('Receivables Aging');
    expect(text).toMatch(/61-90 days/);
    expect(text).toContain('Budi Santoso');
  });

  it('writes a real xlsx: numbers as numbers in rupiah format, months as dates', async () => {
    const r = await t.ok('reports.export', {
      report: 'financial',
      params: { from: '2026-09-01', to: '2026-10-31', groupBy: 'month' },
      format: 'xlsx',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Net Desa Sukamaju');
    let found = false;
    ws.eachRow((row) => {
      const first = row.getCell(1).value;
      if (first instanceof Date && first.toISOString().startsWith('2026-10-01')) {
        found = true;
        expect(row.getCell(1).numFmt).toBe('mmm yyyy');
        expect(row.getCell(3).value).toBe(1_250_000);
        expect(row.getCell(3).numFmt).toBe('"Rp "#,##0');
      }
    });
    expect(found).toBe(true);
  });

  it('exports every report in both formats', async () => {
    const params = {
      financial: { from: '2026-01-01', to: '2026-12-31' },
      aging: {},
      customers: { from: '2026-01-01', to: '2026-12-31' },
      forecast: { months: 3 },
      bandwidth: { from: '2026-10-01', to: '2026-10-31' },
    } as const;
    for (const report of Object.keys(params) as (keyof typeof params)[]) {
      for (const format of ['pdf', 'xlsx'] as const) {
        const r = await t.ok('reports.export', { report, params: params[report], format });
        const head = Buffer.from(r.base64, 'base64').subarray(0, 4).toString('latin1');
        expect(head).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
      }
    }
    const bw = await t.ok('reports.export', {
      report: 'bandwidth',
      params: params.bandwidth,
      format: 'pdf',
      language: 'en',
    });
    expect(pdfText(bw.base64)).toMatch(/budi \(Budi Santoso\)\s+5[.,]00\s+1[.,]00/);
  });

  it('rejects unknown reports, formats and bad params with BAD_INPUT, naming the field', async () => {
    expect(await t.call('reports.export', { report: 'payroll', params: {}, format: 'pdf' } as never)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'report' }] },
    });
    expect(await t.call('reports.export', { report: 'aging', params: {}, format: 'docx' } as never)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'format' }] },
    });
    const r = await t.call('reports.export', {
      report: 'financial',
      params: { from: '2026-05-01', to: '2026-01-01' },
      format: 'pdf',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'params.to' }] } });
  });
});

describe('reports.bandwidth', () => {
  it('sums traffic per day, package, router and user', async () => {
    const r = await t.ok('reports.bandwidth', { from: '2026-10-01', to: '2026-10-31', groupBy: 'month' });
    expect(r.series).toEqual([{ key: '2026-10', bytesIn: 5e9, bytesOut: 1e9 }]);
    expect(r.byPackage).toEqual([{ id: expect.any(Number), name: 'Home', bytesIn: 5e9, bytesOut: 1e9 }]);
    expect(r.topUsers[0]).toMatchObject({ username: 'budi', customerName: 'Budi Santoso', bytesIn: 5e9 });
    expect(r.samples).toBe(1);
  });
});

describe('export header', () => {
  it('stamps the ISP local time and prints the ISP name as typed, emoji and accents included', async () => {
    await t.ok('settings.update', { ispName: 'Net Kampung 🚀 Ğüzel' });
    const r = await t.ok('reports.export', { report: 'aging', params: {}, format: 'pdf' });
    const text = pdfText(r.base64);
    expect(text).toContain('2026-11-24 10:00 WIB'); // the fake clock: 03:00 UTC
    expect(text).toContain('Net Kampung 🚀 Ğüzel'); // was "Net Kampung ? Güzel" with the built-in font
    expect(text).not.toContain('Ø=');
  });
});
