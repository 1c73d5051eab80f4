import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLength, smsLength } from '../../../src-main/integrations/messaging/length';
import { composeMessage, DEFAULT_TEXTS } from '../../../src-main/integrations/messaging/templates/defaults';
import {
  cloudTemplateParams,
  renderTemplate,
  validateTemplate,
} from '../../../src-main/integrations/messaging/templates/engine';
import { MESSAGE_KINDS, type TemplateValues } from '../../../src-main/integrations/messaging/templates/kinds';
import { buildWaLink } from '../../../src-main/integrations/messaging/wa-link';

/** Realistic, rather long values: the SMS texts must still fit one SMS. */
const VALUES: TemplateValues = {
  name: 'Siti Nurhaliza Rahmawati',
  customerCode: 'CUST01042',
  package: 'Rumah 20 Mbps',
  amount: 1_250_000,
  dueDate: '2026-09-10',
  period: '2026-09',
  invoiceNumber: 'INV/2026/09/01042',
  daysUntilDue: 3,
  daysOverdue: 12,
  paymentInstructions: 'Transfer ke BCA 123-456-7890 a.n. Maju Net, atau bayar tunai di kantor kami.',
  paymentLink: 'https://bayar.example.id/inv_01042',
  portalLink: 'https://portal.example.id',
  ispName: 'Maju Jaya Net Sragen',
  ispPhone: '0812-3456-7890',
  paidAmount: 1_250_000,
  paidAt: '2026-09-09T07:05:00Z',
  receiptNumber: 'KW/2026/09/00077',
  paymentMethod: 'Tunai',
  ticketNumber: 'TKT-00031',
  ticketSubject: 'Internet lambat sore hari',
  broadcastText: 'Ada perbaikan jaringan di Dusun Krajan Minggu pukul 09.00-12.00.',
  area: 'Krajan',
};
const opts = { lang: 'id' as const, tz: 'Asia/Jakarta', style: 'whatsapp' as const };

describe('template validation', () => {
  it('names unknown placeholders with a suggestion, and placeholders a kind does not have', () => {
    expect(
      validateTemplate('bill_issued', 'Halo {nama}, tagihan {jumlh} jatuh tempo {jatuh_tempo}. Tiket {no_tiket}'),
    ).toEqual([
      { code: 'unknown_placeholder', at: 21, placeholder: 'jumlh', suggestion: 'jumlah' },
      { code: 'not_available_for_kind', at: 62, placeholder: 'no_tiket' },
    ]);
    expect(validateTemplate('bill_issued', 'Halo {xyzzy}')).toEqual([
      { code: 'unknown_placeholder', at: 5, placeholder: 'xyzzy', suggestion: undefined },
    ]);
  });

  it('reports broken braces and empty templates', () => {
    expect(validateTemplate('restored', '')).toEqual([{ code: 'empty_template' }]);
    expect(validateTemplate('restored', 'Halo {nama')).toEqual([{ code: 'unclosed_brace', at: 5 }]);
    expect(validateTemplate('restored', 'Halo {}')).toEqual([{ code: 'empty_placeholder', at: 5 }]);
    expect(validateTemplate('restored', 'Halo nama}')).toEqual([{ code: 'stray_closing_brace', at: 9 }]);
    expect(validateTemplate('restored', 'Pakai {{kurung}} ya, {Nama}')).toEqual([]);
  });

  it('every default text of every kind and language is valid', () => {
    for (const lang of ['id', 'en'] as const)
      for (const kind of MESSAGE_KINDS)
        for (const [part, text] of Object.entries(DEFAULT_TEXTS[lang][kind]))
          expect(validateTemplate(kind, text), `${lang} ${kind} ${part}`).toEqual([]);
  });
});

