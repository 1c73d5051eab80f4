import type { TestApp } from '../../helpers/app';
import { seedBilling } from '../billing/fixtures';

export const ACCOUNT = '0123456789';

/** A KlikBCA export (the layout of tests/fixtures/bank-statements/bca-klikbca.csv) with these credit lines. */
export function klikbcaCsv(lines: { day: string; amount: number; text: string }[], period = '01/11/2026 - 30/11/2026') {
  const rows = lines.map((l) => `'${l.day},'${l.text},'0000,${l.amount}.00,CR,0.00`);
  return [
    'Informasi Rekening - Mutasi Rekening',
    `No. rekening : ,'${ACCOUNT}`,
    'Nama : ,RTRW NET',
    `Periode : ,${period}`,
    'Kode Mata Uang : ,Rp',
    '',
    'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo',
    ...rows,
    '',
    'Saldo Awal : ,0.00',
  ].join('\n');
}

export const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** n billed customers with kode unik on; each open bill's kode unik amount assigned (as the PDF does). */
export async function kodeUnikWorld(t: TestApp, n: number) {
  await t.ok('settings.update', {
    kodeUnikEnabled: true,
    bankAccounts: [{ bank: 'BCA', number: ACCOUNT, holder: 'RTRW NET' }],
  });
  const seeded = await seedBilling(t, { customers: n, price: 150_000 });
  await t.ok('billing.generateInvoices', { period: '2026-11' });
  const invoices = t.app.ctx.sqlite
    .prepare(
      `SELECT id, invoice_number AS number, customer_id AS customerId, invoice_date AS date FROM invoices ORDER BY id`,
    )
    .all() as { id: number; number: string; customerId: number; date: string }[];
  const bills = [];
  for (const inv of invoices)
    bills.push({ ...inv, payable: (await t.ok('invoices.document', { id: inv.id })).transfer!.payable });
  return { ...seeded, bills };
}

export function importInput(csv: string | Buffer, fileName = 'mutasi.csv') {
  return { fileName, base64: b64(csv), accountNumber: ACCOUNT };
}
