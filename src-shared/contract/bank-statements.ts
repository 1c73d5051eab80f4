import { z } from 'zod';
import { id, procedure, requiredText } from './define';

/**
 * Bank statement import (kode unik reconciliation): preview a statement file, import it (exact kode unik
 * amounts credited, the rest to the review list), settle review lines, and saved column mappings.
 */

export const STATEMENT_FORMATS = ['auto', 'bca', 'mandiri', 'bri', 'bni', 'generic'] as const;
/** base64 of at most ~1.4 MB inline: the staff host takes 2 MB bodies. Larger files go by upload. */
const MAX_FILE_BASE64 = 1_900_000;
/**
 * The largest statement file (a busy account's month as CSV or Excel is a few MB). It arrives through
 * `bankStatements.upload` in chunks of `STATEMENT_CHUNK_BYTES` (each a JSON body well under the 2 MB limit
 * once in base64), on either transport (Electron IPC or HTTP).
 */
export const STATEMENT_MAX_BYTES = 16 * 1024 * 1024;
export const STATEMENT_CHUNK_BYTES = 768 * 1024;

const col = z.number().int().min(0).max(200);
/** integrations/bank-statements ColumnMapping (validated again by its own schema when used). */
export const columnMapping = z.object({
  firstRow: z.number().int().min(0).max(100_000),
  date: col,
  dateFormat: z.enum(['dmy', 'mdy', 'ymd', 'd_month_y']),
  description: z.array(col).min(1, 'Choose the description column').max(5),
  reference: col.optional(),
  numberFormat: z.enum(['id', 'en']),
  amount: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('columns'), credit: col, debit: col.optional() }),
    z.object({ kind: z.literal('signed'), column: col }),
  ]),
});
export type ColumnMappingInput = z.output<typeof columnMapping>;

const fileInput = z
  .object({
    fileName: requiredText(200, 'File name'),
    /** The file inline (small files), or `uploadId` of a finished `bankStatements.upload`. */
    base64: z
      .string({ error: 'Choose a statement file' })
      .min(1, 'Choose a statement file')
      .max(MAX_FILE_BASE64, 'The file is larger than 1.4 MB: export a shorter period')
      .optional(),
    uploadId: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'Choose the statement file again')
      .optional(),
    /** The ISP's account (its number as in Settings): part of every line's fingerprint. */
    accountNumber: requiredText(30, 'Bank account'),
    format: z.enum(STATEMENT_FORMATS).default('auto'),
    /** With format generic: a saved mapping or one being made. */
    mappingId: id.optional(),
    mapping: columnMapping.optional(),
  })
  .strict()
  .refine((v) => (v.base64 === undefined) !== (v.uploadId === undefined), {
    path: ['base64'],
    message: 'Choose a statement file',
  });

/** One chunk of a statement file, in order; the first names the whole size (refused above the limit). */
const uploadChunk = z
  .object({
    /** Absent on the first chunk. */
    uploadId: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'Choose the statement file again')
      .optional(),
    totalBytes: z
      .number()
      .int()
      .min(1, 'Choose a statement file')
      .max(STATEMENT_MAX_BYTES, 'The file is larger than 16 MB: export a shorter period'),
    offset: z.number().int().min(0),
    base64: z
      .string()
      .min(1)
      .max(Math.ceil(STATEMENT_CHUNK_BYTES / 3) * 4),
  })
  .strict();

const suggestion = z.object({
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  /** The bill's open balance and its kode unik amount (null without a code). */
  open: z.number().int(),
  payable: z.number().int().nullable(),
  confidence: z.enum(['high', 'medium', 'low']),
  reasons: z.array(z.string()),
});
export type BankSuggestion = z.output<typeof suggestion>;

const previewLine = z.object({
  fingerprint: z.string(),
  row: z.number().int(),
  date: z.string(),
  time: z.string().nullable(),
  amount: z.number().int(),
  description: z.string(),
  /** `auto`: credited on import; `review`: waits for the cashier; `known`: imported before, nothing happens. */
  action: z.enum(['auto', 'review', 'known']),
  match: z.enum(['matched', 'suggested', 'ambiguous', 'unmatched']),
  suggestions: z.array(suggestion),
});

