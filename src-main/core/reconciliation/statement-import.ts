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
import { findPayableInvoice } from '../../data/billing/invoices.repository';
import { writeAudit } from '../audit';
import { recordBankTransfer } from '../billing/payments';
import type { CallContext } from '../context';
import { planLines, readStatement, refuseFile, type BankIn, type LinePlan } from './statement-read';

const CHUNK = 250;

export async function previewStatement(
  call: CallContext,
  input: BankIn<'bankStatements.preview'>,
): Promise<StatementPreview> {
  const read = await readStatement(call.app, input);
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
  const read = await readStatement(app, input);
  if (read.refusal) refuseFile(read.refusal);
  const plans = planLines(app, read.lines);
  const accountNumber = input.accountNumber.trim();
  const by = session?.userId ?? null;
  const total = { linesNew: 0, linesKnown: 0, autoCredited: 0, toReview: 0 };
  let importId = 0;
  for (let start = 0; start < plans.length || start === 0; start += CHUNK) {
    const chunk = plans.slice(start, start + CHUNK);
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
        for (const p of chunk) {
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
          if (p.action === 'auto' && stillPayable(call, p)) {
            creditLine(call, lineId, p, now);
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
            lines: `${start + 1}-${start + chunk.length}`,
            ...c,
          },
        });
        for (const k of Object.keys(c) as (keyof typeof c)[]) total[k] += c[k];
      })
      .immediate();
    app.events.emit({
      name: 'bank.progress',
      payload: { done: Math.min(start + CHUNK, plans.length), total: plans.length },
    });
    // Let other requests (the desk) in between chunks.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { importId, linesRead: plans.length, ...total };
}

/** Re-checked in the transaction: the bill may have been paid at the desk since the plan was made. */
function stillPayable(call: CallContext, p: LinePlan): boolean {
  if (p.billId === null) return false;
  const inv = findPayableInvoice(call.app.sqlite, p.billId);
  if (!inv || (inv.status !== 'unpaid' && inv.status !== 'partial')) return false;
  return activeCodeOf(call.app.sqlite, p.billId)?.payable === p.line.amount;
}

function creditLine(call: CallContext, lineId: number, p: LinePlan, now: string) {
  const inv = findPayableInvoice(call.app.sqlite, p.billId!)!;
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
