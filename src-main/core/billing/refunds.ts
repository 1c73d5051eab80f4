/**
 * Deposit refunds: money paid back from a customer's deposit, in cash out of the cashier's open shift
 * (it lowers the drawer's expected cash) or by transfer with a reference. One IMMEDIATE transaction
 * reads the deposit under the write lock, so two refunds racing for the same deposit cannot both pass;
 * a trigger (drizzle/0006) refuses an over-refund whoever writes it. Voided with a reason, never deleted.
 */
import type { z } from 'zod';
import type { Refund, refundsContract } from '../../../src-shared/contract/refunds';
import { businessTime } from '../../../src-shared/dates';
import { formatRupiah } from '../../../src-shared/money';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { likePattern, type Paged } from '../sql';
import { ispBlock, reserveSequence, stmt, today } from './common';
import { moveDeposit } from './payments';

type R = typeof refundsContract;
type RIn<K extends keyof R> = z.output<R[K]['input']>;

const SELECT = `
  SELECT r.id, r.refund_number AS refundNumber, r.customer_id AS customerId, c.customer_code AS customerCode,
         c.name AS customerName, r.amount, r.method, r.refund_date AS refundDate, r.refunded_at AS refundedAt,
         r.reference_number AS referenceNumber, r.reason, r.notes, r.refunded_by AS refundedBy,
         ru.full_name AS refundedByName, r.shift_id AS shiftId, r.status, r.voided_at AS voidedAt,
         vu.full_name AS voidedByName, r.void_reason AS voidReason, r.receipt_prints AS receiptPrints, r.created_at AS createdAt
  FROM deposit_refunds r
  JOIN customers c ON c.id = r.customer_id
  LEFT JOIN users ru ON ru.id = r.refunded_by
  LEFT JOIN users vu ON vu.id = r.voided_by`;

export const refundSequenceName = (prefix: string, yyyymmdd: string) => `refund:${prefix}:${yyyymmdd}`;
export const formatRefundNumber = (prefix: string, yyyymmdd: string, n: number) =>
  `${prefix}-${yyyymmdd}-${String(n).padStart(4, '0')}`;

export function getRefund(call: CallContext, id: number): Refund {
  const row = stmt(call.app.sqlite, `${SELECT} WHERE r.id = ?`).get(id) as Refund | undefined;
  if (!row) throw notFound('Refund');
  return row;
}

function depositOf(call: CallContext, customerId: number): number {
  return (stmt(call.app.sqlite, 'SELECT deposit FROM customers WHERE id = ?').get(customerId) as { deposit: number })
    .deposit;
}

export function refundDetail(call: CallContext, id: number) {
  const r = getRefund(call, id);
  return { ...r, customerDeposit: depositOf(call, r.customerId) };
}

/** Cash the open shift's drawer should hold now: opening cash + live cash payments − live cash refunds. */
export function drawerCash(call: CallContext, shiftId: number): number {
  return (
    stmt(
      call.app.sqlite,
      `SELECT s.opening_cash
            + (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.shift_id = s.id AND p.status = 'live' AND p.method = 'cash')
            - (SELECT coalesce(sum(r.amount), 0) FROM deposit_refunds r WHERE r.shift_id = s.id AND r.status = 'live' AND r.method = 'cash') AS cash
       FROM shifts s WHERE s.id = ?`,
    ).get(shiftId) as { cash: number }
  ).cash;
}

export function createRefund(call: CallContext, input: RIn<'refunds.create'>) {
  const { app, session } = call;
  const settings = getSettings(app);
  if (input.method !== 'cash' && !input.referenceNumber)
    throw badInput('referenceNumber', 'A reference number is required for a refund by transfer');
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const customer = stmt(db, 'SELECT id, deposit FROM customers WHERE id = ?').get(input.customerId) as
        | { id: number; deposit: number }
        | undefined;
      if (!customer) throw badInput('customerId', 'Customer not found');
      // Read under the write lock (IMMEDIATE): a concurrent refund of the same deposit waits and sees this one.
      if (input.amount > customer.deposit) {
        throw badInput('amount', `The deposit is only ${formatRupiah(Math.max(0, customer.deposit))}`);
      }
      let shiftId: number | null = null;
      if (session) {
        const shift = stmt(db, "SELECT id FROM shifts WHERE user_id = ? AND status = 'open'").get(session.userId) as
          | { id: number }
          | undefined;
        shiftId = shift?.id ?? null;
      }
      if (input.method === 'cash') {
        // Cash comes out of a drawer that is reconciled at shift close.
        if (shiftId === null) throw new AppError('CONFLICT', 'Open a cash shift before paying out cash');
        const drawer = drawerCash(call, shiftId);
        if (input.amount > drawer) throw badInput('amount', `The cash drawer holds only ${formatRupiah(drawer)}`);
      }
      const now = app.clock.now().toISOString();
      const date = today(app);
      const ymd = date.replaceAll('-', '');
      const number = formatRefundNumber(
        settings.refundPrefix,
        ymd,
        reserveSequence(db, refundSequenceName(settings.refundPrefix, ymd), 1),
      );
      const { lastInsertRowid } = stmt(
        db,
        `INSERT INTO deposit_refunds(refund_number, customer_id, amount, method, refund_date, refunded_at, reference_number,
             reason, notes, refunded_by, shift_id, status, receipt_prints, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'live', 0, ?)`,
      ).run(
        number,
        customer.id,
        input.amount,
        input.method,
        date,
        now,
        input.referenceNumber ?? null,
        input.reason,
        input.notes ?? null,
        session?.userId ?? null,
        // A transfer is not drawer money, but the shift it was made in still lists it.
        shiftId,
        now,
      );
      const id = Number(lastInsertRowid);
      moveDeposit(call, customer.id, -input.amount, 'refund', { refundId: id, note: number });
      writeAudit(call, {
        action: 'customer.deposit',
        entity: 'customer',
        entityId: customer.id,
        before: { deposit: customer.deposit },
        after: { deposit: customer.deposit - input.amount, refund: number },
        reason: input.reason,
      });
      writeAudit(call, {
        action: 'refund.create',
        entity: 'refund',
        entityId: id,
        after: {
          refundNumber: number,
          customerId: customer.id,
          amount: input.amount,
          method: input.method,
          referenceNumber: input.referenceNumber ?? null,
          shiftId,
        },
        reason: input.reason,
      });
      return refundDetail(call, id);
    })
    .immediate();
}