describe('rendering', () => {
  it('fills Indonesian and English aliases with formatted values', () => {
    const r = renderTemplate(
      'bill_issued',
      'Yth. {nama}, {jumlah} jatuh tempo {jatuh_tempo} ({period}). {{ok}}',
      VALUES,
      opts,
    );
    expect(r).toEqual({
      ok: true,
      text: 'Yth. Siti Nurhaliza Rahmawati, Rp 1.250.000 jatuh tempo 10 September 2026 (September 2026). {ok}',
    });
    const en = renderTemplate('payment_receipt', 'Paid {paid_amount} on {paid_at}', VALUES, { ...opts, lang: 'en' });
    expect(en).toEqual({ ok: true, text: 'Paid Rp 1.250.000 on 9 September 2026 14:05 WIB' });
    const wit = renderTemplate('payment_receipt', '{tanggal_bayar}', VALUES, { ...opts, tz: 'Asia/Jayapura' });
    expect(wit).toEqual({ ok: true, text: '9 September 2026 16:05 WIT' });
  });

  it('refuses to render when a used value is missing (no "Yth. ," to a customer)', () => {
    expect(
      renderTemplate('bill_issued', 'Yth. {nama}, bayar di {link_bayar}', { ...VALUES, paymentLink: ' ' }, opts),
    ).toEqual({
      ok: false,
      issues: [],
      missing: ['link_bayar'],
    });
  });

  it('keeps WhatsApp formatting for WhatsApp, strips it for SMS, makes HTML for e-mail', () => {
    const src = '*Penting*: tagihan _{periode}_ sebesar *{jumlah}* ~lama~';
    expect(renderTemplate('bill_issued', src, VALUES, opts)).toMatchObject({
      text: '*Penting*: tagihan _September 2026_ sebesar *Rp 1.250.000* ~lama~',
    });
    expect(renderTemplate('bill_issued', src, VALUES, { ...opts, style: 'sms' })).toMatchObject({
      text: 'Penting: tagihan September 2026 sebesar Rp 1.250.000 lama',
    });
    expect(renderTemplate('bill_issued', src, VALUES, { ...opts, style: 'html' })).toMatchObject({
      text: '<strong>Penting</strong>: tagihan <em>September 2026</em> sebesar <strong>Rp 1.250.000</strong> <s>lama</s>',
    });
  });

  it('never lets a value inject formatting or HTML', () => {
    const values = { ...VALUES, name: '<b>_Budi_</b> & *Ani*', paymentLink: 'https://x.id/a_b_c?x=1&y=2' };
    const sms = renderTemplate('bill_issued', 'Yth. {nama} {link_bayar}', values, { ...opts, style: 'sms' });
    expect(sms).toMatchObject({ text: 'Yth. <b>_Budi_</b> & *Ani* https://x.id/a_b_c?x=1&y=2' });
    const html = renderTemplate('bill_issued', 'Yth. *{nama}*', values, { ...opts, style: 'html' });
    expect(html).toMatchObject({ text: 'Yth. <strong>&lt;b&gt;_Budi_&lt;/b&gt; &amp; *Ani*</strong>' });
  });

  it('property: rendering any text without braces gives the text back (whatsapp style)', () => {
    fc.assert(
      fc.property(
        fc
          .string({ maxLength: 80 })
          .filter((s) => !/[{}\uE000-\uF8FF]/.test(s) && s.trim() === s && !/\n{3,}|[ \t]+\n/.test(s) && s !== ''),
        (s) => {
          expect(renderTemplate('restored', s, {}, opts)).toEqual({ ok: true, text: s });
        },
      ),
    );
  });

  it('Cloud API parameters follow the configured order, one line each', () => {
    expect(
      cloudTemplateParams(
        'bill_issued',
        ['nama', 'jumlah', 'due_date', 'cara_bayar'],
        { ...VALUES, paymentInstructions: 'BCA 123\nBRI 456' },
        opts,
      ),
    ).toEqual({
      ok: true,
      params: ['Siti Nurhaliza Rahmawati', 'Rp 1.250.000', '10 September 2026', 'BCA 123 BRI 456'],
    });
    expect(cloudTemplateParams('bill_issued', ['nama', 'no_tiket'], VALUES, opts)).toMatchObject({ ok: false });
  });
});

