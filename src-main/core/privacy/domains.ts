import { randomBytes } from 'node:crypto';
import { auditExportRows, eraseBlockCounts, exportRows } from '../../data/privacy.repository';
import {
  anonymiseAccount,
  anonymiseCustomer,
  erasePortalAccess,
  eraseMessages,
  eraseTicketTexts,
  FREE_TEXT_COLUMNS,
  freeTextCells,
  setAuditText,
  setFreeText,
} from '../../data/privacy-erase.repository';
import { enqueueKick, enqueueSecretRemove } from '../network/queue';
import type { EraseBlocker, PrivacyDomain } from './registry';
import { scrubSnapshot, scrubText } from './scrub';
import { deleteSubscriptionsOf } from '../../data/messaging/push.repository';

const now = (call: Parameters<PrivacyDomain['erase']>[0]) => call.app.clock.now().toISOString();

/** The customer's own row: profile and status history. Erased: personal fields emptied, the code stays. */
const customerDomain: PrivacyDomain = {
  id: 'customer',
  export: (call, s) => ({
    profile: exportRows(call.app.sqlite, 'profile', s.customerId),
    statusHistory: exportRows(call.app.sqlite, 'statusHistory', s.customerId),
  }),
  erase(call, s) {
    anonymiseCustomer(call.app.sqlite, s.customerId, now(call));
    return { customer: 1 };
  },
};

/**
 * PPPoE accounts. A live account (active or isolated) blocks the erasure: the customer is still being
 * served. Erased: the router secret is removed through the sync queue (applied when the router is
 * reachable), the row keeps its id for invoiced subscriptions under a neutral name, its password is
 * replaced by a random one, its addresses and notes are cleared and it is detached from the router.
 */
const networkDomain: PrivacyDomain = {
  id: 'network',
  export: (call, s) => ({ accounts: exportRows(call.app.sqlite, 'accounts', s.customerId) }),
  blockers(call, s) {
    const n = eraseBlockCounts(call.app.sqlite, s.customerId).liveAccounts;
    return n
      ? [
          {
            code: 'liveAccounts',
            count: n,
            message: `${s.customerCode} still has ${n} live PPPoE account(s): disable them before erasing`,
          },
        ]
      : [];
  },
  erase(call, s) {
    const { app } = call;
    let routerRemovals = 0;
    for (const a of s.links.accounts) {
      if (a.routerId !== null) {
        enqueueSecretRemove(app, a.routerId, a.id, a.username);
        enqueueKick(app, a.routerId, a.id, a.username);
        routerRemovals++;
      }
      const sealed = app.secrets.encrypt(randomBytes(18).toString('base64url'));
      anonymiseAccount(app.sqlite, a.id, `dihapus-${a.id}`, sealed, now(call));
    }
    return { accounts: s.links.accounts.length, routerRemovals };
  },
};

/**
 * Invoices, payments, refunds, deposit: financial records, kept intact (amounts, dates, numbers,
 * statuses). Only free text that may repeat personal data (notes, reasons) is scrubbed. Open bills,
 * running subscriptions and a deposit still owed to the customer block the erasure.
 */
const billingDomain: PrivacyDomain = {
  id: 'billing',
  export: (call, s) => ({
    subscriptions: exportRows(call.app.sqlite, 'subscriptions', s.customerId),
    invoices: exportRows(call.app.sqlite, 'invoices', s.customerId),
    payments: exportRows(call.app.sqlite, 'payments', s.customerId),
    refunds: exportRows(call.app.sqlite, 'refunds', s.customerId),
    deposit: exportRows(call.app.sqlite, 'deposit', s.customerId),
  }),
  blockers(call, s) {
    const n = eraseBlockCounts(call.app.sqlite, s.customerId);
    const out: EraseBlocker[] = [];
    const code = s.customerCode;
    if (n.openInvoices)
      out.push({
        code: 'openInvoices',
        count: n.openInvoices,
        message: `${code} still has ${n.openInvoices} open bill(s): they must be paid or voided before erasing`,
      });
    if (n.activeSubscriptions)
      out.push({
        code: 'activeSubscriptions',
        count: n.activeSubscriptions,
        message: `${code} still has ${n.activeSubscriptions} running subscription(s): end them before erasing`,
      });
    if (n.deposit > 0)
      out.push({
        code: 'deposit',
        count: n.deposit,
        message: `${code} still has a deposit of ${n.deposit} rupiah: refund it before erasing`,
      });
    return out;
  },
  erase(call, s) {
    let cells = 0;
    for (const column of FREE_TEXT_COLUMNS)
      for (const { id, text } of freeTextCells(call.app.sqlite, column, s.customerId)) {
        const scrubbed = scrubText(text, s.forms);
        if (scrubbed === text) continue;
        setFreeText(call.app.sqlite, column, id, scrubbed);
        cells++;
      }
    return { textCells: cells };
  },
};

/**
 * The audit trail about the customer: exported as recorded; on erasure the personal values inside old
 * rows are blanked (who did what, when and from where stays). Runs last, after the others' changes.
 */
const auditDomain: PrivacyDomain = {
  id: 'audit',
  last: true,
  export: (call, s) => ({
    audit: auditExportRows(
      call.app.sqlite,
      s.auditRows.map((r) => r.id),
    ),
  }),
  erase(call, s) {
    let rows = 0;
    for (const r of s.auditRows) {
      const next = {
        before: scrubSnapshot(r.before, s.forms, r.direct),
        after: scrubSnapshot(r.after, s.forms, r.direct),
        reason: r.reason === null ? null : scrubText(r.reason, s.forms),
      };
      if (next.before === r.before && next.after === r.after && next.reason === r.reason) continue;
      setAuditText(call.app.sqlite, r.id, next);
      rows++;
    }
    return { auditRows: rows };
  },
};

/** The customer portal: the login goes; tickets keep their category, status and dates, not their words or photos. */
const portalDomain: PrivacyDomain = {
  id: 'portal',
  export: (call, s) => ({
    portalAccess: exportRows(call.app.sqlite, 'portalAccess', s.customerId),
    tickets: exportRows(call.app.sqlite, 'tickets', s.customerId),
  }),
  erase: (call, s) => ({
    portalAccess: erasePortalAccess(call.app.sqlite, s.customerId),
    ticketMessages: eraseTicketTexts(call.app.sqlite, s.customerId, ERASED_TEXT),
  }),
};

/** The message outbox: what was sent to whom. Recipient and text go; waiting messages are cancelled; push devices go. */
const messagesDomain: PrivacyDomain = {
  id: 'messages',
  export: (call, s) => ({
    messages: exportRows(call.app.sqlite, 'messages', s.customerId),
    pushDevices: exportRows(call.app.sqlite, 'pushDevices', s.customerId),
  }),
  erase: (call, s) => ({
    messages: eraseMessages(call.app.sqlite, s.customerId, now(call)),
    // The portal's Web Push devices: the endpoint reaches the customer's phone.
    pushDevices: deleteSubscriptionsOf(call.app.sqlite, s.customerId),
  }),
};

/** What replaces an erased free text that must stay non-empty (a ticket message). */
export const ERASED_TEXT = '[dihapus atas permintaan pelanggan]';

export const BUILT_IN_DOMAINS: readonly PrivacyDomain[] = [
  customerDomain,
  networkDomain,
  billingDomain,
  portalDomain,
  messagesDomain,
  auditDomain,
];
