import { parseAmount, type AmountResult } from './amount';
import { parseStatementDate } from './dates';
import type { Cell, Grid } from './grid';
import { mappedColumns, type ColumnMapping } from './mapping';
import { cellText } from './text';
import type { RefusedRow, RowRefusalCode } from './types';

/** A credit line before it gets its fingerprint. */
export interface RawLine {
  row: number;
  date: string;
  time?: string;
  amount: number;
  description: string;
  bankReference?: string;
}

export interface EngineResult {
  lines: RawLine[];
  refused: RefusedRow[];
  skipped: { debit: number; zero: number };
}

type Direction =
  | { kind: 'credit'; amount: number }
  | { kind: 'debit' }
  | { kind: 'zero' }
  | { kind: 'refused'; refusal: Refusal };
type Refusal = Omit<RefusedRow, 'row'>;

const isBlank = (c: Cell | undefined) => {
  const t = cellText(c);
  return t === '' || t === '-';
};

/** False when the mapping points outside the grid (a mapping saved for another file layout). */
export function mappingFits(grid: Grid, m: ColumnMapping): boolean {
  if (m.firstRow >= grid.rows.length) return false;
  const width = grid.rows.reduce((w, r) => Math.max(w, r.length), 0);
  return mappedColumns(m).every((c) => c < width);
}

/**
 * Reads the table with a mapping: one pass, every row after `firstRow` ends up as a credit line, a
 * counted debit or zero row, a refusal with its reason, or (blank rows) nothing. The footer marker stops
 * the table.
 */
export function readWithMapping(grid: Grid, m: ColumnMapping): EngineResult {
  const out: EngineResult = { lines: [], refused: [], skipped: { debit: 0, zero: 0 } };
  const stops = (m.stopAt ?? []).map((s) => s.toLowerCase());
  const pending = new Set((m.pending ?? []).map((s) => s.toUpperCase()));
  let account: string | undefined; // the first row's, once seen
  for (let i = m.firstRow; i < grid.rows.length; i++) {
    const cells = grid.rows[i]!;
    const row = grid.rowNumbers[i] ?? i + 1;
    const first = cells.map(cellText).find((t) => t !== '');
    if (first === undefined) continue;
    if (stops.some((s) => first.toLowerCase().startsWith(s))) break;
    const refuse = (r: Refusal) => out.refused.push({ row, ...r });
    // Leading zeros come and go when a number column passes through Excel (036001… vs 36001…).
    const acct = m.account === undefined ? '' : cellText(cells[m.account]).replace(/^0+/, '');
    if (acct) account ??= acct;

    const dir = direction(cells, m);
    if (dir.kind === 'debit') out.skipped.debit++;
    else if (dir.kind === 'zero') out.skipped.zero++;
    else if (dir.kind === 'refused') refuse(dir.refusal);
    if (dir.kind !== 'credit') continue;

    if (m.currency !== undefined && !/^(idr|rp\.?|)$/i.test(cellText(cells[m.currency]))) {
      refuse({ code: 'not_rupiah', field: 'currency', raw: cellText(cells[m.currency]) });
      continue;
    }
    if (m.account !== undefined && acct !== account) {
      refuse({ code: 'other_account', field: 'account', raw: cellText(cells[m.account]) });
      continue;
    }
    const dateCell = cells[m.date] ?? null;
    if (pending.has(cellText(dateCell).toUpperCase())) {
      refuse({ code: 'pending', field: 'date', raw: cellText(dateCell) });
      continue;
    }
    const date = parseStatementDate(dateCell, m.dateFormat, m.period);
    if (!date.ok) {
      refuse({ code: date.code, field: 'date', raw: cellText(dateCell) });
      continue;
    }
    const description = m.description
      .map((c) => cellText(cells[c]))
      .filter((t) => t !== '')
      .join(' | ');
    const reference = m.reference === undefined ? '' : cellText(cells[m.reference]);
    out.lines.push({
      row,
      date: date.date,
      ...(date.time ? { time: date.time } : {}),
      amount: dir.amount,
      description,
      ...(reference ? { bankReference: reference } : {}),
    });
  }
  return out;
}

