import type { Grid } from '../grid';
import { findHeader, firstValueBelow, type ResolvedLayout } from './header';

/**
 * BRI internet banking / CMS / BRImo "mutasi" CSV: one header row of upper-case field names,
 * `ID,NOREK,TGL_TRAN,TGL_EFEKTIF,JAM_TRAN,SEQ,DESK_TRAN,SALDO_AWAL_MUTASI,MUTASI_DEBET,MUTASI_KREDIT,
 * SALDO_AKHIR_MUTASI,GLSIGN,TRUSER,KODE_TRAN,KODE_TRAN_TELLER,TRREMK,TLBDS1,TLBDS2` (some exports add
 * `REMARK_CUSTOM`); TGL_TRAN `2026-11-05 12:41:41`, amounts `150000.00`, zero lines `0.00`/`0.00`.
 * Columns are found by name, so a shorter export with the same names reads the same.
 */
export function resolveBri(grid: Grid): ResolvedLayout | undefined {
  const h = findHeader(grid, (k) => ['tgltran', 'desktran', 'mutasikredit'].every((x) => k.includes(x)));
  if (!h) return undefined;
  const accountCol = h.col(['norek']);
  const account = firstValueBelow(grid, h.row, accountCol);
  const description = [h.col(['desktran'])!, h.col(['remarkcustom'])].filter((c): c is number => c !== undefined);
  const debit = h.col(['mutasidebet', 'mutasidebit']);
  return {
    format: 'bri',
    info: account ? { accountNumber: account } : {},
    mapping: {
      firstRow: h.row + 1,
      date: h.col(['tgltran'])!,
      dateFormat: 'ymd',
      description,
      ...(accountCol === undefined ? {} : { account: accountCol }),
      numberFormat: 'en',
      amount: { kind: 'columns', credit: h.col(['mutasikredit'])!, ...(debit === undefined ? {} : { debit }) },
    },
  };
}
