/**
 * What a bank statement import produces. Only incoming money (credit lines) comes out: those are the
 * transfers that may pay a bill. Everything is pure data; storing it, crediting it once and showing it
 * belong to the caller (see the README section "Bank transfer and static QRIS").
 */

/** The statement layouts this module reads without a mapping. `generic` = a user's column mapping. */
export const BANK_FORMATS = ['bca', 'mandiri', 'bri', 'bni', 'generic'] as const;
export type BankFormat = (typeof BANK_FORMATS)[number];

/** One incoming transfer read from a statement. */
export interface StatementLine {
  /**
   * Stable key of this line: the same line read again (same file twice, or two overlapping statements of
   * the same account) gets the same key. Credit a line at most once per key (a unique index).
   */
  fingerprint: string;
  /** 0-based rank of this line among lines of the same account, date, amount and description. */
  occurrence: number;
  /** Row in the file (1-based line of a CSV, row of a sheet), for messages only: never part of the key. */
  row: number;
  /** The date the bank printed (`YYYY-MM-DD`), the bank's own calendar day (WIB for the big banks). */
  date: string;
  /** `HH:MM:SS` when the export has a time of day (Mandiri Kopra, BNI, BRI). */
  time?: string;
  /** Integer rupiah, > 0. */
  amount: number;
  /** As printed, with runs of white space collapsed; columns of a multi-column description joined by " | ". */
  description: string;
  /** The bank's own reference of the line where the export has one (Mandiri MCM, BNI journal number). */
  bankReference?: string;
}

/**
 * Why a row was not turned into a line. The renderer translates the code (one key per code in its
 * catalogue); `raw` is the cell as found, so the user sees what was refused.
 */
export type RowRefusalCode =
  /** The amount cell is not a number in the chosen format. */
  | 'amount_unreadable'
  /** The amount has a non-zero fraction (cents): rupiah lines are whole, rounding could credit a wrong sum. */
  | 'amount_has_cents'
  /** e.g. `150.000` read as English: three decimals look like a thousands group, so the value is a guess. */
  | 'amount_ambiguous'
  /** Above one trillion rupiah. */
  | 'amount_too_large'
  /** Debit and credit columns both carry an amount, or a credit amount is negative. */
  | 'amount_conflict'
  /** The credit/debit marker is neither a credit nor a debit word (e.g. not CR/DB). */
  | 'direction_unreadable'
  /** The date cell is empty or not a date in the chosen format. */
  | 'date_unreadable'
  /** A real-looking date that does not exist (31/02). */
  | 'date_invalid'
  /** A day/month without a year, and the statement states no period to take the year from. */
  | 'date_without_year'
  /** A day/month without a year that falls outside the statement period in every candidate year. */
  | 'date_outside_period'
  /** Not yet posted by the bank (BCA `PEND`): import it again once it has a date. */
  | 'pending'
  /** The line's currency column says something other than IDR. */
  | 'not_rupiah'
  /** The line's account number differs from the statement's (a file covering several accounts). */
  | 'other_account';

export interface RefusedRow {
  row: number;
  code: RowRefusalCode;
  /** Which cell was refused. */
  field: 'date' | 'amount' | 'direction' | 'currency' | 'account';
  raw: string;
}

/** Why a whole file was refused (nothing read). */
export type FileRefusalCode =
  /** Not CSV text nor an .xlsx workbook (or an empty file). */
  | 'file_unreadable'
  /** An old binary Excel file (.xls): save it as .xlsx or CSV first (no maintained reader fits here). */
  | 'xls_not_supported'
  /** No known bank layout recognised: choose the bank or map the columns. */
  | 'format_unknown'
  /** The chosen bank's header row is not in the file. */
  | 'header_not_found'
  /** The saved mapping is not a valid mapping (e.g. saved by an older version). */
  | 'mapping_invalid'
  /** The mapping names a column or row the file does not have. */
  | 'mapping_out_of_range';

/** Facts printed around the table, when the export has them. */
export interface StatementInfo {
  accountNumber?: string;
  accountName?: string;
  /** Statement period as stated in the file (BCA "Periode"), inclusive. */
  period?: { from: string; to: string };
}

export interface StatementResult {
  ok: true;
  format: BankFormat;
  info: StatementInfo;
  lines: StatementLine[];
  refused: RefusedRow[];
  /** Rows read and deliberately left out: money going out, zero amounts, blank rows. */
  skipped: { debit: number; zero: number };
}

export interface StatementFailure {
  ok: false;
  code: FileRefusalCode;
}

export type StatementOutcome = StatementResult | StatementFailure;
