import { findCustomer } from '../../data/customers.repository';
import { beginScrub, compactDatabase, endScrub, erasureOf, setSecureDelete } from '../../data/privacy-erase.repository';
import { badInput, conflict, notFound } from '../../../src-shared/result';
import { writeAudit } from '../audit';
import { sourceOf, type CallContext } from '../context';
import { BUILT_IN_DOMAINS } from './domains';
import { orderedDomains, type EraseBlocker } from './registry';
import { scrubText } from './scrub';
import { privacySubject } from './subject';

/** What the confirm dialog shows before an erasure: what stops it, what is kept, what goes. */
export function erasePreview(call: CallContext, customerId: number) {
  const c = findCustomer(call.app.sqlite, customerId);
  if (!c) throw notFound('Customer');
  const subject = privacySubject(call, customerId);
  const erased = erasureOf(call.app.sqlite, customerId);
  const blockers: EraseBlocker[] = erased
    ? []
    : orderedDomains(BUILT_IN_DOMAINS).flatMap((d) => d.blockers?.(call, subject) ?? []);
  const { links } = subject;
  return {
    customerCode: c.customerCode,
    name: c.name,
    erasedAt: erased?.at ?? null,
    erasedRequestedBy: erased?.requestedBy ?? null,
    blockers: blockers.map(({ code, count }) => ({ code, count })),
    keeps: {
      invoices: links.invoiceIds.length,
      payments: links.paymentIds.length,
      refunds: links.refundIds.length,
    },
    removes: {
      accounts: links.accounts.length,
      routerSecrets: links.accounts.filter((a) => a.routerId !== null).length,
      auditRows: subject.auditRows.length,
    },
  };
}

/**
 * Erases a customer's personal data on their request (UU PDP): every domain's erase step, the record of
 * the erasure and its audit row in one transaction; refused (nothing written) while the customer still
 * has open bills, a live account, a running subscription or a deposit. Financial records stay intact
 * under the customer code. SQLite's secure_delete is on for the transaction, and the file is rebuilt
 * (VACUUM) and the WAL emptied afterwards, so the old values survive neither in free space nor in the WAL.
 */
export function eraseCustomer(
  call: CallContext,
  input: { customerId: number; requestedBy: string; reason: string; confirmCode: string },
) {
  const { app } = call;
  const db = app.sqlite;
  const wasSecure = setSecureDelete(db, true);
  try {
    const result = db
      .transaction(() => {
        const c = findCustomer(db, input.customerId);
        if (!c) throw notFound('Customer');
        if (erasureOf(db, c.id)) throw conflict(`The personal data of ${c.customerCode} was already erased`);
        if (input.confirmCode.trim().toUpperCase() !== c.customerCode.toUpperCase())
          throw badInput('confirmCode', `Type the customer code ${c.customerCode} to confirm`);
        const subject = privacySubject(call, c.id);
        const domains = orderedDomains(BUILT_IN_DOMAINS);
        const blocker = domains.flatMap((d) => d.blockers?.(call, subject) ?? [])[0];
        if (blocker) throw conflict(blocker.message);
        // What staff typed may name the customer too ("Budi asked in person"): it is kept without that.
        const requestedBy = scrubText(input.requestedBy, subject.forms);
        const reason = scrubText(input.reason, subject.forms);
        const at = app.clock.now().toISOString();
        const erasureId = beginScrub(db, {
          customerId: c.id,
          customerCode: c.customerCode,
          at,
          requestedBy,
          reason,
          userId: call.session?.userId ?? null,
          source: sourceOf(call),
        });
        const counts: Record<string, number> = {};
        for (const d of domains)
          for (const [k, n] of Object.entries(d.erase(call, subject))) counts[`${d.id}.${k}`] = n;
        endScrub(db, erasureId);
        writeAudit(call, {
          action: 'customer.erase',
          entity: 'customer',
          entityId: c.id,
          before: { customerCode: c.customerCode },
          after: { requestedBy, erased: counts },
          reason,
        });
        return { customerId: c.id, customerCode: c.customerCode, erasedAt: at, counts };
      })
      .immediate();
    let compacted = false;
    try {
      compacted = compactDatabase(db);
    } catch (err) {
      app.logger.warn('privacy: the database could not be compacted after an erasure', { error: err });
    }
    return { ...result, compacted };
  } finally {
    setSecureDelete(db, wasSecure);
  }
}