/** Voids a refund with a reason: the money goes back on the deposit (and, in cash, into the drawer's figure). */
export function voidRefund(call: CallContext, id: number, reason: string) {
  const { app, session } = call;
  return app.sqlite
    .transaction(() => {
      const r = getRefund(call, id);
      if (r.status === 'void') throw new AppError('CONFLICT', `Refund ${r.refundNumber} is already void`);
      const deposit = depositOf(call, r.customerId);
      const now = app.clock.now().toISOString();
      stmt(
        app.sqlite,
        `UPDATE deposit_refunds SET status = 'void', voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?`,
      ).run(now, session?.userId ?? null, reason, id);
      moveDeposit(call, r.customerId, r.amount, 'reversal', { refundId: id, note: `void ${r.refundNumber}` });
      writeAudit(call, {
        action: 'customer.deposit',
        entity: 'customer',
        entityId: r.customerId,
        before: { deposit },
        after: { deposit: deposit + r.amount, refund: r.refundNumber },
        reason,
      });
      writeAudit(call, {
        action: 'refund.void',
        entity: 'refund',
        entityId: id,
        before: { status: 'live', amount: r.amount },
        after: { status: 'void', depositRestored: r.amount },
        reason,
      });
      return refundDetail(call, id);
    })
    .immediate();
}

export function listRefunds(call: CallContext, input: RIn<'refunds.list'>): Paged<Refund> & { totalAmount: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    where.push(sql);
    params.push(v);
  };
  if (input.customerId) add('r.customer_id = ?', input.customerId);
  if (input.method) add('r.method = ?', input.method);
  if (input.status) add('r.status = ?', input.status);
  if (input.shiftId) add('r.shift_id = ?', input.shiftId);
  if (input.from) add('r.refund_date >= ?', input.from);
  if (input.to) add('r.refund_date <= ?', input.to);
  if (input.search) {
    const like = likePattern(input.search.toLowerCase());
    where.push(
      "(lower(r.refund_number) LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\' OR lower(coalesce(r.reference_number, '')) LIKE ? ESCAPE '\\')",
    );
    params.push(like, like, like);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const db = call.app.sqlite;
  const agg = stmt(
    db,
    `SELECT count(*) AS n, coalesce(sum(CASE WHEN r.status = 'live' THEN r.amount ELSE 0 END), 0) AS amount
       FROM deposit_refunds r JOIN customers c ON c.id = r.customer_id ${w}`,
  ).get(...params) as { n: number; amount: number };
  const items = stmt(db, `${SELECT} ${w} ORDER BY r.refunded_at DESC, r.id DESC LIMIT ? OFFSET ?`).all(
    ...params,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  ) as Refund[];
  return { items, total: agg.n, page: input.page, pageSize: input.pageSize, totalAmount: agg.amount };
}

/** What the 58/80 mm refund receipt prints. With markPrinted the print is counted and audited. */
export function refundReceipt(call: CallContext, id: number, markPrinted: boolean) {
  const { app } = call;
  const settings = getSettings(app);
  const run = () => {
    const before = getRefund(call, id);
    if (markPrinted) {
      stmt(app.sqlite, 'UPDATE deposit_refunds SET receipt_prints = receipt_prints + 1 WHERE id = ?').run(id);
      writeAudit(call, {
        action: before.receiptPrints > 0 ? 'refund.receipt_reprint' : 'refund.receipt_print',
        entity: 'refund',
        entityId: id,
        before: { receiptPrints: before.receiptPrints },
        after: { receiptPrints: before.receiptPrints + 1 },
      });
    }
    const refund = refundDetail(call, id);
    const customer = stmt(
      app.sqlite,
      'SELECT id, customer_code AS customerCode, name, address, phone FROM customers WHERE id = ?',
    ).get(refund.customerId) as {
      id: number;
      customerCode: string;
      name: string;
      address: string | null;
      phone: string | null;
    };
    // The balance as it was at the refund, so a reprint months later still shows the same figures.
    const depositBefore = (
      stmt(
        app.sqlite,
        `SELECT coalesce(sum(amount), 0) AS s FROM deposit_ledger
           WHERE customer_id = ? AND id < (SELECT min(id) FROM deposit_ledger WHERE refund_id = ? AND kind = 'refund')`,
      ).get(refund.customerId, id) as { s: number }
    ).s;
    return {
      isp: { ...ispBlock(app), receiptWidth: settings.receiptWidth },
      refund,
      customer,
      refundedAtLocal: `${refund.refundDate} ${businessTime(new Date(refund.refundedAt), settings.timeZone)}`,
      depositBefore,
      depositAfter: depositBefore - refund.amount,
      receiptPrints: refund.receiptPrints,
      copy: markPrinted ? before.receiptPrints > 0 : refund.receiptPrints > 0,
    };
  };
  return markPrinted ? app.sqlite.transaction(run)() : run();
}
