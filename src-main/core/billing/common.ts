import type { z } from 'zod';
import type { billingContract, Invoice, InvoiceStatus } from '../../../src-shared/contract/billing';
import { addDays, addMonths, businessDate, daysBetween } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/result';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db/open';
import type { AppContext, CallContext } from '../context';
import { getSettings } from '../settings';

export type B = typeof billingContract;
export type In<K extends keyof B> = z.output<B[K]['input']>;

/** Today's business date in the ISP's time zone. */
export function today(app: AppContext): string {
  return businessDate(app.clock.now(), getSettings(app).timeZone);
}

/** Indonesian zones have fixed offsets (no daylight saving). */
const ZONE_OFFSET_HOURS: Record<string, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };

/** The UTC instant (ISO) at which a business date starts in the ISP's zone: for `at` range filters. */
export function dayStartUtc(app: AppContext, date: string): string {
  const offset = ZONE_OFFSET_HOURS[getSettings(app).timeZone] ?? 7;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, -offset)).toISOString();
}

/** Current billing month `YYYY-MM` in the ISP's time zone. */
export const currentPeriod = (app: AppContext) => today(app).slice(0, 7);

export const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** `2026-11` → `November 2026`. */
export function periodLabel(p: string): string {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return `${BULAN[m - 1]} ${y}`;
}

/**
 * Reserves `count` consecutive numbers of a named counter in one statement. Must run inside the
 * transaction that writes the numbered rows, so a rollback gives the whole block back (no gaps).
 * Returns the first number of the block.
 */
export function reserveSequence(sqlite: Sqlite, name: string, count: number): number {
  const row = stmt(
    sqlite,
    'INSERT INTO sequences(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value RETURNING value',
  ).get(name, count) as { value: number };
  return row.value - count + 1;
}

const statements = new WeakMap<Sqlite, Map<string, Statement>>();
/**
 * A prepared statement cached per connection: better-sqlite3 does not cache prepare(), and the cash
 * desk's hot path would otherwise compile a dozen statements per payment.
 */
export function stmt(db: Sqlite, sql: string): Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st;
}

export const invoiceSequenceName = (prefix: string, yyyymm: string) => `invoice:${prefix}:${yyyymm}`;
export const paymentSequenceName = (prefix: string, yyyymmdd: string) => `payment:${prefix}:${yyyymmdd}`;
export const formatInvoiceNumber = (prefix: string, yyyymm: string, n: number) =>
  `${prefix}-${yyyymm}-${String(n).padStart(5, '0')}`;
export const formatPaymentNumber = (prefix: string, yyyymmdd: string, n: number) =>
  `${prefix}-${yyyymmdd}-${String(n).padStart(4, '0')}`;

/** Shown status: stored unpaid/partial become `overdue` once the due date has passed (ISP zone). */
export function displayStatus(stored: string, dueDate: string, todayDate: string): InvoiceStatus {
  if ((stored === 'unpaid' || stored === 'partial') && dueDate < todayDate) return 'overdue';
  return stored as InvoiceStatus;
}

/** Stored status that follows from the amounts (void stays void). */
export function storedStatus(amount: number, paid: number): 'unpaid' | 'partial' | 'paid' {
  if (paid <= 0) return 'unpaid';
  return paid >= amount ? 'paid' : 'partial';
}

export const INVOICE_SELECT = `
  SELECT i.id, i.invoice_number AS invoiceNumber, i.customer_id AS customerId, c.customer_code AS customerCode,
         c.name AS customerName, i.subscription_id AS subscriptionId, i.period, i.invoice_date AS invoiceDate,
         i.due_date AS dueDate, i.amount, i.paid_amount AS paidAmount, i.status, i.description, i.notes,
         i.voided_at AS voidedAt, vu.full_name AS voidedByName, i.void_reason AS voidReason, i.created_at AS createdAt
  FROM invoices i JOIN customers c ON c.id = i.customer_id LEFT JOIN users vu ON vu.id = i.voided_by`;

export type InvoiceRow = Omit<Invoice, 'outstanding'>;

export function toInvoice(r: InvoiceRow, todayDate: string): Invoice {
  const isVoid = r.status === 'void';
  return {
    ...r,
    status: displayStatus(r.status, r.dueDate, todayDate),
    outstanding: isVoid ? 0 : Math.max(0, r.amount - r.paidAmount),
  };
}

/** SQL condition (on alias `i`) for a shown status; `?` is today's date. */
export function statusCondition(status: InvoiceStatus): { sql: string; needsToday: boolean } {
  switch (status) {
    case 'overdue':
      return { sql: "i.status IN ('unpaid','partial') AND i.due_date < ?", needsToday: true };
    case 'unpaid':
    case 'partial':
      return { sql: `i.status = '${status}' AND i.due_date >= ?`, needsToday: true };
    default:
      return { sql: `i.status = '${status}'`, needsToday: false };
  }
}

export function requireSession(call: CallContext) {
  if (!call.session && call.transport !== 'internal') throw new AppError('UNAUTHENTICATED', 'Please sign in');
  return call.session;
}

export function ispBlock(app: AppContext) {
  const s = getSettings(app);
  return { name: s.ispName, address: s.ispAddress, phone: s.ispPhone, logo: s.ispLogo, timeZone: s.timeZone };
}

export { addDays, addMonths, daysBetween };
