import type { Grid } from '../grid';
import type { ColumnMapping } from '../mapping';
import { cellText, headerKey } from '../text';
import type { BankFormat, StatementInfo } from '../types';

/** A built-in layout resolved against one file: the mapping to read it with and what the file says about itself. */
export interface ResolvedLayout {
  format: Exclude<BankFormat, 'generic'>;
  mapping: ColumnMapping;
  info: StatementInfo;
}

export interface HeaderRow {
  /** Grid index of the header row. */
  row: number;
  keys: string[];
  /** Index of the first column whose key is one of `names` (or starts with one, for `prefix`). */
  col(names: string[], prefix?: boolean): number | undefined;
  /** Indexes of every column whose key is one of `names`, left to right. */
  cols(names: string[]): number[];
}

/** The first row within `maxRows` for which `accept` holds, looked at through header keys (`headerKey`). */
export function findHeader(grid: Grid, accept: (keys: string[]) => boolean, maxRows = 40): HeaderRow | undefined {
  const limit = Math.min(grid.rows.length, maxRows);
  for (let row = 0; row < limit; row++) {
    const keys = grid.rows[row]!.map(headerKey);
    if (!accept(keys)) continue;
    const col = (names: string[], prefix = false) => {
      const i = keys.findIndex((k) => names.some((n) => (prefix ? k.startsWith(n) : k === n)));
      return i < 0 ? undefined : i;
    };
    const cols = (names: string[]) => keys.flatMap((k, i) => (names.includes(k) ? [i] : []));
    return { row, keys, col, cols };
  }
  return undefined;
}

/** The text of the rows above the header, one string per row, for "No. rekening : …"-style facts. */
export function preamble(grid: Grid, headerRow: number): string[] {
  return grid.rows.slice(0, headerRow).map((r) => r.map(cellText).filter(Boolean).join(' '));
}

/** Account number and holder name from preamble lines such as `No. rekening : ,'0123456789` or `Nama,=,BUDI`. */
export function accountFacts(lines: string[]): Pick<StatementInfo, 'accountNumber' | 'accountName'> {
  const facts: Pick<StatementInfo, 'accountNumber' | 'accountName'> = {};
  for (const line of lines) {
    const acct = /^(?:no\.?|nomor)\s*rek(?:ening)?\b[\s:=,]*([0-9][0-9 .-]{4,}[0-9])/i.exec(line);
    if (acct && !facts.accountNumber) facts.accountNumber = acct[1]!.replace(/[^0-9]/g, '');
    const name = /^nama(?:\s+rekening)?\s*[:=,][\s:=,]*(.+)$/i.exec(line);
    if (name && !facts.accountName) facts.accountName = name[1]!.trim();
  }
  return facts;
}

/** The first non-empty cell of `col` below the header (e.g. the account number column of Kopra/MCM/BRI). */
export function firstValueBelow(grid: Grid, headerRow: number, col: number | undefined): string | undefined {
  if (col === undefined) return undefined;
  for (let i = headerRow + 1; i < grid.rows.length; i++) {
    const t = cellText(grid.rows[i]![col]);
    if (t) return t;
  }
  return undefined;
}
