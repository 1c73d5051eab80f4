import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { registerPrivacyDomain, unregisterPrivacyDomain } from '../../../src-main/core/privacy/registry';
import { testApp, type TestApp } from '../../helpers/app';
import { inspectPdf } from '../documents/pdfText';
import { BUDI, clearBlockers, seedErasable } from './fixtures';

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
  unregisterPrivacyDomain('tickets');
});

async function unzip(base64: string) {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const json = JSON.parse(await zip.file('data.json')!.async('string')) as {
    customerCode: string;
    sections: Record<string, Record<string, unknown>[]>;
  };
  const pdf = inspectPdf(await zip.file('data.pdf')!.async('nodebuffer'));
  return { json, pdf, names: Object.keys(zip.files).sort() };
}

describe("a customer's data as a file", () => {
  it('holds the profile, accounts, invoices, payments, refunds and audit entries, as JSON and as a readable PDF; audited with the reason', async () => {
    t = await testApp();
    const s = await seedErasable(t);
    const file = await t.ok('privacy.exportCustomer', {
      customerId: s.budi.id,
      reason: 'Permintaan pelanggan lewat WA',
    });
    expect(file.filename).toMatch(/^CUST0001_data-pribadi_2026-11-01\.zip$/);
    expect(file.mime).toBe('application/zip');
    const { json, pdf, names } = await unzip(file.base64);
    expect(names).toEqual(['data.json', 'data.pdf']);
    expect(json.customerCode).toBe('CUST0001');
    expect(json.sections.profile).toEqual([
      expect.objectContaining({ name: BUDI.name, phone: BUDI.phone, idCard: BUDI.idCard, email: BUDI.email }),
    ]);
    expect(json.sections.accounts).toEqual([expect.objectContaining({ username: BUDI.username, router: 'Kantor' })]);
    expect(json.sections.invoices).toHaveLength(2);
    expect(json.sections.payments).toEqual([expect.objectContaining({ amount: 250_000, method: 'cash' })]);
    expect(json.sections.refunds).toEqual([expect.objectContaining({ amount: 20_000 })]);
    expect(json.sections.audit!.map((a) => a.action)).toEqual(
      expect.arrayContaining(['customer.create', 'customer.update', 'pppoe.create', 'payment.create']),
    );
    // Nothing about Siti, and no secret: the PPPoE and router passwords are not in the file.
    const text = JSON.stringify(json);
    for (const s of ['Siti Aminah', 'BudiPass123', 'rahasia-router', 'passwordEnc']) expect(text).not.toContain(s);
    // The PDF reads in Indonesian (the ISP's language) and names the customer.
    expect(pdf.text).toContain('Data pribadi pelanggan');
    expect(pdf.text).toContain(BUDI.name);
    expect(pdf.text).toContain('Tagihan');
    expect(pdf.text).toContain('Rp 250.000');

    const audit = t.app.ctx.sqlite
      .prepare("SELECT username, entity_id AS id, reason FROM audit_log WHERE action = 'customer.exportData'")
      .all();
    expect(audit).toEqual([{ username: 'admin', id: String(s.budi.id), reason: 'Permintaan pelanggan lewat WA' }]);

    // In English on request; after an erasure the file shows only what is left.
    const en = await unzip(
      (await t.ok('privacy.exportCustomer', { customerId: s.budi.id, reason: 'Audit', language: 'en' })).base64,
    );
    expect(en.pdf.text).toContain("Customer's personal data");
    await clearBlockers(t, s);
    await t.ok('privacy.eraseCustomer', {
      customerId: s.budi.id,
      requestedBy: 'Pelanggan',
      reason: 'UU PDP',
      confirmCode: 'CUST0001',
    });
    const after = await unzip((await t.ok('privacy.exportCustomer', { customerId: s.budi.id, reason: 'Cek' })).base64);
    expect(JSON.stringify(after.json)).not.toContain(BUDI.name);
    expect(after.json.sections.invoices).toHaveLength(2);
  });

  it('refuses a missing reason or an unknown customer and writes nothing', async () => {
    t = await testApp();
    const s = await seedErasable(t);
    const n = () => (t!.app.ctx.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = n();
    expect(await t.call('privacy.exportCustomer', { customerId: s.budi.id, reason: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', issues: [{ path: 'reason', message: 'Reason is required' }] },
    });
    expect(await t.call('privacy.exportCustomer', { customerId: 999, reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(n()).toBe(before);
  });

  it('takes in what a later domain registers (the portal, the message outbox)', async () => {
    t = await testApp();
    const s = await seedErasable(t);
    const erased: number[] = [];
    registerPrivacyDomain({
      id: 'tickets',
      export: (_call, subject) => ({ tickets: [{ subject: `Gangguan ${subject.customerCode}`, status: 'closed' }] }),
      blockers: () => [],
      erase: (_call, subject) => {
        erased.push(subject.customerId);
        return { tickets: 1 };
      },
    });
    const { json } = await unzip(
      (await t.ok('privacy.exportCustomer', { customerId: s.budi.id, reason: 'Permintaan' })).base64,
    );
    expect(json.sections.tickets).toEqual([{ subject: 'Gangguan CUST0001', status: 'closed' }]);
    await clearBlockers(t, s);
    const done = await t.ok('privacy.eraseCustomer', {
      customerId: s.budi.id,
      requestedBy: 'Pelanggan',
      reason: 'UU PDP',
      confirmCode: 'CUST0001',
    });
    expect(done.counts['tickets.tickets']).toBe(1);
    expect(erased).toEqual([s.budi.id]);

    // A domain that blocks stops the erasure of another customer, whose data stays as it was.
    const ani = await t.ok('customers.create', { name: 'Ani Rahayu', phone: '0878-1111-2222' });
    registerPrivacyDomain({
      id: 'tickets',
      export: () => ({}),
      blockers: (_c, subject) => [
        { code: 'openTickets', count: 1, message: `${subject.customerCode} has open tickets` },
      ],
      erase: () => ({}),
    });
    const r = await t.call('privacy.eraseCustomer', {
      customerId: ani.id,
      requestedBy: 'x',
      reason: 'y',
      confirmCode: ani.customerCode,
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: `${ani.customerCode} has open tickets` },
    });
    expect(await t.ok('customers.get', { id: ani.id })).toMatchObject({ name: 'Ani Rahayu', erasedAt: null });
  });
  it("lists the customer's Web Push devices (label and push service), never the browser's keys", async () => {
    t = await testApp();
    const s = await seedErasable(t);
    const add = t.app.ctx.sqlite.prepare(
      'INSERT INTO push_subscriptions(customer_id, endpoint, p256dh, auth, device) VALUES (?, ?, ?, ?, ?)',
    );
    add.run(s.budi.id, 'https://push.example.test/wp/abc123', 'P'.repeat(87), 'A'.repeat(22), 'Chrome · Android');
    add.run(s.siti.id, 'https://push.example.test/wp/siti', 'Q'.repeat(87), 'B'.repeat(22), 'Firefox · Android');
    const file = await t.ok('privacy.exportCustomer', { customerId: s.budi.id, reason: 'Permintaan pelanggan' });
    const { json, pdf } = await unzip(file.base64);
    expect(json.sections.pushDevices).toEqual([
      expect.objectContaining({ device: 'Chrome · Android', pushService: 'push.example.test' }),
    ]);
    const text = JSON.stringify(json);
    for (const secret of ['P'.repeat(87), 'A'.repeat(22), 'Firefox']) expect(text).not.toContain(secret);
    expect(pdf.text).toContain('Perangkat notifikasi portal');
  });
});
