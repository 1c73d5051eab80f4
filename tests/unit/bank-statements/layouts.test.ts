import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseStatementFile, type ColumnMapping } from '../../../src-main/integrations/bank-statements';
import { brief, fixture, parseOk } from './helpers';

describe('built-in layouts: each fixture reads to its credit lines', () => {
  it('KlikBCA: yearless dates across New Year from the period, CR/DB column, identical lines ranked, PEND refused', async () => {
    const r = await parseOk('bca-klikbca.csv');
    expect(r.format).toBe('bca');
    expect(r.info).toEqual({
      accountNumber: '0123456789',
      accountName: 'RTRW NET SEJAHTERA',
      period: { from: '2025-12-26', to: '2026-01-04' },
    });
    expect(brief(r)).toEqual([
      ['2025-12-26', 150123, 'TRSF E-BANKING CR 2612/FTSCY/WS95051 150123.00 SITI AMINAH INV-202512-00042', null, 0],
      ['2025-12-27', 200417, 'BI-FAST CR TRANSFER DR 014 BUDI SANTOSO CUST0007', null, 0],
      ['2025-12-31', 100000, 'SETORAN TUNAI', null, 0],
      ['2025-12-31', 100000, 'SETORAN TUNAI', null, 1],
      ['2026-01-02', 175250, 'KR OTOMATIS LLG-BANK BRI AHMAD FAUZI', null, 0],
      ['2026-01-03', 99999, 'TRSF E-BANKING CR 0301/FTSCY/WS95051 99999.00 DEWI LESTARI', null, 0],
    ]);
    expect(r.lines.map((l) => l.row)).toEqual([8, 9, 11, 12, 13, 15]);
    expect(r.refused).toEqual([{ row: 16, code: 'pending', field: 'date', raw: 'PEND' }]);
    expect(r.skipped).toEqual({ debit: 2, zero: 0 });
  });

  it('KlikBCA Bisnis: full dates, "amount CR/DB" in one cell, `label,=,value` preamble and footer', async () => {
    const r = await parseOk('bca-klikbca-bisnis.csv');
    expect(r.format).toBe('bca');
    expect(r.info).toEqual({ accountNumber: '8020112233', accountName: 'CV MITRA NET' });
    expect(brief(r)).toEqual([
      ['2026-11-03', 250000, 'TRSF E-BANKING CR 0311/FTSCY/WS95051 250000.00 JOKO WIDODO INV-202611-00001', null, 0],
      ['2026-11-04', 175311, 'BI-FAST CR TRANSFER DR 002 RINA MARLINA', null, 0],
      ['2026-11-05', 1000000, 'KR OTOMATIS LLG-MANDIRI AGUS SALIM', null, 0],
    ]);
    expect(r.refused).toEqual([]);
    expect(r.skipped).toEqual({ debit: 1, zero: 0 });
  });

  it('Mandiri Kopra: semicolons, "02 November 2026 08:15:22", Remarks + AdditionalDesc', async () => {
    const r = await parseOk('mandiri-kopra.csv');
    expect(r.format).toBe('mandiri');
    expect(r.info).toEqual({ accountNumber: '1370012345678' });
    expect(brief(r)).toEqual([
      ['2026-11-02', 150456, 'TRANSFER DARI ANDI WIJAYA | MCM InhouseTrf DARI ANDI WIJAYA INV-202611-00005', null, 0],
      ['2026-11-03', 1000000, 'PT SARANA CEPAT LOGISTIK | Trf Inw CN BANK CENTRAL ASIA', null, 0],
      ['2026-11-04', 35000, 'QRIS 93600008 WARUNG KOPI | QR Payment Credit', null, 0],
    ]);
    expect(r.lines.map((l) => l.time)).toEqual(['08:15:22', '14:24:27', '19:40:05']);
    expect(r.skipped).toEqual({ debit: 1, zero: 0 });
  });

  it('Mandiri MCM: dd/mm/yy, ".00" zero, both Description columns, Reference No.', async () => {
    const r = await parseOk('mandiri-mcm.csv');
    expect(r.format).toBe('mandiri');
    expect(r.info).toEqual({ accountNumber: '1370098765432' });
    expect(brief(r)).toEqual([
      ['2026-11-01', 150789, 'DR 0000029511812 KR 1370098765432 | 71831136319/DEWI SARTIKA/BKS', null, 0],
      [
        '2026-11-02',
        200123,
        'MCM InhouseTrf DARI HENDRA GUNAWAN CUST0012 4021533983470679 | G075070944 0211 WLST1e621e894f708e',
        'WLST1e621e894f708e',
        0,
      ],
      ['2026-11-04', 1150000, 'DR 0000011122233 KR 1370098765432 | 55512/YULIANTI/SBY', null, 0],
    ]);
    expect(r.skipped).toEqual({ debit: 1, zero: 0 });
  });

  it("Mandiri Livin' .xlsx: merged cells read once, date cells, Indonesian number text, preamble facts", async () => {
    const r = await parseOk('mandiri-livin.xlsx');
    expect(r.format).toBe('mandiri');
    expect(r.info).toEqual({
      accountName: 'BUDI PRASETYO',
      accountNumber: '1370011122233',
      period: { from: '2026-11-01', to: '2026-11-30' },
    });
    expect(brief(r)).toEqual([
      ['2026-11-01', 150321, 'Transfer BI Fast Dari BCA ERIK SANTOSO INV-202611-00088', null, 0],
      ['2026-11-03', 200654, 'Transfer Dari MANDIRI FITRI HANDAYANI', null, 0],
      ['2026-11-04', 1000000, 'Setor Tunai ATM', null, 0],
    ]);
    expect(r.lines.map((l) => [l.row, l.time])).toEqual([
      [8, '08:10:33'],
      [10, '19:45:12'],
      [11, '07:05:00'],
    ]);
    expect(r.refused).toEqual([]);
    expect(r.skipped).toEqual({ debit: 1, zero: 0 });
  });

  it('BRI: columns by name, ISO date with time, 0.00/0.00 rows counted as zero', async () => {
    const r = await parseOk('bri-ib.csv');
    expect(r.format).toBe('bri');
    expect(r.info).toEqual({ accountNumber: '036001001118309' });
    expect(brief(r)).toEqual([
      ['2026-11-02', 150555, 'NBMB SITI NURHALIZA TO RTRW NET INV-202611-00031', null, 0],
      ['2026-11-03', 125777, 'ATMSTR BRI 0451 BAMBANG SUGIARTO', null, 0],
      ['2026-11-04', 300000, 'BI-FAST CR DR 014 MAYA SARI', null, 0],
    ]);
    expect(r.skipped).toEqual({ debit: 1, zero: 1 });
  });

  it('BNI: "02/11/26 08.39.01" dates, journal number as the bank reference', async () => {
    const r = await parseOk('bni-direct.csv');
    expect(r.format).toBe('bni');
    expect(r.info).toEqual({});
    expect(brief(r)).toEqual([
      ['2026-11-02', 150666, 'TRANSFER DARI | PEMINDAHBUKUAN | KURNIAWAN INV-202611-00077', '911234', 0],
      ['2026-11-03', 175900, 'TRF BIFAST DARI BCA | 20261103BCAIIDJA010O0212345678 | NOVITA SARI', '914555', 0],
    ]);
    expect(r.lines.map((l) => l.time)).toEqual(['08:39:01', '21:47:09']);
    expect(r.skipped).toEqual({ debit: 2, zero: 0 });
  });

  it('a forced layout whose header is missing refuses the file; auto-detection says the format is unknown', async () => {
    const bca = fixture('bca-klikbca.csv');
    expect(await parseStatementFile(bca, { accountKey: 'a', format: 'bri' })).toEqual({
      ok: false,
      code: 'header_not_found',
    });
    const jatim = fixture('generic-bank-jatim.csv');
    expect(await parseStatementFile(jatim, { accountKey: 'a' })).toEqual({ ok: false, code: 'format_unknown' });
  });
});

