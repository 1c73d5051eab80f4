import type { Grid } from '../grid';
import { findHeader, type ResolvedLayout } from './header';

/**
 * BNI (BNIDirect "Transaction Inquiry" / account statement CSV):
 * `Post Date,Value Date,Branch,Journal No.,Description,Debit,Credit` (a `Balance` column may follow),
 * Post Date `22/07/26 08.39.01` (dots in the time), amounts `300,000.00`. The journal number is the
 * bank's reference of the line. The file carries no account number.
 */
export function resolveBni(grid: Grid): ResolvedLayout | undefined {
  // Journal No. is what tells BNI apart: other banks (Bank Jatim, for one) also export Post Date/Debit/Credit.
  const h = findHeader(
    grid,
    (k) =>
      ['postdate', 'description', 'debit', 'credit'].every((x) => k.includes(x)) &&
      (k.includes('journalno') || k.includes('journalnumber')),
  );
  if (!h) return undefined;
  const reference = h.col(['journalno', 'journalnumber']);
  return {
    format: 'bni',
    info: {},
    mapping: {
      firstRow: h.row + 1,
      date: h.col(['postdate'])!,
      dateFormat: 'dmy',
      description: [h.col(['description'])!],
      ...(reference === undefined ? {} : { reference }),
      numberFormat: 'en',
      amount: { kind: 'columns', credit: h.col(['credit'])!, debit: h.col(['debit'])! },
    },
  };
}