describe('composed messages per channel', () => {
  it('default SMS texts fit one GSM-7 SMS with long realistic values (MikroTik sends no UCS-2, no parts)', () => {
    for (const lang of ['id', 'en'] as const)
      for (const kind of MESSAGE_KINDS) {
        const r = composeMessage(kind, 'sms', VALUES, { lang, tz: 'Asia/Jakarta' });
        if (!r.ok) throw new Error(`${lang} ${kind}: ${JSON.stringify(r)}`);
        const check = checkLength('mikrotik_sms', r.content.text!);
        expect(check, `${lang} ${kind}: ${r.content.text} (${check.length})`).toMatchObject({ ok: true });
      }
  });

  it('default WhatsApp texts fit Wablas (1,024) and read as a polite letter', () => {
    for (const lang of ['id', 'en'] as const)
      for (const kind of MESSAGE_KINDS) {
        const r = composeMessage(kind, 'whatsapp', VALUES, { lang, tz: 'Asia/Jakarta' });
        if (!r.ok) throw new Error(`${lang} ${kind}`);
        expect(checkLength('wablas', r.content.text!).ok, `${lang} ${kind}`).toBe(true);
      }
    const bill = composeMessage('bill_issued', 'whatsapp', VALUES, { lang: 'id', tz: 'Asia/Jakarta' });
    expect(bill.ok && bill.content.text).toMatch(
      /^Yth\. Bapak\/Ibu \*Siti Nurhaliza Rahmawati\*,\n\nTagihan internet Maju Jaya Net Sragen untuk periode \*September 2026\*/,
    );
  });

  it('e-mail gets subject, text without markers and HTML; push gets title and body', () => {
    const mail = composeMessage('payment_receipt', 'email', VALUES, { lang: 'id', tz: 'Asia/Jakarta' });
    expect(mail.ok).toBe(true);
    if (!mail.ok) return;
    expect(mail.content.subject).toBe('Bukti pembayaran KW/2026/09/00077 - Maju Jaya Net Sragen');
    expect(mail.content.text).toContain('Jumlah dibayar: Rp 1.250.000');
    expect(mail.content.text).not.toContain('*');
    expect(mail.content.html).toContain('Jumlah dibayar: <strong>Rp 1.250.000</strong><br>');
    const push = composeMessage('isolir', 'push', VALUES, { lang: 'en', tz: 'Asia/Jakarta' });
    expect(push).toEqual({
      ok: true,
      content: {
        text: 'We have not received Rp 1.250.000 for September 2026. Service returns once paid.',
        push: { title: 'Service suspended' },
      },
    });
  });

  it('an ISP text with a missing value names the part and the placeholder', () => {
    const r = composeMessage(
      'bill_issued',
      'whatsapp',
      { ...VALUES, paymentLink: undefined },
      {
        lang: 'id',
        tz: 'Asia/Jakarta',
        texts: { whatsapp: 'Bayar di {link_bayar}' },
      },
    );
    expect(r).toEqual({ ok: false, part: 'whatsapp', issues: [], missing: ['link_bayar'] });
  });
});

describe('lengths and click-to-chat links', () => {
  it('counts SMS segments: GSM-7 160/153 with double-width extension characters, UCS-2 70/67', () => {
    expect(smsLength('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161))).toMatchObject({ encoding: 'gsm7', segments: 2 });
    expect(smsLength('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(smsLength('a'.repeat(307))).toMatchObject({ segments: 3 });
    expect(smsLength('[]{}€')).toMatchObject({ encoding: 'gsm7', units: 10 });
    expect(smsLength('Terima kasih 🙏')).toMatchObject({ encoding: 'ucs2', segments: 1, nonGsm: ['🙏'] });
    expect(smsLength('é'.repeat(71) + 'ş')).toMatchObject({ encoding: 'ucs2', units: 72, segments: 2 });
    expect(checkLength('mikrotik_sms', 'Halo “Budi”')).toMatchObject({ ok: false, problem: 'not_gsm7' });
    expect(checkLength('mikrotik_sms', 'x'.repeat(161))).toMatchObject({ ok: false, problem: 'too_long' });
  });

  it('builds wa.me links with the text URL-encoded', () => {
    expect(buildWaLink('0812-3456-7890', 'Halo Budi,\ntagihan Rp 150.000 & bonus #1?')).toEqual({
      ok: true,
      url: 'https://wa.me/6281234567890?text=Halo%20Budi%2C%0Atagihan%20Rp%20150.000%20%26%20bonus%20%231%3F',
    });
    expect(buildWaLink('021-555123', 'x')).toEqual({ ok: false, problem: 'not_mobile' });
    expect(buildWaLink('08123456789', '  ')).toEqual({ ok: false, problem: 'empty_text' });
    expect(buildWaLink('08123456789', 'x'.repeat(3000))).toMatchObject({ ok: false, problem: 'too_long' });
  });

  it('property: the link decodes back to exactly the message', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim() !== '' && !s.includes('\r')),
        (text) => {
          const r = buildWaLink('081234567890', text);
          if (!r.ok) return;
          expect(decodeURIComponent(new URL(r.url).search.replace(/^\?text=/, ''))).toBe(text);
        },
      ),
    );
  });
});
