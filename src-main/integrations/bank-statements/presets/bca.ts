import { periodFromText } from '../dates';
import type { Grid } from '../grid';
import { CREDIT_WORDS, DEBIT_WORDS } from '../mapping';
import { accountFacts, findHeader, preamble, type ResolvedLayout } from './header';

/**
 * KlikBCA / myBCA "Mutasi Rekening" CSV (individual and KlikBCA Bisnis). Layouts seen in public parsers
 * of real exports (sources in the README):
 * - preamble `No. rekening : …`, `Nama : …`, `Periode : 01/11/2026 - 30/11/2026`, `Kode Mata Uang : …`,
 *   written as one cell, as `label : ,value` or as `label,=,value`;
 * - header `Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo` (older: `Tanggal,…`; some without the
 *   empty column);
 * - date `'05/11` (no year: the year comes from the period) or `05/11/2026` (Bisnis); `PEND` (or `'PEND`)
 *   for lines not yet posted;
 * - amount `150000.00` or `"1,500,000.00"` with CR/DB in the next column, or `"287,490.00 DB"` in one
 *   cell (Bisnis) — English number format;
 * - footer `Saldo Awal`, `Mutasi Kredit`, `Mutasi Debet`, `Saldo Akhir` in any of the preamble styles.
 */
export function resolveBca(grid: Grid): ResolvedLayout | undefined {
  const h = findHeader(
    grid,
    (k) => k.some((x) => x.startsWith('tanggal')) && k.includes('keterangan') && k.includes('jumlah'),
  );
  if (!h) return undefined;
  const date = h.col(['tanggal'], true)!;
  const description = h.col(['keterangan'])!;
  const amount = h.col(['jumlah'])!;
  // KlikBCA puts CR/DB in the unnamed column after Jumlah; KlikBCA Bisnis has no such column (suffix only).
  const hasMarkerColumn = grid.rows.some((r) => r.length > amount + 1);
  const lines = preamble(grid, h.row);
  const period = lines.map((l) => (/periode/i.test(l) ? periodFromText(l) : undefined)).find(Boolean);
  return {
    format: 'bca',
    info: { ...accountFacts(lines), ...(period ? { period } : {}) },
    mapping: {
      firstRow: h.row + 1,
      date,
      dateFormat: 'dmy',
      description: [description],
      numberFormat: 'en',
      amount: {
        kind: 'marker',
        column: amount,
        ...(hasMarkerColumn ? { marker: amount + 1 } : {}),
        credit: CREDIT_WORDS,
        debit: DEBIT_WORDS,
      },
      stopAt: ['Saldo Awal', 'Saldo Akhir', 'Mutasi Kredit', 'Mutasi Debet', 'Mutasi Debit'],
      pending: ['PEND'],
      ...(period ? { period } : {}),
    },
  };
}
