import { numberFormatsReading } from '../amount';
import { periodFromText } from '../dates';
import type { Grid } from '../grid';
import { accountFacts, findHeader, firstValueBelow, preamble, type ResolvedLayout } from './header';

/**
 * Bank Mandiri, three layouts:
 * - Kopra (corporate) CSV, semicolon-separated:
 *   `AccountNo;Ccy;PostDate;Remarks;AdditionalDesc;Credit Amount;Debit Amount;Close Balance`,
 *   PostDate `16 March 2026 09:34:53`, amounts `18429612.00`.
 * - MCM / Mandiri Online CSV:
 *   `Account No,Date,Val. Date,Transaction Code,Description,Description,Reference No.,Debit,Credit`,
 *   dates `22/01/26`, amounts `"453,684.00"` and `".00"` for zero.
 * - Livin' / Mandiri Online Excel: a preamble (`Nama`, `No. Rekening`, `Periode`), then a header with
 *   `Tanggal`, `Keterangan`/`Uraian`/`Rincian Transaksi`, `Dana Masuk`/`Kredit`, `Dana Keluar`/`Debit`,
 *   `Saldo`, often merged cells; Indonesian number format. Reconstructed from parsers' column lists,
 *   not from a real file: the mapping screen is the fallback when a real export differs.
 */
export function resolveMandiri(grid: Grid): ResolvedLayout | undefined {
  return kopra(grid) ?? mcm(grid) ?? livin(grid);
}

function kopra(grid: Grid): ResolvedLayout | undefined {
  const h = findHeader(grid, (k) => ['postdate', 'remarks', 'creditamount', 'debitamount'].every((x) => k.includes(x)));
  if (!h) return undefined;
  const accountCol = h.col(['accountno']);
  const account = firstValueBelow(grid, h.row, accountCol);
  const description = [h.col(['remarks'])!, h.col(['additionaldesc'])].filter((c): c is number => c !== undefined);
  const currency = h.col(['ccy', 'currency']);
  return {
    format: 'mandiri',
    info: account ? { accountNumber: account } : {},
    mapping: {
      firstRow: h.row + 1,
      date: h.col(['postdate'])!,
      dateFormat: 'd_month_y',
      description,
      ...(currency === undefined ? {} : { currency }),
      ...(accountCol === undefined ? {} : { account: accountCol }),
      numberFormat: 'en',
      amount: { kind: 'columns', credit: h.col(['creditamount'])!, debit: h.col(['debitamount'])! },
    },
  };
}

function mcm(grid: Grid): ResolvedLayout | undefined {
  const h = findHeader(grid, (k) => ['accountno', 'date', 'valdate', 'debit', 'credit'].every((x) => k.includes(x)));
  if (!h) return undefined;
  const accountCol = h.col(['accountno']);
  const account = firstValueBelow(grid, h.row, accountCol);
  const reference = h.col(['referenceno', 'refno']);
  return {
    format: 'mandiri',
    info: account ? { accountNumber: account } : {},
    mapping: {
      firstRow: h.row + 1,
      date: h.col(['date'])!,
      dateFormat: 'dmy',
      description: h.cols(['description']),
      ...(reference === undefined ? {} : { reference }),
      ...(accountCol === undefined ? {} : { account: accountCol }),
      numberFormat: 'en',
      amount: { kind: 'columns', credit: h.col(['credit'])!, debit: h.col(['debit'])! },
    },
  };
}

const DESCRIPTION = ['keterangan', 'uraian', 'uraiantransaksi', 'rinciantransaksi', 'deskripsi'];
const CREDIT = ['danamasuk', 'kredit', 'credit'];
const DEBIT = ['danakeluar', 'debit', 'debet'];

function livin(grid: Grid): ResolvedLayout | undefined {
  const h = findHeader(
    grid,
    (k) =>
      k.some((x) => x === 'tanggal' || x === 'tgl' || x === 'tanggaltransaksi') &&
      k.some((x) => DESCRIPTION.includes(x)) &&
      k.some((x) => CREDIT.includes(x)),
  );
  if (!h) return undefined;
  const credit = h.col(CREDIT)!;
  const debit = h.col(DEBIT);
  const reference = h.col(['noreferensi', 'referensi']);
  // Sheets hold numbers as numbers or as text; the text decides the format when only one reads it all.
  const samples = grid.rows
    .slice(h.row + 1, h.row + 200)
    .flatMap((r) => [r[credit] ?? null, r[debit ?? credit] ?? null]);
  const formats = numberFormatsReading(samples);
  const lines = preamble(grid, h.row);
  const period = lines.map((l) => (/periode|period/i.test(l) ? periodFromText(l) : undefined)).find(Boolean);
  return {
    format: 'mandiri',
    info: { ...accountFacts(lines), ...(period ? { period } : {}) },
    mapping: {
      firstRow: h.row + 1,
      date: h.col(['tanggal', 'tgl', 'tanggaltransaksi'])!,
      dateFormat: 'dmy',
      description: [h.col(DESCRIPTION)!],
      ...(reference === undefined ? {} : { reference }),
      numberFormat: formats.length === 1 ? formats[0]! : 'id',
      amount: { kind: 'columns', credit, ...(debit === undefined ? {} : { debit }) },
      stopAt: ['Saldo Awal', 'Saldo Akhir', 'Total', 'Opening Balance', 'Closing Balance'],
    },
  };
}
