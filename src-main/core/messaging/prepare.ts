/**
 * What to do with a queued message when its turn comes: cancel it (no longer relevant, with the
 * reason), fail it for good (no valid phone or address, a template that cannot be filled), or send
 * this text to this address. Everything is read fresh, so the worker never reminds a paid bill.
 */
import { daysBetween } from '../../../src-shared/dates';
import type { Sqlite } from '../../db/open';
import { findBroadcast } from '../../data/messaging/broadcasts.repository';
import { findPrefs } from '../../data/messaging/config.repository';
import { findTicket } from '../../data/portal/tickets.repository';
import {
  customerFacts,
  invoiceFacts,
  paymentFacts,
  type CustomerFacts,
  type InvoiceFacts,
  type PaymentFacts,
} from '../../data/messaging/facts.queries';
import { newerReminderDue, type OutboxRow } from '../../data/messaging/outbox.repository';
import {
  cloudTemplateParams,
  composeMessage,
  type CloudTemplate,
  normalizeIndonesianPhone,
  relevance,
  type Composed,
  type Language,
  type MessageKind,
  type Recipient,
  type RelevanceFacts,
  type TemplateValues,
} from '../../integrations/messaging';
import type { PayInfoFor } from '../reconciliation/pay-info';
import type { KindSetting } from './config';

export type Preparation =
  | { action: 'cancel'; reason: string }
  | { action: 'fail'; reason: 'invalid_phone' | 'no_address' | 'template'; detail: string }
  | { action: 'send'; to: Recipient; recipient: string; content: Composed & { template?: CloudTemplate } };

export interface PrepareContext {
  db: Sqlite;
  today: string;
  now: string;
  lang: Language;
  tz: string;
  isp: { name: string; phone: string };
  kind: KindSetting;
  /**
   * WhatsApp Cloud API only: the approved template mapped to this kind (null: none mapped, so the
   * message cannot go out of the 24-hour window and fails with the reason). Undefined for other providers.
   */
  cloud?: { name: string; language: string; params: string[] } | null;
  /** Kode unik instructions and the portal pay link of a bill (core/reconciliation/pay-info.ts). */
  pay?: PayInfoFor;
  /** Push only: the portal path of a bill's pay page (`/bayar/<token>`), opened by a tap on the notice. */
  payPath?: (invoiceId: number) => string;
  /** Push only: how many devices the customer has subscribed. */
  devices?: number;
}

/** Shown when the ISP has not written its own payment instructions (customer-facing text, like the templates). */
const DEFAULT_INSTRUCTIONS: Record<Language, string> = {
  id: 'Pembayaran dapat dilakukan di kantor kami atau melalui petugas penagihan.',
  en: 'You can pay at our office or to our collector.',
};

export function prepareMessage(ctx: PrepareContext, row: OutboxRow): Preparation {
  const { db, today } = ctx;
  const kind = row.kind as MessageKind;
  const customer = customerFacts(db, row.customerId);
  if (!customer) return { action: 'cancel', reason: 'missing_facts' };
  const invoice = row.invoiceId !== null ? invoiceFacts(db, row.invoiceId) : undefined;
  const payment = row.paymentId !== null ? paymentFacts(db, row.paymentId) : undefined;
  const broadcast = row.broadcastId !== null ? findBroadcast(db, row.broadcastId) : undefined;
  const prefs = findPrefs(db, row.customerId);
  const ticket = row.ticketId !== null ? findTicket(db, row.ticketId) : undefined;

  const facts: RelevanceFacts = {
    today,
    customer: {
      isolated: customer.isolated > 0,
      terminated: customer.status === 'inactive',
      optedOut: prefs.optOut.includes(kind) || !ctx.kind.enabled,
    },
  };
  if (invoice) {
    const status = invoice.status === 'void' ? 'void' : invoice.status === 'paid' ? 'paid' : 'open';
    facts.invoice = { status, dueDate: invoice.dueDate };
    facts.newerReminderDue = newerReminderDue(db, row, ctx.now);
  }
  if (payment) facts.payment = { voided: payment.status === 'void' };
  if (kind === 'broadcast') facts.broadcast = { expiresOn: broadcast?.expiresOn ?? null };
  if (kind === 'ticket_answered') facts.ticket = { exists: ticket !== undefined };
  const rel = relevance(kind, facts);
  if (!rel.send) return { action: 'cancel', reason: rel.reason };

  const r = recipientOf(row.channel, customer, ctx.devices);
  if ('action' in r) return r;
  const values = templateValues(ctx, customer, invoice, payment, broadcast?.body);
  if (ticket) {
    values.ticketNumber = `#${ticket.id}`;
    values.ticketSubject = ticket.subject.split('\n')[0] ?? '';
  }
  const composed = composeMessage(kind, row.channel as 'whatsapp' | 'sms' | 'email' | 'push', values, {
    lang: ctx.lang,
    tz: ctx.tz,
    texts: ctx.kind.texts[ctx.lang],
  });
  if (!composed.ok) {
    const what = composed.missing.length
      ? `missing ${composed.missing.join(', ')}`
      : composed.issues.map((i) => i.code).join(', ');
    return { action: 'fail', reason: 'template', detail: `${composed.part}: ${what}` };
  }
  if (row.channel === 'push') {
    // A tap opens the bill's pay page while it is open, else the portal's home; the path only, the
    // service worker opens it on the portal's own origin.
    const open = invoice && (invoice.status === 'unpaid' || invoice.status === 'partial');
    const url = open && ctx.payPath ? ctx.payPath(invoice.id) : '/';
    const push = { title: composed.content.push?.title ?? ctx.isp.name, url };
    return { action: 'send', to: r.to, recipient: r.recipient, content: { ...composed.content, push } };
  }
  if (ctx.cloud === undefined) return { action: 'send', to: r.to, recipient: r.recipient, content: composed.content };
  if (ctx.cloud === null)
    return { action: 'fail', reason: 'template', detail: `no approved Cloud API template mapped for ${kind}` };
  const p = cloudTemplateParams(kind, ctx.cloud.params, values, { lang: ctx.lang, tz: ctx.tz });
  if (!p.ok)
    return {
      action: 'fail',
      reason: 'template',
      detail: `cloud template ${ctx.cloud.name}: ${p.missing.length ? `missing ${p.missing.join(', ')}` : 'bad placeholders'}`,
    };
  const template = { name: ctx.cloud.name, language: ctx.cloud.language, bodyParams: p.params };
  return { action: 'send', to: r.to, recipient: r.recipient, content: { ...composed.content, template } };
}

