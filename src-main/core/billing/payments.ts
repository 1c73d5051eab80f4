import type { Payment } from '../../../src-shared/contract/billing';
import { businessTime } from '../../../src-shared/dates';
import { formatRupiah } from '../../../src-shared/money';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { likePattern, type Paged } from '../sql';
import {
  formatPaymentNumber,
  ispBlock,
  paymentSequenceName,
  reserveSequence,
  storedStatus,
  today,
  type In,
  stmt,
} from './common';
import { restoreIfCleared } from './restore';

const SELECT = `
  SELECT p.id, p.payment_number AS paymentNumber, p.customer_id AS customerId, c.customer_code AS customerCode,
         c.name AS customerName, p.invoice_id AS invoiceId, i.invoice_number AS invoiceNumber, p.amount, p.method,
         p.payment_date AS paymentDate, p.paid_at AS paidAt, p.reference_number AS referenceNumber, p.notes,
         p.received_by AS receivedBy, ru.full_name AS receivedByName, p.shift_id AS shiftId, p.tendered,
         coalesce((SELECT sum(a.amount) FROM payment_allocations a WHERE a.payment_id = p.id AND a.source = 'deposit'), 0) AS fromDeposit,
         coalesce((SELECT sum(a.amount) FROM payment_allocations a WHERE a.payment_id = p.id AND a.source = 'payment'), 0) AS allocated,
         p.status, p.voided_at AS voidedAt, vu.full_name AS voidedByName, p.void_reason AS voidReason,
         p.receipt_prints AS receiptPrints, p.created_at AS createdAt
  FROM payments p
  JOIN customers c ON c.id = p.customer_id
  LEFT JOIN invoices i ON i.id = p.invoice_id
  LEFT JOIN users ru ON ru.id = p.received_by
  LEFT JOIN users vu ON vu.id = p.voided_by`;

type Row = Omit<Payment, 'change' | 'toDeposit'>;

function toPayment(r: Row): Payment {
  // Money received that no invoice took went to the deposit (deposit-method payments receive nothing).
  const toDeposit = r.method === 'deposit' ? 0 : Math.max(0, r.amount - r.allocated);
  return { ...r, toDeposit, change: r.tendered !== null ? Math.max(0, r.tendered - r.amount) : 0 };
}

