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
import { oncePerRequest } from '../client-requests';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { likePattern, type Paged } from '../../data/sql';
import { receiptCustomer } from '../../data/billing/billed-customers.queries';
import {
  depositBeforeRefund,
  depositOf as storedDeposit,
  findCustomerDeposit,
} from '../../data/billing/deposits.repository';
import {
  countRefundReceiptPrint,
  findRefund,
  insertRefund,
  listRefunds as listRefundRows,
  markRefundVoid,
} from '../../data/billing/refunds.repository';
import { drawerCash as shiftDrawerCash, openShiftIdOf } from '../../data/billing/shifts.repository';
import { reserveSequence } from '../../data/sequences';
import { today } from './common';
import { customerIsp } from '../brands/identity';
import { moveDeposit } from './deposits';
import { receiptWithPrint } from './receipt-print';

type R = typeof refundsContract;
type RIn<K extends keyof R> = z.output<R[K]['input']>;

export const refundSequenceName = (prefix: string, yyyymmdd: string) => `refund:${prefix}:${yyyymmdd}`;
export const formatRefundNumber = (prefix: string, yyyymmdd: string, n: number) =>
  `${prefix}-${yyyymmdd}-${String(n).padStart(4, '0')}`;

export function getRefund(call: CallContext, id: number): Refund {
  const row = findRefund(call.app.sqlite, id);
  if (!row) throw notFound('Refund');
  return row;
}

function depositOf(call: CallContext, customerId: number): number {
  return storedDeposit(call.app.sqlite, customerId);
}

export function refundDetail(call: CallContext, id: number) {
  const r = getRefund(call, id);
  return { ...r, customerDeposit: depositOf(call, r.customerId) };
}

/** Cash the open shift's drawer should hold now: opening cash + live cash payments − live cash refunds. */
export function drawerCash(call: CallContext, shiftId: number): number {
  return shiftDrawerCash(call.app.sqlite, shiftId);
}

/** A refund, paid out once per client request id (core/client-requests.ts). */
export function createRefund(call: CallContext, input: RIn<'refunds.create'>) {
  return oncePerRequest(
    call,
    'refunds.create',
    input,
    () => {
      const refund = payOutRefund(call, input);
      return { value: refund, wrote: 'refund', entityId: refund.id, figures: {} };
    },
    (first) => refundDetail(call, first.entityId),
  );
}

function payOutRefund(call: CallContext, input: RIn<'refunds.create'>) {
  const { app, session } = call;
  const settings = getSettings(app);
  if (input.method !== 'cash' && !input.referenceNumber)
    throw badInput('referenceNumber', 'A reference number is required for a refund by transfer');
  return app.sqlite
    .transaction(() => {
      const db = app.sqlite;
      const customer = findCustomerDeposit(db, input.customerId);
      if (!customer) throw badInput('customerId', 'Customer not found');
      // Read under the write lock (IMMEDIATE): a concurrent refund of the same deposit waits and sees this one.
      if (input.amount > customer.deposit) {
        throw badInput('amount', `The deposit is only ${formatRupiah(Math.max(0, customer.deposit))}`);
      }
      let shiftId: number | null = null;
      if (session) {
        shiftId = openShiftIdOf(db, session.userId);
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
      const id = insertRefund(db, {
        refundNumber: number,
        customerId: customer.id,
        amount: input.amount,
        method: input.method,
        refundDate: date,
        refundedAt: now,
        referenceNumber: input.referenceNumber ?? null,
        reason: input.reason,
        notes: input.notes ?? null,
        refundedBy: session?.userId ?? null,
        // A transfer is not drawer money, but the shift it was made in still lists it.
        shiftId,
      });
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
      markRefundVoid(app.sqlite, id, session?.userId ?? null, reason, now);
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
  const { search, ...filter } = input;
  const r = listRefundRows(call.app.sqlite, {
    ...filter,
    ...(search ? { like: likePattern(search.toLowerCase()) } : {}),
  });
  return { items: r.items, total: r.total, page: input.page, pageSize: input.pageSize, totalAmount: r.totalAmount };
}

/** What the 58/80 mm refund receipt prints. With markPrinted the print is counted and audited. */
export function refundReceipt(call: CallContext, id: number, markPrinted: boolean) {
  const { app } = call;
  const settings = getSettings(app);
  return receiptWithPrint(call, {
    entity: 'refund',
    id,
    markPrinted,
    actions: ['refund.receipt_print', 'refund.receipt_reprint'],
    prints: () => getRefund(call, id).receiptPrints,
    count: countRefundReceiptPrint,
    build: (copy) => {
      const refund = refundDetail(call, id);
      // The balance as it was at the refund, so a reprint months later still shows the same figures.
      const depositBefore = depositBeforeRefund(app.sqlite, refund.customerId, id);
      return {
        isp: { ...customerIsp(app, refund.customerId), receiptWidth: settings.receiptWidth },
        refund,
        customer: receiptCustomer(app.sqlite, refund.customerId)!,
        refundedAtLocal: `${refund.refundDate} ${businessTime(new Date(refund.refundedAt), settings.timeZone)}`,
        depositBefore,
        depositAfter: depositBefore - refund.amount,
        receiptPrints: refund.receiptPrints,
        copy,
      };
    },
  });
}
