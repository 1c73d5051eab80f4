/**
 * The kinds in Settings: on/off, days, the ISP's own texts per language (validated: an unknown or
 * misplaced placeholder is refused naming the field), and a preview with a real customer.
 */
import type { KindInput, KindView, PreviewInput } from '../../../src-shared/contract/messaging';
import { badInput, notFound } from '../../../src-shared/result';
import { businessDate } from '../../../src-shared/dates';
import { upsertKind } from '../../data/messaging/config.repository';
import { subscriptionsOf } from '../../data/messaging/push.repository';
import {
  customerFacts,
  invoiceFacts,
  latestInvoiceOf,
  latestPaymentOf,
  paymentFacts,
} from '../../data/messaging/facts.queries';
import {
  composeMessage,
  DEFAULT_TEXTS,
  placeholdersFor,
  smsLength,
  validateTemplate,
  type KindTexts,
  type TemplateIssue,
} from '../../integrations/messaging';
import { writeAudit } from '../audit';
import type { CallContext } from '../context';
import { getSettings } from '../settings';
import { DEFAULT_DAYS, kindSettings, SCHEDULED_KINDS } from './config';
import { payInfoFor } from '../reconciliation/pay-info';
import { recipientOf, templateValues } from './prepare';

export function listKinds(call: CallContext): KindView[] {
  const all = kindSettings(call.app.sqlite);
  const lang = getSettings(call.app).language;
  return SCHEDULED_KINDS.map((kind) => ({
    ...all[kind],
    hasDays: DEFAULT_DAYS[kind] !== null,
    texts: { id: all[kind].texts.id ?? {}, en: all[kind].texts.en ?? {} },
    defaults: { id: DEFAULT_TEXTS.id[kind], en: DEFAULT_TEXTS.en[kind] },
    placeholders: placeholdersFor(kind).map((p) => (lang === 'id' ? p.alias : p.name)),
  }));
}

export function issueMessage(i: TemplateIssue): string {
  switch (i.code) {
    case 'empty_template':
      return 'The text is empty';
    case 'unclosed_brace':
      return 'A { is not closed';
    case 'stray_closing_brace':
      return 'A } has no opening {';
    case 'empty_placeholder':
      return 'An empty {} placeholder';
    case 'unknown_placeholder':
      return i.suggestion
        ? `Unknown placeholder ${i.placeholder}: did you mean ${i.suggestion}?`
        : `Unknown placeholder ${i.placeholder}`;
    case 'not_available_for_kind':
      return `Placeholder ${i.placeholder} is not available in this kind of message`;
  }
}

export function saveKind(call: CallContext, input: KindInput): KindView {
  const { app } = call;
  if (DEFAULT_DAYS[input.kind] === null && input.days !== null)
    throw badInput('days', 'This kind of message has no days');
  for (const lang of ['id', 'en'] as const) {
    const texts = input.texts[lang] ?? {};
    for (const [part, text] of Object.entries(texts) as [keyof KindTexts, string][]) {
      const issues = validateTemplate(input.kind, text);
      if (issues.length) throw badInput(`texts.${lang}.${part}`, issueMessage(issues[0]!));
    }
  }
  app.sqlite
    .transaction(() => {
      const before = kindSettings(app.sqlite)[input.kind];
      upsertKind(app.sqlite, {
        kind: input.kind,
        enabled: input.enabled,
        days: input.days,
        texts: JSON.stringify(input.texts),
        now: app.clock.now().toISOString(),
      });
      writeAudit(call, {
        action: 'messages.kind.save',
        entity: 'message_kind',
        entityId: input.kind,
        before,
        after: input,
      });
    })
    .immediate();
  return listKinds(call).find((k) => k.kind === input.kind)!;
}

/**
 * The message a kind would send to a real customer (their latest invoice and payment fill the values),
 * with the texts being edited: what is typed is previewed before it is saved.
 */
export function previewKind(call: CallContext, input: PreviewInput) {
  const { app } = call;
  const db = app.sqlite;
  const settings = getSettings(app);
  const customer = customerFacts(db, input.customerId);
  if (!customer) throw notFound('Customer');
  const invoiceId = latestInvoiceOf(db, customer.id);
  const paymentId = latestPaymentOf(db, customer.id);
  const lang = input.lang ?? settings.language;
  const ctx = {
    today: businessDate(app.clock.now(), settings.timeZone),
    lang,
    isp: { name: settings.ispName, phone: settings.ispPhone },
    pay: payInfoFor(app),
  };
  const values = templateValues(
    ctx,
    customer,
    invoiceId ? invoiceFacts(db, invoiceId) : undefined,
    paymentId ? paymentFacts(db, paymentId) : undefined,
    input.broadcastText ?? undefined,
  );
  const stored = kindSettings(db)[input.kind].texts[lang] ?? {};
  const r = composeMessage(input.kind, input.channel, values, {
    lang,
    tz: settings.timeZone,
    texts: { ...stored, ...input.texts },
  });
  const devices = input.channel === 'push' ? subscriptionsOf(db, customer.id).length : 0;
  const to = recipientOf(input.channel, customer, devices);
  const sms = r.ok && input.channel === 'sms' && r.content.text ? smsLength(r.content.text) : null;
  return {
    ok: r.ok,
    text: r.ok ? r.content.text : null,
    subject: r.ok ? (r.content.subject ?? null) : null,
    title: r.ok ? (r.content.push?.title ?? null) : null,
    sms: sms && { encoding: sms.encoding, units: sms.units, segments: sms.segments },
    problem: r.ok ? null : r.missing.length ? `Missing: ${r.missing.join(', ')}` : issueMessage(r.issues[0]!),
    recipient: 'action' in to ? null : to.recipient,
    recipientProblem: 'action' in to ? to.detail : null,
  };
}