/** Bank Jatim: what the mapping screen would save for it. */
const JATIM: ColumnMapping = {
  firstRow: 1,
  date: 0,
  dateFormat: 'dmy',
  description: [4],
  reference: 9,
  currency: 5,
  numberFormat: 'id',
  amount: { kind: 'columns', credit: 7, debit: 6 },
};

describe('generic mapping', () => {
  it('reads a layout no preset knows, with the same engine: Indonesian numbers, `;`, cents refused', async () => {
    const r = await parseOk('generic-bank-jatim.csv', { format: 'generic', mapping: JATIM });
    expect(r.format).toBe('generic');
    expect(brief(r)).toEqual([
      ['2026-11-05', 150234, 'TRANSFER MASUK DARI SUGENG RIYADI', 'FT26309ABC01', 0],
      ['2026-11-07', 2000000, 'SETORAN KAS KANTOR', 'FT26311KLM11', 0],
    ]);
    expect(r.refused).toEqual([{ row: 5, code: 'amount_has_cents', field: 'amount', raw: '175.500,50' }]);
    expect(r.skipped).toEqual({ debit: 1, zero: 0 });
  });

  it('reads a built-in layout identically when its resolved mapping is saved and used as a generic one', async () => {
    const auto = await parseOk('mandiri-mcm.csv');
    const mapped = await parseOk('mandiri-mcm.csv', {
      format: 'generic',
      mapping: {
        firstRow: 1,
        date: 1,
        dateFormat: 'dmy',
        description: [4, 5],
        reference: 6,
        numberFormat: 'en',
        amount: { kind: 'columns', credit: 8, debit: 7 },
      },
    });
    expect(mapped.lines).toEqual(auto.lines);
  });

  it('signed amounts and a marker column are mapping choices too', async () => {
    const csv =
      'Tgl,Uraian,Nominal,DK\n01/11/2026,Masuk A,150.111,K\n01/11/2026,Keluar B,-20.000,D\n02/11/2026,Masuk C,"1.000",K\n';
    const signed = await parseOk(new TextEncoder().encode(csv), {
      format: 'generic',
      mapping: {
        firstRow: 1,
        date: 0,
        dateFormat: 'dmy',
        description: [1],
        numberFormat: 'id',
        amount: { kind: 'signed', column: 2 },
      },
    });
    expect(brief(signed).map((l) => l[1])).toEqual([150111, 1000]);
    expect(signed.skipped.debit).toBe(1);
    const marker = await parseOk(new TextEncoder().encode(csv), {
      format: 'generic',
      mapping: {
        firstRow: 1,
        date: 0,
        dateFormat: 'dmy',
        description: [1],
        numberFormat: 'id',
        amount: { kind: 'marker', column: 2, marker: 3, credit: ['K'], debit: ['D'] },
      },
    });
    expect(brief(marker).map((l) => l[1])).toEqual([150111, 1000]);
  });

  it('refuses a mapping that does not fit the file or is not a mapping', async () => {
    const jatim = fixture('generic-bank-jatim.csv');
    expect(
      await parseStatementFile(jatim, { accountKey: 'a', format: 'generic', mapping: { ...JATIM, reference: 40 } }),
    ).toEqual({ ok: false, code: 'mapping_out_of_range' });
    expect(
      await parseStatementFile(jatim, { accountKey: 'a', format: 'generic', mapping: { ...JATIM, firstRow: 99 } }),
    ).toEqual({ ok: false, code: 'mapping_out_of_range' });
    expect(
      await parseStatementFile(jatim, {
        accountKey: 'a',
        format: 'generic',
        mapping: { ...JATIM, numberFormat: 'de' } as unknown as ColumnMapping,
      }),
    ).toEqual({ ok: false, code: 'mapping_invalid' });
  });

  it('refuses a line in another currency', async () => {
    const csv = 'd;k;c;x\n05/11/2026;Masuk;USD;25,00\n05/11/2026;Masuk;IDR;25.000,00\n';
    const r = await parseOk(new TextEncoder().encode(csv), {
      format: 'generic',
      mapping: {
        firstRow: 1,
        date: 0,
        dateFormat: 'dmy',
        description: [1],
        currency: 2,
        numberFormat: 'id',
        amount: { kind: 'signed', column: 3 },
      },
    });
    expect(brief(r).map((l) => l[1])).toEqual([25000]);
    expect(r.refused).toEqual([{ row: 2, code: 'not_rupiah', field: 'currency', raw: 'USD' }]);
  });
});

