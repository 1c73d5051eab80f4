/**
 * Kode unik as stored: the amount an open bill asks by bank transfer. Assigned the first time a bill is
 * shown to the customer (invoice PDF, portal, a reminder), kept while its open balance stays the same,
 * given back by a trigger when the bill is paid or voided. The code is added to the bill (never taken
 * off): a transfer of the exact amount pays the bill and the few rupiah of the code go to the
 * customer's deposit, so no bill is left partly paid and no rupiah is lost.
 */
import { formatRupiah } from '../../../src-shared/money';
import type { Settings } from '../../../src-shared/settings';
import { findPayableInvoice } from '../../data/billing/invoices.repository';
import {
  activeCodeOf,
  insertCode,
  releaseCode,
  takenPayables,
} from '../../data/bank-transfers/transfer-codes.repository';
import { writeAudit } from '../audit';
import type { AppContext } from '../context';
import { getSettings } from '../settings';
import { allocateKodeUnik } from './kode-unik';

export interface TransferAmount {
  invoiceId: number;
  /** The open balance. */
  base: number;
  code: number;
  /** base + code: the exact amount to transfer. */
  payable: number;
}

/** A payable amount given back stays reserved this long: a late transfer must not look like another bill's. */
const RESERVE_DAYS = 14;

/**
 * The kode unik amount of an open bill, assigning one when it has none (or when its open balance changed
 * since). Null when kode unik is off, the bill is not open, or every code of its amount is taken.
 * Runs in its own IMMEDIATE transaction (a savepoint inside a caller's) with its audit row.
 */
export function transferAmountFor(app: AppContext, invoiceId: number): TransferAmount | null {
  const s = getSettings(app);
  if (!s.kodeUnikEnabled) return null;
  return app.sqlite
    .transaction((): TransferAmount | null => {
      const db = app.sqlite;
      const inv = findPayableInvoice(db, invoiceId);
      if (!inv || (inv.status !== 'unpaid' && inv.status !== 'partial')) return null;
      const base = inv.amount - inv.paidAmount;
      if (base <= 0) return null;
      const current = activeCodeOf(db, invoiceId);
      if (current && current.baseAmount === base && current.code <= s.kodeUnikMax)
        return { invoiceId, base, code: current.code, payable: current.payable };
      const now = app.clock.now();
      if (current) releaseCode(db, current.id, now.toISOString());
      const since = new Date(now.getTime() - RESERVE_DAYS * 86_400_000).toISOString();
      const taken = takenPayables(db, base + 1, base + s.kodeUnikMax, since);
      const [a] = allocateKodeUnik([{ id: invoiceId, baseAmount: base }], settingsOf(s), taken);
      if (!a || a.status === 'exhausted') {
        app.logger.warn('kode unik exhausted', { invoiceId, base, max: s.kodeUnikMax });
        return null;
      }
      insertCode(db, { invoiceId, baseAmount: base, code: a.code, payable: a.payable, now: now.toISOString() });
      writeAudit(
        { app, session: null, transport: 'internal' },
        {
          action: 'invoice.transfer_code',
          entity: 'invoice',
          entityId: invoiceId,
          before: current ? { code: current.code, payable: current.payable } : null,
          after: { code: a.code, payable: a.payable, base },
        },
      );
      return { invoiceId, base, code: a.code, payable: a.payable };
    })
    .immediate();
}

const settingsOf = (s: Settings) => ({ mode: 'surcharge' as const, min: 1, max: s.kodeUnikMax });

/** The customer-facing sentence, in the document's language. */
export function transferSentence(t: TransferAmount, lang: 'id' | 'en'): string {
  return lang === 'id'
    ? `Transfer tepat ${formatRupiah(t.payable)} (tagihan ${formatRupiah(t.base)} + kode unik ${t.code}) agar pembayaran dikenali otomatis.`
    : `Transfer exactly ${formatRupiah(t.payable)} (bill ${formatRupiah(t.base)} + unique code ${t.code}) so that the payment is recognised automatically.`;
}

/** "BCA 1234567890 a.n. PT Contoh" per account in Settings. */
export function bankAccountLines(s: Settings, lang: 'id' | 'en'): string[] {
  return s.bankAccounts.map((b) => `${b.bank} ${b.number} ${lang === 'id' ? 'a.n.' : 'in the name of'} ${b.holder}`);
}

/** What a document or the portal prints about paying a bill by transfer, in the ISP's language. */
export function transferBlock(app: AppContext, invoiceId: number) {
  const t = transferAmountFor(app, invoiceId);
  if (!t) return null;
  const s = getSettings(app);
  return {
    base: t.base,
    code: t.code,
    payable: t.payable,
    sentence: transferSentence(t, s.language),
    banks: bankAccountLines(s, s.language),
  };
}