export function recipientOf(
  channel: string,
  customer: CustomerFacts,
  devices = 0,
): Extract<Preparation, { action: 'fail' }> | { to: Recipient; recipient: string } {
  if (channel === 'push') {
    if (!devices) return { action: 'fail', reason: 'no_address', detail: 'customer has no device subscribed to push' };
    // The sender goes to every device (push-send.ts); the row records how many there were.
    const none = { endpoint: '', keys: { p256dh: '', auth: '' } };
    return { to: { kind: 'push', subscription: none }, recipient: `${devices} device(s)` };
  }
  if (channel === 'email') {
    if (!customer.email) return { action: 'fail', reason: 'no_address', detail: 'customer has no e-mail address' };
    return { to: { kind: 'email', address: customer.email, name: customer.name }, recipient: customer.email };
  } else {
    if (!customer.phone) return { action: 'fail', reason: 'no_address', detail: 'customer has no phone number' };
    const p = normalizeIndonesianPhone(customer.phone);
    if (!p.ok) return { action: 'fail', reason: 'invalid_phone', detail: `phone: ${p.problem}` };
    return { to: { kind: 'phone', e164: p.e164 }, recipient: p.e164 };
  }
}

/** The values a template is filled with, read from the customer, invoice and payment concerned. */
export function templateValues(
  ctx: Pick<PrepareContext, 'today' | 'lang' | 'isp' | 'pay'>,
  customer: CustomerFacts,
  invoice: InvoiceFacts | undefined,
  payment: PaymentFacts | undefined,
  broadcastText: string | undefined,
): TemplateValues {
  const { today } = ctx;
  const values: TemplateValues = {
    name: customer.name,
    customerCode: customer.code,
    package: invoice?.packageName ?? customer.packageName ?? undefined,
    ispName: ctx.isp.name,
    ispPhone: ctx.isp.phone || undefined,
    paymentInstructions: DEFAULT_INSTRUCTIONS[ctx.lang],
  };
  if (invoice) {
    values.amount = invoice.amount - invoice.paidAmount;
    values.dueDate = invoice.dueDate;
    values.period = invoice.period;
    values.invoiceNumber = invoice.number;
    const d = daysBetween(today, invoice.dueDate);
    values.daysUntilDue = Math.max(0, d);
    values.daysOverdue = Math.max(0, -d);
    const open = invoice.status === 'unpaid' || invoice.status === 'partial';
    const pay = open ? ctx.pay?.(invoice) : undefined;
    if (pay?.instructions) values.paymentInstructions = pay.instructions;
    if (pay?.link) values.paymentLink = pay.link;
  }
  if (payment) {
    values.paidAmount = payment.amount;
    values.paidAt = payment.paidAt;
    values.receiptNumber = payment.number;
    values.paymentMethod = payment.method;
    values.invoiceNumber = payment.invoiceNumber ?? undefined;
    values.period = payment.period ?? undefined;
  }
  if (broadcastText) values.broadcastText = broadcastText;

  return values;
}