export function getPayment(call: CallContext, id: number): Payment {
  const row = stmt(call.app.sqlite, `${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('Payment');
  return toPayment(row);
}

export function paymentDetail(call: CallContext, id: number) {
  const p = getPayment(call, id);
  const db = call.app.sqlite;
  const allocations = (
    stmt(
      db,
      `SELECT a.invoice_id AS invoiceId, i.invoice_number AS invoiceNumber, i.period, i.description, i.amount AS invoiceAmount,
                CASE WHEN i.status = 'void' THEN 0 ELSE i.amount - i.paid_amount END AS invoiceOutstanding,
                a.amount, a.source, a.is_live AS isLive
         FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ? ORDER BY a.id`,
    ).all(id) as {
      isLive: number;
      source: 'payment' | 'deposit';
      invoiceId: number;
      invoiceNumber: string;
      period: string;
      description: string | null;
      invoiceAmount: number;
      invoiceOutstanding: number;
      amount: number;
    }[]
  ).map((a) => ({ ...a, isLive: a.isLive === 1 }));
  const customerDeposit = (
    stmt(db, 'SELECT deposit FROM customers WHERE id = ?').get(p.customerId) as { deposit: number }
  ).deposit;
  return { ...p, allocations, customerDeposit };
}

export function listPayments(call: CallContext, input: In<'payments.list'>): Paged<Payment> & { totalAmount: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    where.push(sql);
    params.push(v);
  };
  if (input.customerId) add('p.customer_id = ?', input.customerId);
  if (input.method) add('p.method = ?', input.method);
  if (input.status) add('p.status = ?', input.status);
  if (input.shiftId) add('p.shift_id = ?', input.shiftId);
  if (input.from) add('p.payment_date >= ?', input.from);
  if (input.to) add('p.payment_date <= ?', input.to);
  if (input.search) {
    const like = likePattern(input.search.toLowerCase());
    where.push(
      "(lower(p.payment_number) LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\' OR lower(coalesce(p.reference_number, '')) LIKE ? ESCAPE '\\')",
    );
    params.push(like, like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const db = call.app.sqlite;
  const agg = stmt(
    db,
    `SELECT count(*) AS n, coalesce(sum(CASE WHEN p.status = 'live' THEN p.amount ELSE 0 END), 0) AS amount
       FROM payments p JOIN customers c ON c.id = p.customer_id ${w}`,
  ).get(...params) as { n: number; amount: number };
  const rows = stmt(db, `${SELECT} ${w} ORDER BY p.paid_at DESC, p.id DESC LIMIT ? OFFSET ?`).all(
    ...params,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  ) as Row[];
  return {
    items: rows.map(toPayment),
    total: agg.n,
    page: input.page,
    pageSize: input.pageSize,
    totalAmount: agg.amount,
  };
}

interface OpenInvoice {
  id: number;
  invoiceNumber: string;
  amount: number;
  paidAmount: number;
  status: string;
  customerId: number;
}

/** Writes one deposit movement and keeps customers.deposit (the cached sum) in step, same transaction. */
export function moveDeposit(
  call: CallContext,
  customerId: number,
  amount: number,
  kind: 'overpayment' | 'topup' | 'applied' | 'reversal' | 'refund',
  refs: { paymentId?: number | null; refundId?: number | null; invoiceId?: number | null; note?: string | null },
): void {
  const { app, session } = call;
  const now = app.clock.now().toISOString();
  stmt(
    app.sqlite,
    `INSERT INTO deposit_ledger(customer_id, amount, kind, payment_id, refund_id, invoice_id, user_id, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    customerId,
    amount,
    kind,
    refs.paymentId ?? null,
    refs.refundId ?? null,
    refs.invoiceId ?? null,
    session?.userId ?? null,
    refs.note ?? null,
    now,
  );
  stmt(app.sqlite, 'UPDATE customers SET deposit = deposit + ?, updated_at = ? WHERE id = ?').run(
    amount,
    now,
    customerId,
  );
}

/** Adds (or removes, when negative) an allocation's amount to an invoice and re-derives its stored status. */
function applyToInvoice(
  call: CallContext,
  inv: OpenInvoice,
  delta: number,
  action: string,
  paymentNumber: string,
  reason?: string,
) {
  const { app } = call;
  const paid = inv.paidAmount + delta;
  const status = storedStatus(inv.amount, paid);
  stmt(app.sqlite, 'UPDATE invoices SET paid_amount = ?, status = ?, updated_at = ? WHERE id = ?').run(
    paid,
    status,
    app.clock.now().toISOString(),
    inv.id,
  );
  writeAudit(call, {
    action,
    entity: 'invoice',
    entityId: inv.id,
    before: { paidAmount: inv.paidAmount, status: inv.status },
    after: { paidAmount: paid, status, payment: paymentNumber },
    reason: reason ?? null,
  });
  inv.paidAmount = paid;
  inv.status = status;
}

/**
 * Takes a payment: one IMMEDIATE transaction writes the payment (numbered), its allocations, invoice
 * amounts and statuses, deposit movements, audit rows, and restores isolated accounts when the
 * arrears are cleared. Allocation order: the chosen invoice, then the oldest open invoices (by due
 * date), then whatever is left goes to the customer's deposit.
 */
export function createPayment(call: CallContext, input: In<'payments.create'>) {
  const { app, session } = call;
  const settings = getSettings(app);
  const isDeposit = input.method === 'deposit';
  if (input.method !== 'cash' && !isDeposit && !input.referenceNumber) {
    throw badInput(
      'referenceNumber',
      'A reference number is required for bank transfer, e-wallet and credit card payments',
    );
  }
  if (input.tendered !== undefined && input.method !== 'cash')
    throw badInput('tendered', 'Only cash payments have money tendered');
  if (input.tendered !== undefined && input.tendered < input.amount) {
    throw badInput(
      'tendered',
      `Cash tendered (${formatRupiah(input.tendered)}) is less than the amount (${formatRupiah(input.amount)})`,
    );
  }
  if (isDeposit && input.useDeposit) throw badInput('useDeposit', 'A deposit payment already uses the deposit');
  if (!isDeposit && input.amount > settings.paymentConfirmLimit && !input.confirmLarge) {
    throw badInput(
      'confirmLarge',
      `${formatRupiah(input.amount)} is above the confirmation limit of ${formatRupiah(settings.paymentConfirmLimit)}: confirm the amount`,
    );
  }

  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const customer = stmt(db, 'SELECT id, deposit FROM customers WHERE id = ?').get(input.customerId) as
        | { id: number; deposit: number }
        | undefined;
      if (!customer) throw badInput('customerId', 'Customer not found');

      let shiftId: number | null = null;
      if (session) {
        const shift = stmt(db, "SELECT id FROM shifts WHERE user_id = ? AND status = 'open'").get(session.userId) as
          | { id: number }
          | undefined;
        shiftId = shift?.id ?? null;
        // Cash must land in a shift so the drawer can be reconciled at close.
        if (input.method === 'cash' && shiftId === null)
          throw new AppError('CONFLICT', 'Open a cash shift before taking cash payments');
      }

      const open = stmt(
        db,
        `SELECT id, invoice_number AS invoiceNumber, amount, paid_amount AS paidAmount, status, customer_id AS customerId
           FROM invoices WHERE customer_id = ? AND status IN ('unpaid','partial') ORDER BY due_date, id`,
      ).all(customer.id) as OpenInvoice[];
      let queue = open;
      if (input.invoiceId !== undefined) {
        const chosen = stmt(
          db,
          `SELECT id, invoice_number AS invoiceNumber, amount, paid_amount AS paidAmount, status, customer_id AS customerId FROM invoices WHERE id = ?`,
        ).get(input.invoiceId) as OpenInvoice | undefined;
        if (!chosen) throw badInput('invoiceId', 'Invoice not found');
        if (chosen.customerId !== customer.id) throw badInput('invoiceId', 'That invoice belongs to another customer');
        if (chosen.status === 'void')
          throw new AppError('CONFLICT', `Invoice ${chosen.invoiceNumber} is void; it cannot be paid`);
        if (chosen.status === 'paid') throw new AppError('CONFLICT', `Invoice ${chosen.invoiceNumber} is already paid`);
        queue = [open.find((o) => o.id === chosen.id)!, ...open.filter((o) => o.id !== chosen.id)];
      }
      const outstanding = queue.reduce((s, i) => s + (i.amount - i.paidAmount), 0);

      // Plan: deposit first (when asked), then the money received.
      const plan: { inv: OpenInvoice; amount: number; source: 'payment' | 'deposit' }[] = [];
      const left = new Map(queue.map((i) => [i.id, i.amount - i.paidAmount]));
      const spread = (budget: number, source: 'payment' | 'deposit') => {
        for (const inv of queue) {
          if (budget <= 0) break;
          const room = left.get(inv.id)!;
          if (room <= 0) continue;
          const take = Math.min(room, budget);
          plan.push({ inv, amount: take, source });
          left.set(inv.id, room - take);
          budget -= take;
        }
        return budget;
      };
      let fromDeposit = 0;
      let received = input.amount;
      if (isDeposit) {
        if (outstanding === 0)
          throw new AppError('CONFLICT', 'This customer has no open invoice to pay from the deposit');
        if (input.amount > outstanding)
          throw badInput('amount', `More than the outstanding ${formatRupiah(outstanding)}`);
        if (!settings.allowNegativeDeposit && input.amount > customer.deposit) {
          throw badInput('amount', `The deposit is only ${formatRupiah(customer.deposit)}`);
        }
        fromDeposit = input.amount;
        spread(fromDeposit, 'deposit');
        received = 0;
      } else {
        if (input.useDeposit && customer.deposit > 0) {
          fromDeposit = Math.min(customer.deposit, outstanding);
          spread(fromDeposit, 'deposit');
        }
      }
      const toDeposit = isDeposit ? 0 : spread(received, 'payment');

      // Write.
      const now = app.clock.now();
      const date = today(app);
      const ymd = date.replaceAll('-', '');
      const number = formatPaymentNumber(
        settings.paymentPrefix,
        ymd,
        reserveSequence(db, paymentSequenceName(settings.paymentPrefix, ymd), 1),
      );
      const { lastInsertRowid } = stmt(
        db,
        `INSERT INTO payments(payment_number, customer_id, invoice_id, amount, method, payment_date, paid_at, reference_number, notes,
                                received_by, shift_id, tendered, status, receipt_prints, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'live', 0, ?)`,
      ).run(
        number,
        customer.id,
        input.invoiceId ?? null,
        received,
        input.method,
        date,
        now.toISOString(),
        input.referenceNumber ?? null,
        input.notes ?? null,
        session?.userId ?? null,
        shiftId,
        input.method === 'cash' ? (input.tendered ?? null) : null,
        now.toISOString(),
      );
      const paymentId = Number(lastInsertRowid);
      const insAlloc = stmt(
        db,
        `INSERT INTO payment_allocations(payment_id, invoice_id, amount, source, is_live, created_at) VALUES (?, ?, ?, ?, 1, ?)`,
      );
      for (const a of plan) {
        insAlloc.run(paymentId, a.inv.id, a.amount, a.source, now.toISOString());
        applyToInvoice(call, a.inv, a.amount, 'invoice.payment', number);
      }
      const depositBefore = customer.deposit;
      if (fromDeposit > 0) moveDeposit(call, customer.id, -fromDeposit, 'applied', { paymentId, note: number });
      if (toDeposit > 0)
        moveDeposit(call, customer.id, toDeposit, plan.some((a) => a.source === 'payment') ? 'overpayment' : 'topup', {
          paymentId,
          note: number,
        });
      if (fromDeposit > 0 || toDeposit > 0) {
        writeAudit(call, {
          action: 'customer.deposit',
          entity: 'customer',
          entityId: customer.id,
          before: { deposit: depositBefore },
          after: { deposit: depositBefore - fromDeposit + toDeposit, payment: number },
        });
      }
      const created = paymentDetail(call, paymentId);
      writeAudit(call, {
        action: 'payment.create',
        entity: 'payment',
        entityId: paymentId,
        after: {
          paymentNumber: number,
          customerId: customer.id,
          amount: received,
          method: input.method,
          fromDeposit,
          toDeposit,
          allocations: plan.map((a) => ({ invoiceId: a.inv.id, amount: a.amount, source: a.source })),
        },
      });
      const restoredAccounts = restoreIfCleared(call, customer.id, `payment ${number}`);
      return { ...created, restoredAccounts };
    })
    .immediate();
}

