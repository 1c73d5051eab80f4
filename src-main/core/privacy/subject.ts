import { auditRowsAbout, customerLinks } from '../../data/privacy.repository';
import { findCustomer } from '../../data/customers.repository';
import { notFound } from '../../../src-shared/result';
import type { CallContext } from '../context';
import type { PrivacySubject } from './registry';
import { searchForms, snapshotValues } from './scrub';

/** Gathers what is known about a customer before an export or erasure. */
export function privacySubject(call: CallContext, customerId: number): PrivacySubject {
  const db = call.app.sqlite;
  const c = findCustomer(db, customerId);
  if (!c) throw notFound('Customer');
  const links = customerLinks(db, customerId);
  const auditRows = auditRowsAbout(db, customerId, c.customerCode, links).map((r) => ({ ...r, direct: r.directLink }));
  // Old names and phones live on in the audit trail of the customer and of their accounts.
  const learned = auditRows
    .filter((r) => r.direct && (r.entity === 'customer' || r.entity === 'pppoe'))
    .flatMap((r) => [...snapshotValues(r.before), ...snapshotValues(r.after)]);
  const current = [c.name, c.address, c.phone, c.email, c.idCard, ...links.accounts.map((a) => a.username)];
  // The code stays (financial records show it): never scrub it, even when a name repeats it.
  const forms = searchForms([...current, ...learned]).filter((f) => f.toLowerCase() !== c.customerCode.toLowerCase());
  return { customerId, customerCode: c.customerCode, links, auditRows, forms };
}
