import { afterEach, describe, expect, it } from 'vitest';
import { SmtpChannel, type SmtpConfig } from '../../../src-main/integrations/messaging/channels/smtp';
import { composeMessage } from '../../../src-main/integrations/messaging/templates/defaults';
import type { OutgoingMessage } from '../../../src-main/integrations/messaging/types';
import { closedPort, FAKE_CA } from '../../fakes/messaging/http-fake';
import { SmtpFake } from '../../fakes/messaging/smtp-fake';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function invoiceMail(over: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const c = composeMessage(
    'bill_issued',
    'email',
    {
      name: 'Budi Santoso',
      customerCode: 'CUST0007',
      package: '10 Mbps',
      amount: 150_000,
      dueDate: '2026-07-10',
      period: '2026-07',
      invoiceNumber: 'INV/2026/07/0007',
      paymentInstructions: 'Transfer ke BCA 123-456-7890.',
      ispName: 'Maju Net',
      ispPhone: '0812-3456-7890',
    },
    { lang: 'id', tz: 'Asia/Jakarta' },
  );
  if (!c.ok) throw new Error('compose failed');
  return {
    reference: 'inv-7:bill_issued',
    to: { kind: 'email', address: 'budi@example.id', name: 'Budi Santoso' },
    text: c.content.text,
    subject: c.content.subject,
    html: c.content.html,
    attachments: [{ filename: 'INV-2026-07-0007.pdf', content: PDF, contentType: 'application/pdf' }],
    ...over,
  };
}

const open: Array<{ stop(): Promise<void> } | { close(): Promise<void> }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await ('stop' in x ? x.stop() : x.close());
});

async function setup(security: SmtpConfig['security'], over: Partial<SmtpConfig> = {}) {
  const fake = await new SmtpFake({ security, user: 'billing@maju.net.id', password: 'smtp-secret' }).start();
  const ch = new SmtpChannel({
    host: '127.0.0.1',
    port: fake.port,
    security,
    user: 'billing@maju.net.id',
    password: 'smtp-secret',
    from: { address: 'billing@maju.net.id', name: 'Maju Net' },
    ca: FAKE_CA,
    timeoutMs: 10_000,
    ...over,
  });
  open.push(fake, ch);
  return { fake, ch };
}

describe('SMTP adapter against a local SMTP server', () => {
  it('sends over STARTTLS with login, the invoice PDF attached and a Message-ID from our reference', async () => {
    const { fake, ch } = await setup('starttls');
    const r = await ch.send(invoiceMail());
    expect(r).toMatchObject({ ok: true, providerMessageId: '<inv-7:bill_issued@maju.net.id>' });
    expect(r.ok && r.providerStatus).toMatch(/^250 /);
    const [m] = fake.mails;
    expect(m!.secure).toBe(true);
    expect(m!.user).toBe('billing@maju.net.id');
    expect(m!.envelope).toEqual({ from: 'billing@maju.net.id', to: ['budi@example.id'] });
    expect(m!.parsed.subject).toBe('Tagihan internet Juli 2026 - Maju Net');
    expect(m!.parsed.messageId).toBe('<inv-7:bill_issued@maju.net.id>');
    expect(m!.parsed.headers.get('x-pppoe-desk-reference')).toBe('inv-7:bill_issued');
    expect(m!.parsed.text).toContain('Total: Rp 150.000');
    expect(m!.parsed.html).toContain('Total: <strong>Rp 150.000</strong>');
    expect(m!.parsed.attachments).toHaveLength(1);
    expect(m!.parsed.attachments[0]).toMatchObject({
      filename: 'INV-2026-07-0007.pdf',
      contentType: 'application/pdf',
    });
    expect(m!.parsed.attachments[0]!.content.equals(PDF)).toBe(true);
    expect(await ch.lookup()).toEqual({ kind: 'unsupported' });
  });

  it('sends over implicit TLS and over a plain LAN relay', async () => {
    const tls = await setup('implicit');
    expect(await tls.ch.send(invoiceMail())).toMatchObject({ ok: true });
    expect(tls.fake.mails[0]!.secure).toBe(true);
    const plain = await setup('none');
    expect(await plain.ch.send(invoiceMail())).toMatchObject({ ok: true });
    expect(plain.fake.mails[0]!.secure).toBe(false);
  });

  it('refuses a server certificate it cannot verify (no silent downgrade)', async () => {
    const { fake, ch } = await setup('starttls', { ca: undefined });
    expect(await ch.send(invoiceMail())).toMatchObject({
      ok: false,
      failure: { reason: 'config', retryable: false, scope: 'channel' },
    });
    expect(fake.mails).toHaveLength(0);
  });

  it('wrong password: auth, the whole channel, and the password is not in the detail', async () => {
    const { ch } = await setup('starttls', { password: 'wrong-password' });
    const r = await ch.send(invoiceMail());
    expect(r).toMatchObject({
      ok: false,
      failure: { reason: 'auth', retryable: false, scope: 'channel', providerCode: '535' },
    });
    expect(JSON.stringify(r)).not.toContain('wrong-password');
  });

  it('a refused mailbox fails only this message; 451 is retried; 554 is not', async () => {
    const { fake, ch } = await setup('starttls');
    fake.rejectRecipients.add('budi@example.id');
    expect(await ch.send(invoiceMail())).toMatchObject({
      ok: false,
      failure: { reason: 'invalid_recipient', retryable: false, scope: 'message', providerCode: '550' },
    });
    fake.rejectRecipients.clear();
    fake.fail('tempfail');
    expect(await ch.send(invoiceMail())).toMatchObject({
      ok: false,
      failure: { reason: 'server_error', retryable: true, providerCode: '451' },
    });
    fake.fail('reject');
    expect(await ch.send(invoiceMail())).toMatchObject({
      ok: false,
      failure: { reason: 'message_rejected', retryable: false, providerCode: '554' },
    });
    expect(await ch.send(invoiceMail())).toMatchObject({ ok: true });
    expect(fake.mails).toHaveLength(1);
  });

  it('no answer after the message: timeout that may have been accepted; server down: not accepted', async () => {
    const { fake, ch } = await setup('starttls', { timeoutMs: 500 });
    fake.fail('hang');
    expect(await ch.send(invoiceMail())).toMatchObject({
      ok: false,
      failure: { reason: 'timeout', retryable: true, maybeAccepted: true },
    });
    const down = new SmtpChannel({
      host: '127.0.0.1',
      port: await closedPort(),
      security: 'starttls',
      from: { address: 'billing@maju.net.id' },
      timeoutMs: 1_000,
    });
    open.push(down);
    expect(await down.send(invoiceMail())).toMatchObject({
      ok: false,
      failure: { reason: 'network', retryable: true, maybeAccepted: false },
    });
  });

  it('refuses a message without subject or with a phone recipient before connecting', async () => {
    const { fake, ch } = await setup('starttls');
    expect(await ch.send(invoiceMail({ subject: ' ' }))).toMatchObject({
      ok: false,
      failure: { reason: 'message_rejected' },
    });
    expect(await ch.send(invoiceMail({ to: { kind: 'phone', e164: '+6281234567890' } }))).toMatchObject({
      ok: false,
      failure: { reason: 'invalid_recipient' },
    });
    expect(fake.mails).toHaveLength(0);
  });
});