/**
 * Voids a payment with a reason and reverses everything it did: allocations stop counting, invoices
 * get their paid amount and status back, deposit credits and debits are reversed. Refused when the
 * deposit it created has been spent since (void the later payment first), unless negative deposits
 * are allowed.
 */
export function voidPayment(call: CallContext, id: number, reason: string) {
  const { app, session } = call;
  const settings = getSettings(app);
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const p = getPayment(call, id);
      if (p.status === 'void') throw new AppError('CONFLICT', `Payment ${p.paymentNumber} is already void`);
      const allocs = stmt(
        db,
        `SELECT id, invoice_id AS invoiceId, amount FROM payment_allocations WHERE payment_id = ? AND is_live = 1`,
      ).all(id) as { id: number; invoiceId: number; amount: number }[];
      const depositEffect = (
        stmt(db, 'SELECT coalesce(sum(amount), 0) AS s FROM deposit_ledger WHERE payment_id = ?').get(id) as {
          s: number;
        }
      ).s;
      const customer = stmt(db, 'SELECT deposit FROM customers WHERE id = ?').get(p.customerId) as { deposit: number };
      if (!settings.allowNegativeDeposit && customer.deposit - depositEffect < 0) {
        throw new AppError(
          'CONFLICT',
          `The ${formatRupiah(depositEffect)} this payment put on the deposit has been used since (deposit now ${formatRupiah(customer.deposit)}): void the payment that used it first`,
        );
      }
      const invStmt = stmt(
        db,
        `SELECT id, invoice_number AS invoiceNumber, amount, paid_amount AS paidAmount, status, customer_id AS customerId FROM invoices WHERE id = ?`,
      );
      stmt(db, 'UPDATE payment_allocations SET is_live = 0 WHERE payment_id = ?').run(id);
      for (const a of allocs) {
        applyToInvoice(
          call,
          invStmt.get(a.invoiceId) as OpenInvoice,
          -a.amount,
          'invoice.payment_void',
          p.paymentNumber,
          reason,
        );
      }
      if (depositEffect !== 0) {
        moveDeposit(call, p.customerId, -depositEffect, 'reversal', { paymentId: id, note: `void ${p.paymentNumber}` });
        writeAudit(call, {
          action: 'customer.deposit',
          entity: 'customer',
          entityId: p.customerId,
          before: { deposit: customer.deposit },
          after: { deposit: customer.deposit - depositEffect, payment: p.paymentNumber },
          reason,
        });
      }
      const now = app.clock.now().toISOString();
      stmt(db, `UPDATE payments SET status = 'void', voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?`).run(
        now,
        session?.userId ?? null,
        reason,
        id,
      );
      writeAudit(call, {
        action: 'payment.void',
        entity: 'payment',
        entityId: id,
        before: { status: 'live', amount: p.amount },
        after: { status: 'void', reversedAllocations: allocs.length, depositReversed: -depositEffect },
        reason,
      });
      return paymentDetail(call, id);
    })
    .immediate();
}