export const statementPreview = z.object({
  /** A file refusal (the whole file): the renderer translates the code. */
  refusal: z.string().nullable(),
  format: z.string().nullable(),
  /** The first rows as text, for the mapping step (always filled when the file could be read). */
  sample: z.array(z.array(z.string())),
  lines: z.array(previewLine),
  refused: z.array(z.object({ row: z.number().int(), code: z.string(), field: z.string(), raw: z.string() })),
  skipped: z.object({ debit: z.number().int(), zero: z.number().int() }),
  counts: z.object({ auto: z.number().int(), review: z.number().int(), known: z.number().int() }),
});
export type StatementPreview = z.output<typeof statementPreview>;

export const importSummary = z.object({
  importId: z.number().int(),
  linesRead: z.number().int(),
  linesNew: z.number().int(),
  linesKnown: z.number().int(),
  autoCredited: z.number().int(),
  toReview: z.number().int(),
});

export const bankLine = z.object({
  id: z.number().int(),
  importId: z.number().int(),
  accountNumber: z.string(),
  date: z.string(),
  time: z.string().nullable(),
  amount: z.number().int(),
  description: z.string(),
  bankReference: z.string().nullable(),
  state: z.enum(['review', 'credited', 'deposit', 'not_ours']),
  match: z.string(),
  suggestions: z.array(suggestion),
  customerName: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  paymentNumber: z.string().nullable(),
  note: z.string().nullable(),
  settledAt: z.string().nullable(),
});
export type BankLine = z.output<typeof bankLine>;

export const bankMapping = z.object({ id: z.number().int(), name: z.string(), mapping: columnMapping });

export const bankStatementsContract = {
  'bankStatements.preview': procedure({
    permission: 'payments.create',
    input: fileInput,
    output: statementPreview,
  }),
  /** A statement file sent in chunks (any size up to STATEMENT_MAX_BYTES); preview/import then name it. */
  'bankStatements.upload': procedure({
    permission: 'payments.create',
    input: uploadChunk,
    output: z.object({ uploadId: z.string(), received: z.number().int(), totalBytes: z.number().int() }),
  }),
  'bankStatements.import': procedure({
    permission: 'payments.create',
    mutates: 'payments',
    input: fileInput,
    output: importSummary,
  }),
  'bankLines.list': procedure({
    permission: 'payments.read',
    input: z
      .object({ state: z.enum(['review', 'credited', 'deposit', 'not_ours']).default('review') })
      .strict()
      .default({ state: 'review' }),
    output: z.array(bankLine),
  }),
  /** The cashier settles a review line: to a bill, to a customer's deposit, or not ours (with a reason). */
  'bankLines.settle': procedure({
    permission: 'payments.create',
    mutates: 'payments',
    input: z.discriminatedUnion('to', [
      z.object({ id, to: z.literal('invoice'), invoiceId: id }).strict(),
      z.object({ id, to: z.literal('deposit'), customerId: id }).strict(),
      z.object({ id, to: z.literal('not_ours'), reason: requiredText(300, 'Reason') }).strict(),
    ]),
    output: bankLine,
  }),
  /** The ISP's accounts from Settings (a cashier cannot read Settings). */
  'bankStatements.accounts': procedure({
    permission: 'payments.read',
    input: z.object({}).strict().default({}),
    output: z.array(z.object({ bank: z.string(), number: z.string(), holder: z.string() })),
  }),
  'bankMappings.list': procedure({
    permission: 'payments.read',
    input: z.object({}).strict().default({}),
    output: z.array(bankMapping),
  }),
  'bankMappings.save': procedure({
    permission: 'payments.create',
    mutates: 'settings',
    input: z.object({ name: requiredText(60, 'Mapping name'), mapping: columnMapping }).strict(),
    output: bankMapping,
  }),
};
