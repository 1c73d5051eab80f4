/**
 * A customer's messaging: preferred channel and opt-outs (audited), and click-to-chat — a wa.me link
 * built here from the kind's template, for the desk PC to open; the offer is recorded.
 */
import { businessDate } from '../../../src-shared/dates';
import { AppError, badInput, notFound } from '../../../src-shared/result';
import { findPrefs, insertLinkOffer, upsertPrefs } from '../../data/messaging/config.repository';
import {
  customerFacts,
  invoiceFacts,
  latestInvoiceOf,
  latestPaymentOf,
  paymentFacts,
} from '../../data/messaging/facts.queries';
import { buildWaLink, composeMessage, normalizeIndonesianPhone } from '../../integrations/messaging';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { kindSettings, type MessageChannel, type OutboxKind } from './config';
import { payInfoFor } from '../reconciliation/pay-info';
import { templateValues } from './prepare';

export function customerPrefs(call: CallContext, customerId: number) {
  const customer = customerFacts(call.app.sqlite, customerId);
  if (!customer) throw notFound('Customer');
  const p = findPrefs(call.app.sqlite, customerId);
  const phone = customer.phone ? normalizeIndonesianPhone(customer.phone) : null;
  return {
    channel: p.channel as MessageChannel | null,
    optOut: p.optOut as OutboxKind[],
    e164: phone?.ok ? phone.e164 : null,
    phoneProblem: phone === null ? 'empty' : phone.ok ? null : phone.problem,
  };
}

export function saveCustomerPrefs(
  call: CallContext,
  input: { customerId: number; channel: MessageChannel | null; optOut: OutboxKind[] },
) {
  const { app } = call;
  app.sqlite.transaction(() => {
    if (!customerFacts(app.sqlite, input.customerId)) throw notFound('Customer');
    const before = findPrefs(app.sqlite, input.customerId);
    const after = { channel: input.channel, optOut: [...new Set(input.optOut)].sort() };
    upsertPrefs(app.sqlite, input.customerId, after, app.clock.now().toISOString());
    writeAudit(call, {
      action: 'customer.messagePrefs',
      entity: 'customer',
      entityId: input.customerId,
      before,
      after,
    });
  })();
  return { ok: true as const };
}

/** A wa.me link with the kind's text for this customer (their invoice, or the latest one). */
export function waLink(
  call: CallContext,
  input: { kind: OutboxKind; customerId: number; invoiceId?: number },
  /** A line the text must carry (the desk's pay link): added at the end when the template lacks `mustInclude`. */
  ensure?: { mustInclude: string; line: string },
) {
  const { app, session } = call;
  const db = app.sqlite;
  const settings = getSettings(app);
  const customer = customerFacts(db, input.customerId);
  if (!customer) throw notFound('Customer');
  const invoiceId = input.invoiceId ?? latestInvoiceOf(db, customer.id);
  const invoice = invoiceId ? invoiceFacts(db, invoiceId) : undefined;
  if (input.invoiceId !== undefined && invoice?.customerId !== customer.id) throw notFound('Invoice');
  const paymentId = latestPaymentOf(db, customer.id);
  const lang = settings.language;
  const values = templateValues(
    {
      today: businessDate(app.clock.now(), settings.timeZone),
      lang,
      isp: { name: settings.ispName, phone: settings.ispPhone },
      pay: payInfoFor(app),
    },
    customer,
    invoice,
    paymentId ? paymentFacts(db, paymentId) : undefined,
    undefined,
  );
  const r = composeMessage(input.kind, 'whatsapp', values, {
    lang,
    tz: settings.timeZone,
    texts: kindSettings(db)[input.kind].texts[lang],
  });
  if (!r.ok)
    throw new AppError(
      'CONFLICT',
      r.missing.length
        ? `The message cannot be filled for this customer: ${r.missing.join(', ')} missing`
        : 'The message cannot be filled for this customer: check the template in Settings',
    );
  const text =
    ensure && !r.content.text.includes(ensure.mustInclude) ? `${r.content.text}\n\n${ensure.line}` : r.content.text;
  const link = buildWaLink(customer.phone ?? '', text);
  if (!link.ok)
    throw link.problem === 'too_long'
      ? new AppError('CONFLICT', 'The message is too long for a WhatsApp link')
      : badInput('phone', 'The customer has no valid mobile number for WhatsApp');
  db.transaction(() => {
    const id = insertLinkOffer(db, {
      kind: input.kind,
      customerId: customer.id,
      invoiceId: invoice?.id ?? null,
      userId: session?.userId ?? null,
      at: app.clock.now().toISOString(),
    });
    writeAudit(call, {
      action: 'messages.waLink',
      entity: 'customer',
      entityId: customer.id,
      after: { kind: input.kind, invoiceId: invoice?.id ?? null, offer: id },
    });
  })();
  return { url: link.url };
}
