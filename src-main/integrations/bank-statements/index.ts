import { mappingFits, readWithMapping } from './engine';
import { withFingerprints } from './fingerprint';
import { readGrid, type Grid, type ReadOptions } from './grid';
import { columnMappingSchema, type ColumnMapping } from './mapping';
import { detectLayout, resolveLayout } from './presets';
import type { BankFormat, StatementInfo, StatementOutcome } from './types';

export interface ParseOptions {
  /** The ISP's bank account this statement belongs to (its database id): part of every fingerprint. */
  accountKey: string;
  /** A built-in layout, `generic` (then `mapping` is required), or `auto` (default: detect by header). */
  format?: BankFormat | 'auto';
  mapping?: ColumnMapping;
  /** Statement period for dates printed without a year, when the file does not state one. */
  period?: { from: string; to: string };
  read?: ReadOptions;
}

/** Reads a statement file (CSV or .xlsx) into its incoming lines, refusals and counts. */
export async function parseStatementFile(bytes: Uint8Array, options: ParseOptions): Promise<StatementOutcome> {
  const grid = await readGrid(bytes, options.read);
  if (!grid.ok) return grid;
  return parseStatementGrid(grid.grid, options);
}

/** The same on a grid already read (the mapping screen reads the file once for its preview). */
export function parseStatementGrid(grid: Grid, options: ParseOptions): StatementOutcome {
  const format = options.format ?? 'auto';
  let mapping: ColumnMapping;
  let info: StatementInfo = {};
  let resolved: BankFormat;
  if (format === 'generic') {
    const parsed = columnMappingSchema.safeParse(options.mapping);
    if (!parsed.success) return { ok: false, code: 'mapping_invalid' };
    mapping = parsed.data;
    resolved = 'generic';
  } else {
    const layout = format === 'auto' ? detectLayout(grid) : resolveLayout(grid, format);
    if (!layout) return { ok: false, code: format === 'auto' ? 'format_unknown' : 'header_not_found' };
    ({ mapping, info } = layout);
    resolved = layout.format;
  }
  // The file's own period wins; the caller's fills in when the file states none.
  if (!mapping.period && options.period) mapping = { ...mapping, period: options.period };
  if (!mappingFits(grid, mapping)) return { ok: false, code: 'mapping_out_of_range' };
  const read = readWithMapping(grid, mapping);
  return {
    ok: true,
    format: resolved,
    info: { ...info, ...(mapping.period && !info.period ? { period: mapping.period } : {}) },
    lines: withFingerprints(options.accountKey, read.lines),
    refused: read.refused,
    skipped: read.skipped,
  };
}

export { numberFormatsReading, parseAmount, type NumberFormat } from './amount';
export { parseStatementDate, type DateFormat, type Period } from './dates';
export { keyText, looseKey } from './fingerprint';
export { readGrid, type Cell, type Grid, type ReadOptions } from './grid';
export { cellText } from './text';
export { columnMappingSchema, CREDIT_WORDS, DEBIT_WORDS, type AmountColumns, type ColumnMapping } from './mapping';
export { detectLayout, resolveLayout, type ResolvedLayout } from './presets';
export * from './types';