export function paymentReceipt(call: CallContext, id: number, markPrinted: boolean) {
  const { app } = call;
  const settings = getSettings(app);
  const run = () => {
    const before = getPayment(call, id);
    if (markPrinted) {
      stmt(app.sqlite, 'UPDATE payments SET receipt_prints = receipt_prints + 1 WHERE id = ?').run(id);
      writeAudit(call, {
        action: before.receiptPrints > 0 ? 'payment.receipt_reprint' : 'payment.receipt_print',
        entity: 'payment',
        entityId: id,
        before: { receiptPrints: before.receiptPrints },
        after: { receiptPrints: before.receiptPrints + 1 },
      });
    }
    const payment = paymentDetail(call, id);
    const customer = stmt(
      app.sqlite,
      'SELECT id, customer_code AS customerCode, name, address, phone FROM customers WHERE id = ?',
    ).get(payment.customerId) as {
      id: number;
      customerCode: string;
      name: string;
      address: string | null;
      phone: string | null;
    };
    const remainingOutstanding = (
      stmt(
        app.sqlite,
        `SELECT coalesce(sum(amount - paid_amount), 0) AS s FROM invoices WHERE customer_id = ? AND status IN ('unpaid','partial')`,
      ).get(payment.customerId) as { s: number }
    ).s;
    const paidAt = new Date(payment.paidAt);
    return {
      isp: { ...ispBlock(app), receiptWidth: settings.receiptWidth },
      payment,
      customer,
      cashierName: payment.receivedByName,
      paidAtLocal: `${payment.paymentDate} ${businessTime(paidAt, settings.timeZone)}`,
      tendered: payment.tendered,
      change: payment.change,
      remainingOutstanding,
      receiptPrints: payment.receiptPrints,
      // With markPrinted the print just counted is a copy when it was not the first; without, the next one would be.
      copy: markPrinted ? before.receiptPrints > 0 : payment.receiptPrints > 0,
    };
  };
  return markPrinted ? app.sqlite.transaction(run)() : run();
}
