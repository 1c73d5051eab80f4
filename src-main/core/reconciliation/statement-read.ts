/**
 * Reads a statement file for the import screen and matches its incoming lines to open bills. Pure
 * reads: nothing is written here (statement-import.ts stores and credits).
 */
import type { z } from 'zod';
import type {
  BankSuggestion,
  bankStatementsContract,
  StatementPreview,
} from '../../../src-shared/contract/bank-statements';
import { findMapping, knownFingerprints, openBillsForMatching } from '../../data/bank-transfers/bank-lines.repository';
import {
  cellText,
  columnMappingSchema,
  parseStatementGrid,
  readGrid,
  type ColumnMapping,
  type StatementLine,
} from '../../integrations/bank-statements';
import { AppError, badInput } from '../../../src-shared/result';
import type { AppContext, CallContext } from '../context';
import { matchStatementLines, type OpenBill } from './matcher';
import { uploadedFile } from './statement-uploads';

export type BankIn<K extends keyof typeof bankStatementsContract> = z.output<
  (typeof bankStatementsContract)[K]['input']
>;
type FileInput = BankIn<'bankStatements.preview'>;

const SAMPLE_ROWS = 15;

/** English messages of the file refusals (errors.json has the Indonesian). */
export const FILE_REFUSALS: Record<string, string> = {
  file_unreadable: 'The file is not a CSV or Excel (.xlsx) statement',
  xls_not_supported: 'Old Excel files (.xls) cannot be read: save the statement as .xlsx or CSV',
  format_unknown: 'The bank was not recognised: choose the bank or map the columns',
  header_not_found: "The chosen bank's header row is not in the file",
  mapping_invalid: 'The column mapping is not valid',
  mapping_out_of_range: 'The column mapping names a column the file does not have',
};

/** The account as it enters fingerprints: digits only, so `123-456` and `123456` are one account. */
export const accountKeyOf = (number: string) => number.replace(/\D/g, '');

function mappingOf(app: AppContext, input: FileInput): ColumnMapping | undefined {
  if (input.format !== 'generic') return undefined;
  if (input.mapping) return input.mapping;
  if (input.mappingId === undefined) throw badInput('mapping', 'Choose a saved mapping or map the columns');
  const row = findMapping(app.sqlite, input.mappingId);
  if (!row) throw badInput('mappingId', 'Saved mapping not found');
  const parsed = columnMappingSchema.safeParse(JSON.parse(row.mapping));
  if (!parsed.success) throw badInput('mappingId', FILE_REFUSALS.mapping_invalid!);
  return parsed.data;
}

export interface ReadStatement {
  refusal: string | null;
  format: string | null;
  sample: string[][];
  lines: StatementLine[];
  refused: StatementPreview['refused'];
  skipped: { debit: number; zero: number };
}

/** The statement's bytes: inline, or a finished upload of this user (`bankStatements.upload`). */
export function fileBytes(call: CallContext, input: FileInput): Buffer {
  return input.uploadId ? uploadedFile(call, input.uploadId) : Buffer.from(input.base64 ?? '', 'base64');
}

export async function readStatement(call: CallContext, input: FileInput): Promise<ReadStatement> {
  const { app } = call;
  const accountKey = accountKeyOf(input.accountNumber);
  if (!accountKey) throw badInput('accountNumber', 'Choose the bank account of this statement');
  const mapping = mappingOf(app, input);
  const grid = await readGrid(fileBytes(call, input));
  const empty = { format: null, lines: [], refused: [], skipped: { debit: 0, zero: 0 } };
  if (!grid.ok) return { refusal: grid.code, sample: [], ...empty };
  const sample = grid.grid.rows.slice(0, SAMPLE_ROWS).map((r) => r.map((c) => cellText(c)));
  const out = parseStatementGrid(grid.grid, { accountKey, format: input.format, mapping });
  if (!out.ok) return { refusal: out.code, sample, ...empty };
  return { refusal: null, format: out.format, sample, lines: out.lines, refused: out.refused, skipped: out.skipped };
}

export interface LinePlan {
  line: StatementLine;
  action: 'auto' | 'review' | 'known';
  match: 'matched' | 'suggested' | 'ambiguous' | 'unmatched';
  suggestions: BankSuggestion[];
  /** The bill an `auto` line pays. */
  billId: number | null;
}

/**
 * What importing these lines would do. `auto` only for an exact kode unik amount the matcher found
 * unambiguous (no rival bill, not dated well before the bill): that amount names one bill.
 */
export function planLines(app: AppContext, lines: readonly StatementLine[]): LinePlan[] {
  const db = app.sqlite;
  const known = knownFingerprints(
    db,
    lines.map((l) => l.fingerprint),
  );
  const fresh = lines.filter((l) => !known.has(l.fingerprint));
  // A statement imported again has nothing new to match: no need to read every open bill (issue 20).
  const rows = fresh.length ? openBillsForMatching(db) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bills: OpenBill[] = rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    customerCode: r.customerCode,
    customerName: r.customerName,
    invoiceNumber: r.invoiceNumber,
    amount: r.payable ?? r.open,
    ...(r.payable !== null ? { baseAmount: r.open } : {}),
    issueDate: r.issueDate,
    dueDate: r.dueDate,
  }));
  const matches = new Map(matchStatementLines(fresh, bills).map((m) => [m.fingerprint, m]));
  return lines.map((line): LinePlan => {
    const m = matches.get(line.fingerprint);
    if (!m) return { line, action: 'known', match: 'unmatched', suggestions: [], billId: null };
    const top = m.suggestions[0];
    const bill = top ? byId.get(top.billId) : undefined;
    const auto =
      m.status === 'matched' && !!bill && bill.payable === line.amount && top!.reasons.includes('unique_amount');
    return {
      line,
      action: auto ? 'auto' : 'review',
      match: m.status,
      billId: auto ? bill!.id : null,
      suggestions: m.suggestions.flatMap((s) => {
        const b = byId.get(s.billId);
        if (!b) return [];
        return [
          {
            invoiceId: b.id,
            invoiceNumber: b.invoiceNumber,
            customerId: b.customerId,
            customerCode: b.customerCode,
            customerName: b.customerName,
            open: b.open,
            payable: b.payable,
            confidence: s.confidence,
            reasons: s.reasons,
          },
        ];
      }),
    };
  });
}

/** A file the import cannot read is refused as a whole, naming why. */
export function refuseFile(code: string): never {
  throw badInput('base64', FILE_REFUSALS[code] ?? FILE_REFUSALS.file_unreadable!);
}

export const conflictSettled = () => new AppError('CONFLICT', 'This statement line is already settled');
