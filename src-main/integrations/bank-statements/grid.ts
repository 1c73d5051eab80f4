import type ExcelJS from 'exceljs';
import { lazyRequire } from '../../lazy-require';
import Papa from 'papaparse';

/** Loaded on first use (lazy-require.ts). */
const excel = lazyRequire<typeof ExcelJS>('exceljs');

/**
 * A statement as rows of cells, whatever the file was: CSV cells are text; an .xlsx cell is text, a
 * number or a date (exceljs gives date cells as a Date holding the wall-clock day in UTC). Parsers and
 * the mapping screen work on this grid only.
 */
export type Cell = string | number | Date | null;

export interface Grid {
  rows: Cell[][];
  /** 1-based row of each grid row in the file (CSV line, sheet row), for messages. */
  rowNumbers: number[];
}

export type GridOutcome = { ok: true; grid: Grid } | { ok: false; code: 'file_unreadable' | 'xls_not_supported' };

export interface ReadOptions {
  /** CSV field separator; sniffed from the first lines when absent. */
  delimiter?: ',' | ';' | '\t';
  /** .xlsx: 0-based sheet index (default the first sheet). */
  sheet?: number;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Reads a CSV or .xlsx file (decided by its first bytes, not its name). */
export async function readGrid(bytes: Uint8Array, options: ReadOptions = {}): Promise<GridOutcome> {
  if (bytes.length === 0) return { ok: false, code: 'file_unreadable' };
  if (startsWith(bytes, OLE)) return { ok: false, code: 'xls_not_supported' };
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, options.sheet ?? 0);
  const text = decodeText(bytes);
  if (text === null) return { ok: false, code: 'file_unreadable' };
  return readCsv(text, options.delimiter);
}

/** UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as Windows-1252, as Excel saves it. */
function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  text = text.replace(/^\ufeff/, '');
  // Binary data is not a statement: NUL bytes never occur in CSV text.
  return text.includes('\u0000') ? null : text;
}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The separator that splits the head of the file into the most rows of three or more cells (a
 * statement table has at least date, description and amount); ties go to the comma.
 */
export function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const head = text
    .split(/\r\n|\n|\r/)
    .slice(0, 60)
    .join('\n');
  let best: (typeof DELIMITERS)[number] = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const score = Papa.parse<string[]>(head, { delimiter: d }).data.filter((r) => r.length >= 3).length;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

/**
 * CSV text to a grid (papaparse: an order of magnitude faster here than csv-parse on a month of lines).
 * Quotes left open swallow the rest of the file into one cell, so such a file is refused rather than
 * read short; a stray quote inside an unquoted cell (`'TRSF "X"`) is kept as text.
 */
export function readCsv(text: string, delimiter?: ',' | ';' | '\t'): GridOutcome {
  const parsed = Papa.parse<string[]>(text, { delimiter: delimiter ?? sniffDelimiter(text), skipEmptyLines: false });
  if (parsed.errors.some((e) => e.code === 'MissingQuotes')) return { ok: false, code: 'file_unreadable' };
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  let line = 1;
  for (const record of parsed.data) {
    if (record.some((c) => c.trim() !== '')) {
      rows.push(record);
      rowNumbers.push(line);
    }
    // A quoted cell may hold line breaks: the next record starts that many lines further down.
    line += 1 + record.reduce((n, c) => n + (c.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
  }
  if (!rows.length) return { ok: false, code: 'file_unreadable' };
  return { ok: true, grid: { rows, rowNumbers } };
}

async function readXlsx(bytes: Uint8Array, sheetIndex: number): Promise<GridOutcome> {
  const wb = new (excel().Workbook)();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return { ok: false, code: 'file_unreadable' };
  }
  const ws = wb.worksheets[sheetIndex];
  if (!ws) return { ok: false, code: 'file_unreadable' };
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // A merged range keeps its value in its top-left cell only; the other cells are empty here, so a
      // value is never seen twice.
      cells[col - 1] = cell.isMerged && cell.master.address !== cell.address ? null : cellValue(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    if (cells.some((c) => c !== null && c !== '')) {
      rows.push(cells);
      rowNumbers.push(rowNumber);
    }
  });
  if (!rows.length) return { ok: false, code: 'file_unreadable' };
  return { ok: true, grid: { rows, rowNumbers } };
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return v.result === undefined ? null : cellValue(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  if ('error' in v) return null;
  return null;
}
