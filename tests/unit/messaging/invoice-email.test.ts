import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, testApp, type TestApp } from '../../helpers/app';
import { SmtpFake } from '../../fakes/messaging/smtp-fake';
import { seedBilling } from '../billing/fixtures';
import { inspectPdf } from '../documents/pdfText';
import { NO_QUIET, drainUntil, outbox, worker } from './outbox-fixtures';

let t: TestApp;
let smtp: SmtpFake;
afterEach(async () => {
  t?.close();
  await smtp?.stop();
});

const START = Date.parse('2026-11-24T03:00:00.000Z');

describe('the "bill issued" e-mail', () => {
  it('carries the PDF of that invoice, received by the SMTP server as an application/pdf attachment', async () => {
    t = await testApp({ clock: new FakeClock(START) });
    smtp = await new SmtpFake({ security: 'none' }).start();
    const { customers } = await seedBilling(t, { customers: 2, startDate: '2026-11-01' });
    await t.ok('settings.update', { ispName: 'Net Desa', ispPhone: '0812-1111-2222' });
    await t.ok('customers.update', { id: customers[0]!.id, email: 'pelanggan1@example.net' });
    await t.ok('customers.update', { id: customers[1]!.id, email: 'pelanggan2@example.net' });
    await t.ok('messages.saveChannel', {
      channel: 'email',
      enabled: true,
      settings: {
        provider: 'smtp',
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        fromAddress: 'tagihan@netdesa.id',
      },
      throttle: NO_QUIET,
    });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const invoices = (await t.ok('invoices.list', { page: 1, pageSize: 10 })).items;
    expect(invoices).toHaveLength(2);

    const res = await drainUntil(t, worker(t), START + 3_600_000);
    expect(res.sent).toBe(2);
    expect(smtp.mails).toHaveLength(2);
    for (const mail of smtp.mails) {
      const customer = customers.find(
        (c) => mail.envelope.to[0] === `pelanggan${customers.indexOf(c) + 1}@example.net`,
      )!;
      const invoice = invoices.find((i) => i.customerId === customer.id)!;
      expect(mail.parsed.attachments).toHaveLength(1);
      const pdf = mail.parsed.attachments[0]!;
      expect(pdf.contentType).toBe('application/pdf');
      expect(pdf.filename).toBe(`invoice-${invoice.invoiceNumber.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`);
      expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
      const { text } = inspectPdf(pdf.content);
      expect(text).toContain(invoice.invoiceNumber);
      expect(text).toContain(customer.name);
      expect(text).toContain('250.000');
    }
    expect(outbox(t).map((r) => [r.kind, r.status])).toEqual([
      ['bill_issued', 'sent'],
      ['bill_issued', 'sent'],
    ]);
  });
});
