import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, signInPage, test, signInAsCashier } from './fixtures';

/** A KlikBCA export (the layout of tests/fixtures/bank-statements/bca-klikbca.csv). */
function klikbca(lines: { day: string; amount: number; text: string }[], period: string) {
  return [
    'Informasi Rekening - Mutasi Rekening',
    "No. rekening : ,'0123456789",
    'Nama : ,RTRW NET',
    `Periode : ,${period}`,
    'Kode Mata Uang : ,Rp',
    '',
    'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo',
    ...lines.map((l) => `'${l.day},'${l.text},'0000,${l.amount}.00,CR,0.00`),
    '',
  ].join('\n');
}

test.describe('Mutasi bank (kode unik)', () => {
  test.setTimeout(120_000);

  test('import a statement: kode unik amounts turn their bills paid, one review line is assigned by the cashier', async ({
    page,
    host,
    api,
  }) => {
    await api.ok('settings.update', {
      autoInvoiceRun: false,
      kodeUnikEnabled: true,
      bankAccounts: [{ bank: 'BCA', number: '0123456789', holder: 'RTRW NET' }],
    });
    const pkg = await api.ok('packages.create', {
      name: 'Rumah 10M',
      bandwidthUp: 5120,
      bandwidthDown: 10240,
      price: 150_000,
      billingCycle: 'monthly',
    });
    const names = ['Siti Aminah', 'Budi Santoso', 'Rina Wulandari'];
    for (const [i, name] of names.entries()) {
      const c = await api.ok('customers.create', { name, phone: `08135555000${i}` });
      await api.ok('subscriptions.create', {
        customerId: c.id,
        internetPackageId: pkg.id,
        startDate: '2026-10-01',
        billingDay: 1,
      });
    }
    await api.ok('billing.generateInvoices', { period: '2026-11' });
    const invoices = (await api.ok('invoices.list', { pageSize: 10 })).items.sort((a, b) => a.id - b.id);
    const payable = async (id: number) => (await api.ok('invoices.document', { id })).transfer!.payable;
    const [a, b, c] = invoices;
    // The transfers arrive on the day the bills were issued (the matcher's date window starts a week before).
    const [y, m, d] = a!.invoiceDate.split('-');
    const day = `${d}/${m}`;
    const csv = klikbca(
      [
        { day, amount: await payable(a!.id), text: 'TRSF E-BANKING CR SITI' },
        { day, amount: await payable(b!.id), text: 'TRSF E-BANKING CR BUDI' },
        // Rina forgot the code but wrote her bill number: suggested, the cashier confirms it.
        { day, amount: 150_000, text: `TRSF E-BANKING CR ${c!.invoiceNumber}` },
      ],
      `01/${m}/${y} - ${new Date(Number(y), Number(m), 0).getDate()}/${m}/${y}`,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutasi-'));
    const file = path.join(dir, 'mutasi-bca.csv');
    fs.writeFileSync(file, csv);

    await signInAsCashier(page, host, api, 'kasir3', 'Kasir Tiga');
    await page.goto(`${host.url}/#/bank-statements`);

    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('bank-file').click();
    await (await chooser).setFiles(file);
    await page.getByTestId('bank-preview').click();
    const result = page.getByTestId('bank-preview-result');
    await expect(result).toContainText('2 otomatis');
    await expect(result).toContainText('1 ditinjau');
    await expect(page.getByTestId('bank-preview-line')).toHaveCount(3);
    await page.getByTestId('bank-import').click();
    await expect(page.getByTestId('bank-summary')).toContainText('2 tercatat otomatis, 1 perlu ditinjau');

    await page.getByTestId('bank-tab-review').click();
    const line = page.getByTestId('bank-review-line');
    await expect(line).toHaveCount(1);
    await expect(line).toContainText(c!.invoiceNumber);
    await line.getByTestId('bank-assign-suggestion').first().click();
    await expect(page.getByTestId('bank-review').getByText('Tidak ada baris di sini.')).toBeVisible();

    // The bills on the Tagihan screen: all three paid.
    await signInPage(page, host, '#/invoices');
    for (const inv of invoices) {
      await expect(page.getByRole('row', { name: new RegExp(inv.invoiceNumber) })).toContainText('Lunas');
    }
    const paid = (await api.ok('invoices.list', { pageSize: 10 })).items.map((i) => i.status);
    expect(paid).toEqual(['paid', 'paid', 'paid']);
    // A second import of the same file credits nothing.
    await api.ok('bankStatements.import', {
      fileName: 'mutasi-bca.csv',
      base64: Buffer.from(csv).toString('base64'),
      accountNumber: '0123456789',
    });
    expect((await api.ok('payments.list', {})).items.filter((p) => p.method === 'bank_transfer')).toHaveLength(3);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a 3 MB statement is sent in chunks with progress and imported; one above 16 MB is refused by name', async ({
    page,
    host,
    api,
  }) => {
    await api.ok('settings.update', { bankAccounts: [{ bank: 'BCA', number: '0123456789', holder: 'RTRW NET' }] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutasi-besar-'));
    // 3,000 transfers with long remarks: ~3 MB, twice the old 1.4 MB limit.
    const remark = 'PEMBAYARAN INTERNET BULANAN '.repeat(35);
    const lines = Array.from({ length: 3_000 }, (_, i) => ({
      day: `${String(1 + (i % 28)).padStart(2, '0')}/11`,
      amount: 2_000_000 + i,
      text: `TRSF E-BANKING CR ${i} ${remark}`,
    }));
    const big = path.join(dir, 'mutasi-3mb.csv');
    fs.writeFileSync(big, klikbca(lines, '01/11/2026 - 30/11/2026'));
    expect(fs.statSync(big).size).toBeGreaterThan(2 * 1024 * 1024);
    const huge = path.join(dir, 'mutasi-17mb.csv');
    fs.writeFileSync(huge, Buffer.alloc(17 * 1024 * 1024, 'a'));

    await signInPage(page, host, '#/bank-statements');
    const choose = async (file: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('bank-file').click();
      await (await chooser).setFiles(file);
    };
    await choose(huge);
    await expect(page.getByText('File lebih dari 16 MB')).toBeVisible();
    await expect(page.getByTestId('bank-preview')).toBeDisabled();

    await choose(big);
    await expect(page.getByText('File lebih dari 16 MB')).toHaveCount(0);
    // Hold the second chunk until the progress shows (the first one has arrived by then).
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let chunks = 0;
    await page.route('**/api/bankStatements.upload', async (route) => {
      if (++chunks === 2) await held;
      await route.continue();
    });
    await page.getByTestId('bank-preview').click();
    const sending = page.getByTestId('bank-upload-progress');
    await expect(sending).toContainText(/Mengirim file: 768 dari 3\.\d{3} KB/);
    release();
    const result = page.getByTestId('bank-preview-result');
    await expect(result).toContainText('3000 ditinjau');
    await expect(sending).toHaveCount(0);
    expect(chunks).toBeGreaterThanOrEqual(4);
    await page.getByTestId('bank-import').click();
    await expect(page.getByTestId('bank-summary')).toContainText('3000 perlu ditinjau');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
