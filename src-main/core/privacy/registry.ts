import type { AuditTextRow, CustomerLinks, ExportRow } from '../../data/privacy.repository';
import type { CallContext } from '../context';

/** The customer a personal-data export or erasure is about, gathered once before anything changes. */
export interface PrivacySubject {
  customerId: number;
  customerCode: string;
  /** What belongs to the customer (accounts, subscriptions, invoices, payments, refunds). */
  links: CustomerLinks;
  /** Audit rows about the customer; `direct` when about the customer or something of theirs. */
  auditRows: (AuditTextRow & { direct: boolean })[];
  /** Every form of every personal value known for the customer (now and in the audit trail), longest first. */
  forms: string[];
}

/** Why an erasure must wait. `message` is the English server message; `code` + `count` drive the dialog. */
export interface EraseBlocker {
  code: string;
  count: number;
  message: string;
}

/**
 * One domain's part of the personal-data rights: what it holds about a customer (export), what stops an
 * erasure, and how it erases. Every step runs inside the caller's transaction (erase: one transaction
 * for all domains and the audit row). A new domain (the customer portal, the message outbox) registers
 * itself with registerPrivacyDomain; the built-in ones are in domains.ts.
 */
export interface PrivacyDomain {
  id: string;
  /** Sections for the export file: section id → rows (section ids are translated in export-labels.ts). */
  export(call: CallContext, subject: PrivacySubject): Record<string, ExportRow[]>;
  blockers?(call: CallContext, subject: PrivacySubject): EraseBlocker[];
  /** Anonymises or removes what the domain holds; returns how many rows it changed, per kind. */
  erase(call: CallContext, subject: PrivacySubject): Record<string, number>;
  /** Runs after every other domain (the audit trail, which must see the others' changes). */
  last?: boolean;
}

const extra: PrivacyDomain[] = [];

/** Adds (or replaces, by id) a domain's export/erase steps. */
export function registerPrivacyDomain(domain: PrivacyDomain): void {
  const i = extra.findIndex((d) => d.id === domain.id);
  if (i >= 0) extra[i] = domain;
  else extra.push(domain);
}

/** Removes a registered domain (tests). */
export function unregisterPrivacyDomain(id: string): void {
  const i = extra.findIndex((d) => d.id === id);
  if (i >= 0) extra.splice(i, 1);
}

/** The built-in domains, then registered ones; those marked `last` at the end. */
export function orderedDomains(builtIn: readonly PrivacyDomain[]): PrivacyDomain[] {
  const all = [...builtIn, ...extra];
  return [...all.filter((d) => !d.last), ...all.filter((d) => d.last)];
}
