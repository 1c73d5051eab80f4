/**
 * Default texts per kind and language, and composing one kind's message for a channel: WhatsApp text,
 * a short SMS, an e-mail (subject, text and HTML from the WhatsApp text) or a push notification.
 */
import type { OutgoingMessage } from '../types';
import { TEXTS_EN } from './defaults-en';
import { TEXTS_ID } from './defaults-id';
import { renderTemplate, type TemplateIssue } from './engine';
import type { Language } from './format';
import type { KindTexts, MessageKind, TemplateValues } from './kinds';

export const DEFAULT_TEXTS: Record<Language, Record<MessageKind, KindTexts>> = { id: TEXTS_ID, en: TEXTS_EN };

export type ComposeChannel = 'whatsapp' | 'sms' | 'email' | 'push';

export type Composed = Pick<OutgoingMessage, 'text' | 'subject' | 'html' | 'push'>;

export type ComposeResult =
  | { ok: true; content: Composed }
  | { ok: false; part: keyof KindTexts; issues: TemplateIssue[]; missing: string[] };

/**
 * Renders a kind for a channel from the ISP's texts (`texts`, e.g. edited in Settings) or the
 * defaults. The outbox stores the result with the message, so a later template edit never changes
 * what was queued.
 */
export function composeMessage(
  kind: MessageKind,
  channel: ComposeChannel,
  values: TemplateValues,
  opts: { lang: Language; tz: string; texts?: Partial<KindTexts> },
): ComposeResult {
  const texts = { ...DEFAULT_TEXTS[opts.lang][kind], ...opts.texts };
  const base = { lang: opts.lang, tz: opts.tz };
  const render = (part: keyof KindTexts, style: 'whatsapp' | 'sms' | 'plain' | 'html') => {
    const r = renderTemplate(kind, texts[part], values, { ...base, style });
    return r.ok
      ? ({ ok: true, text: r.text } as const)
      : ({ ok: false, part, issues: r.issues, missing: r.missing } as const);
  };
  switch (channel) {
    case 'whatsapp': {
      const t = render('whatsapp', 'whatsapp');
      return t.ok ? { ok: true, content: { text: t.text } } : t;
    }
    case 'sms': {
      const t = render('sms', 'sms');
      return t.ok ? { ok: true, content: { text: t.text } } : t;
    }
    case 'email': {
      const subject = render('subject', 'plain');
      if (!subject.ok) return subject;
      const text = render('whatsapp', 'plain');
      if (!text.ok) return text;
      const html = render('whatsapp', 'html');
      if (!html.ok) return html;
      return { ok: true, content: { subject: subject.text, text: text.text, html: html.text } };
    }
    case 'push': {
      const title = render('pushTitle', 'plain');
      if (!title.ok) return title;
      const body = render('pushBody', 'plain');
      if (!body.ok) return body;
      return { ok: true, content: { text: body.text, push: { title: title.text } } };
    }
  }
}