function amountRefusal(r: AmountResult & { ok: false }, raw: Cell | undefined): Direction {
  return { kind: 'refused', refusal: { code: r.code, field: 'amount', raw: cellText(raw) } };
}

const conflict = (raw: string): Direction => ({
  kind: 'refused',
  refusal: { code: 'amount_conflict' satisfies RowRefusalCode, field: 'amount', raw },
});

/** In, out or neither, and how much — decided before the date so a debit's odd date never bothers anyone. */
function direction(cells: Cell[], m: ColumnMapping): Direction {
  const a = m.amount;
  if (a.kind === 'columns') {
    const credit = cells[a.credit];
    const debit = a.debit === undefined ? undefined : cells[a.debit];
    if (isBlank(credit)) return a.debit !== undefined && !isBlank(debit) ? debitOrZero(debit!, m) : { kind: 'zero' };
    const c = parseAmount(credit!, m.numberFormat);
    if (!c.ok) return amountRefusal(c, credit);
    if (c.value < 0) return conflict(cellText(credit));
    if (c.value === 0) return a.debit !== undefined && !isBlank(debit) ? debitOrZero(debit!, m) : { kind: 'zero' };
    if (a.debit !== undefined && !isBlank(debit)) {
      const d = parseAmount(debit!, m.numberFormat);
      if (!d.ok || d.value !== 0) return conflict(`${cellText(credit)} / ${cellText(debit)}`);
    }
    return { kind: 'credit', amount: c.value };
  }
  if (a.kind === 'signed') {
    const cell = cells[a.column];
    if (isBlank(cell)) return { kind: 'zero' };
    const v = parseAmount(cell!, m.numberFormat);
    if (!v.ok) return amountRefusal(v, cell);
    return v.value > 0 ? { kind: 'credit', amount: v.value } : v.value < 0 ? { kind: 'debit' } : { kind: 'zero' };
  }
  // Marker: "287,490.00 DB" in one cell, or the amount with CR/DB in the marker column.
  const cell = cells[a.column];
  let amountText = cellText(cell);
  let marker = '';
  const suffix = /^(.*?)\s*([A-Za-z]{1,7})$/.exec(amountText);
  const known = (w: string) => a.credit.includes(w) || a.debit.includes(w);
  if (suffix && known(suffix[2]!.toUpperCase())) [amountText, marker] = [suffix[1]!, suffix[2]!.toUpperCase()];
  else if (a.marker !== undefined) marker = cellText(cells[a.marker]).toUpperCase();
  if (a.debit.includes(marker)) return { kind: 'debit' };
  const amountCell = typeof cell === 'number' ? cell : amountText;
  if (!a.credit.includes(marker)) {
    if (isBlank(amountCell)) return { kind: 'zero' };
    const raw = a.marker === undefined ? cellText(cell) : cellText(cells[a.marker]);
    return { kind: 'refused', refusal: { code: 'direction_unreadable', field: 'direction', raw } };
  }
  if (isBlank(amountCell)) return { kind: 'zero' };
  const v = parseAmount(amountCell, m.numberFormat);
  if (!v.ok) return amountRefusal(v, cell);
  if (v.value < 0) return conflict(cellText(cell));
  return v.value === 0 ? { kind: 'zero' } : { kind: 'credit', amount: v.value };
}

/** A row with only its debit cell filled: money out, or a zero line (BRI keeps 0.00/0.00 rows). */
function debitOrZero(debit: Cell, m: ColumnMapping): Direction {
  const d = parseAmount(debit, m.numberFormat);
  return d.ok && d.value === 0 ? { kind: 'zero' } : { kind: 'debit' };
}
