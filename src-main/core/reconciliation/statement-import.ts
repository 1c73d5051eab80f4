/**
 * Importing a bank statement: every incoming line is stored once under its fingerprint (unique index),
 * so a second import of the same or an overlapping statement finds its lines and credits nothing again.
 * Lines whose amount is exactly one open bill's kode unik amount are credited as a bank transfer to that
 * bill; every other new line waits on the review list for the cashier. Written in chunks, each one
 * IMMEDIATE transaction with its audit row, with a progress event between chunks (a month of a busy
 * account is thousands of lines).
 */
import type { StatementPreview } from '../../../src-shared/contract/bank-statements';
import { activeCodeOf } from '../../data/bank-transfers/transfer-codes.repository';
import { addImportCounts, insertImport, insertLine, settleLine } from '../../data/bank-transfers/bank-lines.repository';
import { findPayableInvoice, type PayableInvoice } from '../../data/billing/invoices.repository';
import { writeAudit } from '../audit';
import { recordBankTransfer } from '../billing/payments';
import type { CallContext } from '../context';
import { dropUpload } from './statement-uploads';
import { planLines, readStatement, refuseFile, type BankIn, type LinePlan } from './statement-read';

/**
 * Lines per transaction: each commit costs an fsync (~8 ms, far more on a busy disk), so 5 commits for a
 * 5,000-line month rather than 20, while the desk still gets a turn between chunks (~0.3 s each).
 */
export const CHUNK = 1_000;

export async function previewStatement(
  call: CallContext,
  input: BankIn<'bankStatements.preview'>,
): Promise<StatementPreview> {
  const read = await readStatement(call, input);
  const plans = read.refusal ? [] : planLines(call.app, read.lines);
  const count = (a: LinePlan['action']) => plans.filter((p) => p.action === a).length;
  return {
    refusal: read.refusal,
    format: read.format,
    sample: read.sample,
    refused: read.refused,
    skipped: read.skipped,
    counts: { auto: count('auto'), review: count('review'), known: count('known') },
    lines: plans.map((p) => ({
      fingerprint: p.line.fingerprint,
      row: p.line.row,
      date: p.line.date,
      time: p.line.time ?? null,
      amount: p.line.amount,
      description: p.line.description,
      action: p.action,
      match: p.match,
      suggestions: p.suggestions,
    })),
  };
}

/** The reference a bank-transfer payment carries: the bank's own, else the start of the line's fingerprint. */
const referenceOf = (p: LinePlan) => p.line.bankReference ?? `MUTASI-${p.line.fingerprint.slice(0, 12).toUpperCase()}`;

export async function importStatement(call: CallContext, input: BankIn<'bankStatements.import'>) {
  const { app, session } = call;
  const read = await readStatement(call, input);
  if (read.refusal) refuseFile(read.refusal);
  const plans = planLines(app, read.lines);
  const accountNumber = input.accountNumber.trim();
  const by = session?.userId ?? null;
  const total = { linesNew: 0, linesKnown: 0, autoCredited: 0, toReview: 0 };
  let importId = 0;
  let start = 0;
  let end = 0;
  // One chunk even for an empty statement: the import row and its audit are written.
  do {
    app.sqlite
      .transaction(() => {
        const db = app.sqlite;
        const now = app.clock.now().toISOString();
        if (!importId)
          importId = insertImport(db, {
            accountNumber,
            format: read.format ?? input.format,
            fileName: input.fileName,
            linesRead: plans.length,
            by,
            now,
          });
        const c = { linesNew: 0, linesKnown: 0, autoCredited: 0, toReview: 0 };
        for (end = start; end < Math.min(plans.length, start + CHUNK); end++) {
          const p = plans[end]!;
          const lineId = insertLine(db, {
            fingerprint: p.line.fingerprint,
            importId,
            accountNumber,
            date: p.line.date,
            time: p.line.time ?? null,
            amount: p.line.amount,
            description: p.line.description,
            bankReference: p.line.bankReference ?? null,
            state: 'review',
            matchStatus: p.match,
            suggestions: JSON.stringify(p.suggestions),
            now,
          });
          if (lineId === null) {
            c.linesKnown++;
            continue;
          }
          c.linesNew++;
          const inv = p.action === 'auto' ? stillPayable(call, p) : undefined;
          if (inv) {
            creditLine(call, lineId, p, inv, now);
            c.autoCredited++;
          } else c.toReview++;
        }
        addImportCounts(db, importId, c);
        writeAudit(call, {
          action: 'bank.import',
          entity: 'bank_import',
          entityId: importId,
          after: {
            fileName: input.fileName,
            account: accountNumber,
            lines: `${start + 1}-${end}`,
            ...c,
          },
        });
        for (const k of Object.keys(c) as (keyof typeof c)[]) total[k] += c[k];
      })
      .immediate();
    app.events.emit({
      name: 'bank.progress',
      payload: { done: end, total: plans.length },
    });
    // Let other requests (the desk) in between chunks.
    await new Promise<void>((resolve) => setImmediate(resolve));
    start = end;
  } while (start < plans.length);
  if (input.uploadId) dropUpload(call, input.uploadId);
  return { importId, linesRead: plans.length, ...total };
}

/** Re-checked in the transaction: the bill may have been paid at the desk since the plan was made. */
function stillPayable(call: CallContext, p: LinePlan): PayableInvoice | undefined {
  if (p.billId === null) return undefined;
  const inv = findPayableInvoice(call.app.sqlite, p.billId);
  if (!inv || (inv.status !== 'unpaid' && inv.status !== 'partial')) return undefined;
  return activeCodeOf(call.app.sqlite, p.billId)?.payable === p.line.amount ? inv : undefined;
}

function creditLine(call: CallContext, lineId: number, p: LinePlan, inv: PayableInvoice, now: string) {
  const payment = recordBankTransfer(
    call,
    {
      customerId: inv.customerId,
      amount: p.line.amount,
      invoiceId: inv.id,
      referenceNumber: referenceOf(p),
      confirmLarge: true,
      notes: `mutasi ${p.line.date}: ${p.line.description}`.slice(0, 500),
    },
    {},
  );
  settleLine(call.app.sqlite, lineId, {
    from: 'review',
    state: 'credited',
    customerId: inv.customerId,
    invoiceId: inv.id,
    paymentId: payment.id,
    note: 'kode unik',
    by: call.session?.userId ?? null,
    now,
  });
  writeAudit(call, {
    action: 'bank.line.credit',
    entity: 'bank_line',
    entityId: lineId,
    after: { amount: p.line.amount, date: p.line.date, invoice: inv.invoiceNumber, payment: payment.paymentNumber },
  });
}

export { referenceOf };
