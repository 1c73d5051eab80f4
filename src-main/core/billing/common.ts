import type { z } from 'zod';
import type { automationContract } from '../../../src-shared/contract/automation';
import type { cashdeskContract } from '../../../src-shared/contract/cashdesk';
import type { invoicesContract } from '../../../src-shared/contract/invoices';
import type { paymentsContract } from '../../../src-shared/contract/payments';
import type { shiftsContract } from '../../../src-shared/contract/shifts';
import type { subscriptionsContract } from '../../../src-shared/contract/subscriptions';
import { addDays, addMonths, businessDate, daysBetween } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/result';
import type { AppContext, CallContext } from '../context';
import { getSettings } from '../settings';

/** The billing channels, whose parsed inputs the services take. */
export type B = typeof subscriptionsContract &
  typeof invoicesContract &
  typeof paymentsContract &
  typeof cashdeskContract &
  typeof shiftsContract &
  typeof automationContract;
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

export const invoiceSequenceName = (prefix: string, yyyymm: string) => `invoice:${prefix}:${yyyymm}`;
export const paymentSequenceName = (prefix: string, yyyymmdd: string) => `payment:${prefix}:${yyyymmdd}`;
export const formatInvoiceNumber = (prefix: string, yyyymm: string, n: number) =>
  `${prefix}-${yyyymm}-${String(n).padStart(5, '0')}`;
export const formatPaymentNumber = (prefix: string, yyyymmdd: string, n: number) =>
  `${prefix}-${yyyymmdd}-${String(n).padStart(4, '0')}`;

/** Stored status that follows from the amounts (void stays void). */
export function storedStatus(amount: number, paid: number): 'unpaid' | 'partial' | 'paid' {
  if (paid <= 0) return 'unpaid';
  return paid >= amount ? 'paid' : 'partial';
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
