/** The review list of statement lines and the cashier's actions on it; saved column mappings. */
import { columnMapping, type BankLine } from '../../../src-shared/contract/bank-statements';
import { badInput, notFound } from '../../../src-shared/result';
import {
  findLine,
  listLines,
  listMappings,
  settleLine,
  upsertMapping,
  type BankLineRow,
} from '../../data/bank-transfers/bank-lines.repository';
import { findCustomerDeposit } from '../../data/billing/deposits.repository';
import { findPayableInvoice } from '../../data/billing/invoices.repository';
import { columnMappingSchema } from '../../integrations/bank-statements';
import { writeAudit } from '../audit';
import { recordBankTransfer } from '../billing/payments';
import type { CallContext } from '../context';
import { conflictSettled, type BankIn } from './statement-read';

const toLine = (r: BankLineRow): BankLine => ({
  ...r,
  suggestions: JSON.parse(r.suggestions) as BankLine['suggestions'],
});

export function listBankLines(call: CallContext, input: BankIn<'bankLines.list'>): BankLine[] {
  return listLines(call.app.sqlite, input.state, 1000).map(toLine);
}

/**
 * Settles one review line: a bank-transfer payment to the chosen bill (allocated like cash from it on),
 * all of it to a customer's deposit, or "not ours" with the reason. One transaction with its audit row;
 * a line settled by someone else meanwhile is refused, so a line is credited at most once.
 */
export function settleBankLine(call: CallContext, input: BankIn<'bankLines.settle'>): BankLine {
  const { app, session } = call;
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const line = findLine(db, input.id);
      if (!line) throw notFound('Statement line');
      if (line.state !== 'review') throw conflictSettled();
      const now = app.clock.now().toISOString();
      const reference = line.bankReference ?? `MUTASI-${line.id}`;
      const notes = `mutasi ${line.date}: ${line.description}`.slice(0, 500);
      let target: {
        customerId: number | null;
        invoiceId: number | null;
        paymentId: number | null;
        note: string | null;
      };
      let payment: string | null = null;
      if (input.to === 'invoice') {
        const inv = findPayableInvoice(db, input.invoiceId);
        if (!inv) throw badInput('invoiceId', 'Invoice not found');
        if (inv.status !== 'unpaid' && inv.status !== 'partial')
          throw badInput('invoiceId', `Invoice ${inv.invoiceNumber} is not open`);
        const p = recordBankTransfer(
          call,
          {
            customerId: inv.customerId,
            amount: line.amount,
            invoiceId: inv.id,
            referenceNumber: reference,
            confirmLarge: true,
            notes,
          },
          {},
        );
        target = { customerId: inv.customerId, invoiceId: inv.id, paymentId: p.id, note: null };
        payment = p.paymentNumber;
      } else if (input.to === 'deposit') {
        if (!findCustomerDeposit(db, input.customerId)) throw badInput('customerId', 'Customer not found');
        const p = recordBankTransfer(
          call,
          { customerId: input.customerId, amount: line.amount, referenceNumber: reference, confirmLarge: true, notes },
          { depositOnly: true },
        );
        target = { customerId: input.customerId, invoiceId: null, paymentId: p.id, note: null };
        payment = p.paymentNumber;
      } else target = { customerId: null, invoiceId: null, paymentId: null, note: input.reason };
      const state = input.to === 'invoice' ? 'credited' : input.to;
      if (!settleLine(db, line.id, { from: 'review', state, ...target, by: session?.userId ?? null, now }))
        throw conflictSettled();
      writeAudit(call, {
        action: 'bank.line.settle',
        entity: 'bank_line',
        entityId: line.id,
        before: { state: 'review', amount: line.amount, date: line.date },
        after: { state, customerId: target.customerId, invoiceId: target.invoiceId, payment },
        reason: input.to === 'not_ours' ? input.reason : null,
      });
      return toLine(findLine(db, line.id)!);
    })
    .immediate();
}

export function listBankMappings(call: CallContext) {
  // Mappings saved by another version that no longer validate are left out rather than break the screen.
  return listMappings(call.app.sqlite).flatMap((m) => {
    const parsed = columnMapping.safeParse(JSON.parse(m.mapping));
    return parsed.success ? [{ id: m.id, name: m.name, mapping: parsed.data }] : [];
  });
}

export function saveBankMapping(call: CallContext, input: BankIn<'bankMappings.save'>) {
  const { app, session } = call;
  if (!columnMappingSchema.safeParse(input.mapping).success)
    throw badInput('mapping', 'The column mapping is not valid');
  return app.sqlite
    .transaction(() => {
      const id = upsertMapping(app.sqlite, {
        name: input.name,
        mapping: JSON.stringify(input.mapping),
        by: session?.userId ?? null,
        now: app.clock.now().toISOString(),
      });
      writeAudit(call, { action: 'bank.mapping.save', entity: 'bank_mapping', entityId: id, after: input });
      return { id, name: input.name, mapping: input.mapping };
    })
    .immediate();
}
