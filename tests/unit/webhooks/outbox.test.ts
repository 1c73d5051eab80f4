import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPayment } from '../../../src-main/core/billing/payments';
import { orderedDomains, type PrivacySubject } from '../../../src-main/core/privacy/registry';
import { testApp, type TestApp } from '../../helpers/app';
import { seedBilling } from '../billing/fixtures';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

interface Row {
  type: string;
  eventId: string;
  data: string;
  endpointId: number;
  status: string;
}
const outbox = () =>
  t.app.ctx.sqlite
    .prepare(
      `SELECT v.type, v.event_id AS eventId, v.data, d.endpoint_id AS endpointId, d.status
       FROM webhook_deliveries d JOIN webhook_events v ON v.id = d.event_row_id ORDER BY d.id`,
    )
    .all() as Row[];
const eventCount = () =>
  (t.app.ctx.sqlite.prepare('SELECT count(*) AS n FROM webhook_events').get() as { n: number }).n;

const endpoint = (events: string[], url = 'http://127.0.0.1:9/hook') =>
  t.ok('webhooks.create', { url, events: events as never });

describe('the webhook outbox', () => {
  it('writes the event in the payment transaction: committed → event, rolled back → none', async () => {
    const { customers } = await seedBilling(t, { customers: 1 });
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    const inv = (await t.ok('invoices.list', { customerId: customers[0]!.id })).items[0]!;
    // No endpoint yet: a payment leaves nothing in the outbox.
    await t.ok('payments.create', { customerId: customers[0]!.id, amount: 10_000, method: 'cash', invoiceId: inv.id });
    expect(eventCount()).toBe(0);

    const a = await endpoint(['payment.created', 'invoice.paid']);
    const b = await endpoint(['payment.created'], 'https://hooks.example.test/b');
    const p = await t.ok('payments.create', {
      customerId: customers[0]!.id,
      amount: 20_000,
      method: 'cash',
      invoiceId: inv.id,
    });
    const rows = outbox();
    expect(rows.map((r) => [r.type, r.endpointId])).toEqual([
      ['payment.created', a.endpoint.id],
      ['payment.created', b.endpoint.id],
    ]);
    // One event (one id to dedupe on), delivered to each endpoint that wants it.
    expect(rows[0]!.eventId).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(rows[1]!.eventId).toBe(rows[0]!.eventId);
    expect(JSON.parse(rows[0]!.data)).toMatchObject({
      id: p.id,
      paymentNumber: p.paymentNumber,
      customerCode: customers[0]!.customerCode,
      amount: 20_000,
      method: 'cash',
      status: 'live',
    });

    // The same payment inside a transaction that then fails: neither the payment nor its event remain.
    const before = eventCount();
    const call = { app: t.app.ctx, session: null, transport: 'internal' as const };
    expect(() =>
      t.app.ctx.sqlite.transaction(() => {
        createPayment(call, { customerId: customers[0]!.id, amount: 5_000, method: 'cash' } as never);
        expect(eventCount()).toBe(before + 1); // written inside the transaction…
        throw new Error('printer on fire');
      })(),
    ).toThrow('printer on fire');
    expect(eventCount()).toBe(before); // …and gone with it
    expect((await t.ok('payments.list', { customerId: customers[0]!.id })).total).toBe(2);
  });

  it('emits invoice.issued per invoice of a run, invoice.paid and payment.voided, and skips a disabled endpoint', async () => {
    const { customers } = await seedBilling(t, { customers: 2 });
    const ep = await endpoint(['invoice.issued', 'invoice.paid', 'payment.voided', 'customer.updated']);
    const off = await endpoint(['invoice.issued']);
    await t.ok('webhooks.update', { id: off.endpoint.id, enabled: false });
    const run = await t.ok('billing.generateInvoices', { period: '2026-11' });
    expect(
      outbox()
        .filter((r) => r.type === 'invoice.issued')
        .map((r) => JSON.parse(r.data).invoiceNumber),
    ).toEqual(run.invoices.map((i) => i.invoiceNumber));
    expect(outbox().every((r) => r.endpointId === ep.endpoint.id)).toBe(true);
    const inv = (await t.ok('invoices.list', { customerId: customers[0]!.id })).items[0]!;
    const pay = await t.ok('payments.create', {
      customerId: customers[0]!.id,
      amount: inv.amount,
      method: 'cash',
      invoiceId: inv.id,
    });
    expect(JSON.parse(outbox().find((r) => r.type === 'invoice.paid')!.data)).toMatchObject({
      id: inv.id,
      status: 'paid',
    });
    await t.ok('payments.void', { id: pay.id, reason: 'Salah pelanggan' });
    const voided = outbox().filter((r) => r.type === 'payment.voided');
    expect(voided).toHaveLength(1);
    expect(JSON.parse(voided[0]!.data)).toMatchObject({ id: pay.id, status: 'void', voidReason: 'Salah pelanggan' });
    // A change of a watched field is an update; the same value written again is not.
    await t.ok('customers.update', { id: customers[0]!.id, address: 'Jl. Melati 5' });
    await t.ok('customers.update', { id: customers[0]!.id, address: 'Jl. Melati 5' });
    expect(outbox().filter((r) => r.type === 'customer.updated')).toHaveLength(1);
  });

  it('an erasure strips the personal values of the customer from stored events (UU PDP)', async () => {
    await endpoint(['customer.created', 'customer.updated']);
    const c = await t.ok('customers.create', { name: 'Sri Rahasia', phone: '081299887766', address: 'Jl. Kenanga 7' });
    await t.ok('customers.update', { id: c.id, email: 'sri@example.test' });
    expect(
      outbox()
        .map((r) => r.data)
        .join(),
    ).toContain('081299887766');
    const domain = orderedDomains([]).find((d) => d.id === 'webhooks')!;
    const call = { app: t.app.ctx, session: null, transport: 'internal' as const };
    const n = t.app.ctx.sqlite.transaction(() =>
      domain.erase(call, { customerId: c.id, customerCode: c.customerCode } as PrivacySubject),
    )();
    expect(n).toEqual({ webhookEvents: 2 });
    const text = outbox()
      .map((r) => r.data)
      .join();
    for (const personal of ['Sri Rahasia', '081299887766', 'Jl. Kenanga 7', 'sri@example.test'])
      expect(text).not.toContain(personal);
    expect(JSON.parse(outbox()[0]!.data)).toMatchObject({ id: c.id, customerCode: c.customerCode, erased: true });
  });
});