describe('bad rows are refused one by one, with a reason, and the good rows still read', () => {
  it('KlikBCA with one bad cell per row', async () => {
    const r = await parseOk('bca-bad-rows.csv');
    expect(brief(r)).toEqual([['2026-11-02', 150321, 'TRSF E-BANKING CR 0211/FTSCY/WS95051 ANI', null, 0]]);
    expect(r.refused).toEqual([
      { row: 7, code: 'amount_has_cents', field: 'amount', raw: '150,123.50' },
      { row: 8, code: 'amount_ambiguous', field: 'amount', raw: '150.123' },
      { row: 9, code: 'amount_unreadable', field: 'amount', raw: 'seratus ribu' },
      { row: 10, code: 'date_invalid', field: 'date', raw: '31/11' },
      { row: 11, code: 'date_outside_period', field: 'date', raw: '15/03' },
      { row: 12, code: 'date_unreadable', field: 'date', raw: '2026-11-07' },
      { row: 13, code: 'direction_unreadable', field: 'direction', raw: 'XX' },
      { row: 15, code: 'amount_too_large', field: 'amount', raw: '10,000,000,000,000.00' },
    ]);
    // Row 14 is a debit whose amount is unreadable: money going out is not ours to judge.
    expect(r.skipped).toEqual({ debit: 1, zero: 0 });
  });

  it('yearless dates without a period are refused, and read once the caller gives the period', async () => {
    const csv = "Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo\n'05/11,TRANSFER ANI,'0000,150321.00,CR,1\n";
    const bytes = new TextEncoder().encode(csv);
    const without = await parseOk(bytes);
    expect(without.refused).toEqual([{ row: 2, code: 'date_without_year', field: 'date', raw: '05/11' }]);
    const withPeriod = await parseOk(bytes, { period: { from: '2026-11-01', to: '2026-11-30' } });
    expect(brief(withPeriod)).toEqual([['2026-11-05', 150321, 'TRANSFER ANI', null, 0]]);
    expect(withPeriod.info.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('a line of another account in the same file is refused; a lost leading zero is the same account', async () => {
    const csv = [
      'AccountNo;Ccy;PostDate;Remarks;AdditionalDesc;Credit Amount;Debit Amount;Close Balance',
      '0137001234567;IDR;02 November 2026 08:15:22;TRANSFER A;X;150456.00;0.00;1',
      '137001234567;IDR;02 November 2026 09:15:22;TRANSFER B;X;150457.00;0.00;1',
      '1370099999999;IDR;02 November 2026 10:15:22;TRANSFER C;X;150458.00;0.00;1',
    ].join('\n');
    const r = await parseOk(new TextEncoder().encode(csv));
    expect(r.info.accountNumber).toBe('0137001234567');
    expect(r.lines.map((l) => l.amount)).toEqual([150456, 150457]);
    expect(r.refused).toEqual([{ row: 4, code: 'other_account', field: 'account', raw: '1370099999999' }]);
  });

  it('a credit cell and a debit cell both filled is a conflict, not a guess', async () => {
    const csv = 'd,k,db,cr\n05/11/2026,X,"1,000.00","2,000.00"\n';
    const r = await parseOk(new TextEncoder().encode(csv), {
      format: 'generic',
      mapping: {
        firstRow: 1,
        date: 0,
        dateFormat: 'dmy',
        description: [1],
        numberFormat: 'en',
        amount: { kind: 'columns', credit: 3, debit: 2 },
      },
    });
    expect(r.lines).toEqual([]);
    expect(r.refused).toEqual([{ row: 2, code: 'amount_conflict', field: 'amount', raw: '2,000.00 / 1,000.00' }]);
  });
});

describe('files', () => {
  it('refuses an old binary .xls, an empty file and binary junk', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(await parseStatementFile(xls, { accountKey: 'a' })).toEqual({ ok: false, code: 'xls_not_supported' });
    expect(await parseStatementFile(new Uint8Array(), { accountKey: 'a' })).toEqual({
      ok: false,
      code: 'file_unreadable',
    });
    expect(await parseStatementFile(new Uint8Array([1, 0, 2, 0, 3]), { accountKey: 'a' })).toEqual({
      ok: false,
      code: 'file_unreadable',
    });
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect(await parseStatementFile(brokenZip, { accountKey: 'a' })).toEqual({ ok: false, code: 'file_unreadable' });
  });

  it('counts rows by file line, also after a description with a line break inside its quotes', async () => {
    const csv =
      'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo\n' +
      '05/11/2026,"TRANSFER\nANI",0000,150321.00,CR,1\n\n' +
      '06/11/2026,TRANSFER BUDI,0000,150123.00,CR,1\n';
    const r = await parseOk(new TextEncoder().encode(csv));
    expect(r.lines.map((l) => [l.row, l.description])).toEqual([
      [2, 'TRANSFER ANI'],
      [5, 'TRANSFER BUDI'],
    ]);
  });

  it('refuses a file whose quotes never close instead of reading it short', async () => {
    const csv = 'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo\n05/11/2026,"TRANSFER ANI,0000,150321.00,CR,1\n';
    expect(await parseStatementFile(new TextEncoder().encode(csv), { accountKey: 'a' })).toEqual({
      ok: false,
      code: 'file_unreadable',
    });
  });

  it('reads a Windows-1252 CSV (as Excel saves it) and a UTF-8 one with BOM alike', async () => {
    const text =
      "Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo\r\n'05/11/2026,'TRANSFER JOSÉ,'0000,150321.00,CR,1\r\n";
    const utf8 = await parseOk(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
    const latin = await parseOk(new Uint8Array([...text].map((c) => c.charCodeAt(0))));
    expect(utf8.lines[0]!.description).toBe('TRANSFER JOSÉ');
    expect(latin.lines).toEqual(utf8.lines);
  });

  it('an .xlsx holding the KlikBCA Bisnis cells as text reads to the same lines and fingerprints', async () => {
    const csv = await parseOk('bca-klikbca-bisnis.csv');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    const text = fixture('bca-klikbca-bisnis.csv').toString('utf8');
    for (const line of text.trim().split(/\r?\n/)) {
      const cells = [...line.matchAll(/"([^"]*)"|([^,]+)|(?<=,)(?=,|$)/g)].map((m) => m[1] ?? m[2] ?? '');
      ws.addRow(cells);
    }
    const xlsx = await parseOk(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(xlsx.lines).toEqual(csv.lines);
  });
});
