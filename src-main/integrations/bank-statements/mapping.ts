import { z } from 'zod';
import { isoDate } from '../../../src-shared/dates';
import type { NumberFormat } from './amount';
import type { DateFormat, Period } from './dates';

/** Words that mark a line as money in / money out (upper case; compared case-insensitively). */
export const CREDIT_WORDS = ['CR', 'C', 'K', 'KR', 'KREDIT', 'CREDIT'];
export const DEBIT_WORDS = ['DB', 'D', 'DR', 'DEBET', 'DEBIT'];

/**
 * How to read a statement table: what the mapping screen saves for a bank without a built-in layout, and
 * what each built-in layout resolves to after finding its header. Columns are 0-based grid indexes.
 */
export interface ColumnMapping {
  /** Grid row (0-based) of the first transaction row, i.e. the row after the header. */
  firstRow: number;
  date: number;
  dateFormat: DateFormat;
  /** One or more columns, joined in this order. */
  description: number[];
  reference?: number;
  /** A currency column: lines not in IDR/Rp are refused. */
  currency?: number;
  /**
   * An account-number column (Kopra, MCM, BRI print one per row): lines of another account than the
   * first line's are refused, so a file covering several accounts never credits a foreign line.
   */
  account?: number;
  numberFormat: NumberFormat;
  amount: AmountColumns;
  /** A row whose first non-empty cell starts with one of these ends the table (summary footers). */
  stopAt?: string[];
  /** Date cells meaning "not yet posted" (KlikBCA `PEND`): such credit lines are refused as pending. */
  pending?: string[];
  /** Statement period, to give a year to dates printed without one. */
  period?: Period;
}

export type AmountColumns =
  /** Separate credit and debit columns (a line is incoming when its credit cell holds an amount). */
  | { kind: 'columns'; credit: number; debit?: number }
  /** One signed column: positive is incoming. */
  | { kind: 'signed'; column: number }
  /**
   * One amount column and a credit/debit marker, either as a suffix of the amount cell (`287,490.00 CR`)
   * or in the `marker` column (`150000.00,CR`).
   */
  | { kind: 'marker'; column: number; marker?: number; credit: string[]; debit: string[] };

const col = z.number().int().min(0).max(200);
const words = z.array(z.string().trim().min(1).max(20)).min(1).max(10);

/** The shape a saved mapping must have (validated when the mapping screen stores it and when it is used). */
export const columnMappingSchema = z.object({
  firstRow: z.number().int().min(0).max(100_000),
  date: col,
  dateFormat: z.enum(['dmy', 'mdy', 'ymd', 'd_month_y']),
  description: z.array(col).min(1).max(5),
  reference: col.optional(),
  currency: col.optional(),
  account: col.optional(),
  numberFormat: z.enum(['id', 'en']),
  amount: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('columns'), credit: col, debit: col.optional() }),
    z.object({ kind: z.literal('signed'), column: col }),
    z.object({ kind: z.literal('marker'), column: col, marker: col.optional(), credit: words, debit: words }),
  ]),
  stopAt: z.array(z.string().trim().min(1).max(60)).max(10).optional(),
  pending: z.array(z.string().trim().min(1).max(20)).max(5).optional(),
  period: z.object({ from: isoDate, to: isoDate }).optional(),
}) satisfies z.ZodType<ColumnMapping>;

/** Every column index the mapping reads. */
export function mappedColumns(m: ColumnMapping): number[] {
  const a = m.amount;
  const amountCols =
    a.kind === 'columns'
      ? [a.credit, ...(a.debit === undefined ? [] : [a.debit])]
      : a.kind === 'signed'
        ? [a.column]
        : [a.column, ...(a.marker === undefined ? [] : [a.marker])];
  return [m.date, ...m.description, ...amountCols, m.reference, m.currency, m.account].filter(
    (c): c is number => c !== undefined,
  );
}
