/**
 * A reseller reads and pays only their own customers, on every channel they can reach: the office's
 * channels refuse their role outright, and each reseller.* channel is keyed by the signed-in reseller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures, type Channel } from '../../../src-shared/contract';
import { testApp, type TestApp } from '../../helpers/app';
import { ledgerSum, seedReseller } from './fixtures';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedReseller>>;
beforeAll(async () => {
  t = await testApp();
  s = await seedReseller(t, { customers: 2 });
  await t.ok('resellers.topup', { resellerId: s.reseller.id, amount: 1_000_000, method: 'cash' });
  await t.ok('resellers.topup', { resellerId: s.other.id, amount: 1_000_000, method: 'cash' });
}, 60_000);
afterAll(() => t.close());

const channels = Object.keys(procedures) as Channel[];
const own = new Set(['reseller.self', 'authenticated', 'public']);

describe('the office channels refuse a reseller sign-in', () => {
  it.each(channels.filter((c) => !own.has(procedures[c].permission)))('%s is FORBIDDEN', async (channel) => {
    const r = await t.app.call(channel, {}, { transport: 'http', token: s.token });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe("the reseller's own channels never reach someone else's customer", () => {
  const cases = [
    ['nobody', () => s.nobody.id],
    ["another reseller's", () => s.othersCustomer.id],
    ['a missing', () => 999_999],
  ] as const;

  it.each(cases)('reseller.bills of %s customer is NOT_FOUND', async (_, customerId) => {
    expect(await t.call('reseller.bills', { customerId: customerId() }, s.token)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it.each(cases.slice(0, 2))('reseller.pay of %s customer is NOT_FOUND and writes nothing', async (_, customerId) => {
    const before = ledgerSum(t, s.reseller.id);
    const payments = (t.app.ctx.sqlite.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n;
    const r = await t.call('reseller.pay', { invoiceId: s.invoiceOf(customerId()).id }, s.token);
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Invoice not found' } });
    expect(ledgerSum(t, s.reseller.id)).toBe(before);
    expect((t.app.ctx.sqlite.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n).toBe(payments);
  });

  it('reseller.customers and reseller.bills list only their own', async () => {
    const list = await t.ok('reseller.customers', { pageSize: 100 }, s.token);
    expect(list.items.map((c) => c.id).sort()).toEqual(s.own.map((c) => c.id).sort());
    const bills = await t.ok('reseller.bills', {}, s.token);
    expect(new Set(bills.map((b) => b.customerId))).toEqual(new Set(s.own.map((c) => c.id)));
  });

  it('reseller.ledger, reseller.statement and reseller.me are their own; no channel takes a reseller id', async () => {
    const ledger = await t.ok('reseller.ledger', {}, s.token);
    expect(ledger.balance).toBe(ledgerSum(t, s.reseller.id));
    const ids = new Set(
      (
        t.app.ctx.sqlite.prepare('SELECT id FROM reseller_ledger WHERE reseller_id = ?').all(s.reseller.id) as {
          id: number;
        }[]
      ).map((r) => r.id),
    );
    for (const m of ledger.items) expect(ids.has(m.id)).toBe(true);
    expect((await t.ok('reseller.me', {}, s.token)).code).toBe(s.reseller.code);
    for (const [channel, input] of [
      ['reseller.ledger', { resellerId: s.other.id }],
      ['reseller.statement', { month: '2026-11', resellerId: s.other.id }],
      ['reseller.customers', { resellerId: s.other.id }],
      ['reseller.me', { resellerId: s.other.id }],
    ] as const) {
      const r = await t.app.call(channel, input, { transport: 'http', token: s.token });
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });

  it('an office sign-in has no reseller: reseller.* answers NOT_FOUND', async () => {
    expect(await t.call('reseller.me', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('reseller.pay', { invoiceId: s.invoiceOf(s.own[0]!.id).id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('suspending the reseller ends their sign-in', async () => {
    const t2 = await testApp();
    try {
      const s2 = await seedReseller(t2, { customers: 1 });
      await t2.ok('resellers.update', { id: s2.reseller.id, name: s2.reseller.name, status: 'suspended' });
      expect(await t2.call('reseller.me', {}, s2.token)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
    } finally {
      t2.close();
    }
  });
});

describe('the event stream', () => {
  it('tells a reseller only that data changed, nothing of routers, backups or sync', async () => {
    const { createHttpHost } = await import('../../../src-main/host/http/server');
    const host = createHttpHost({ app: t.app });
    const { url } = await host.listen();
    const controller = new AbortController();
    try {
      const res = await fetch(`${url}/api/events`, {
        headers: { authorization: `Bearer ${s.token}` },
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value);
        }
      };
      await readUntil(': connected');
      t.app.ctx.events.emit({ name: 'router.status', payload: { routerId: 1, name: 'Router Kantor' } });
      t.app.ctx.events.emit({ name: 'backup.done', payload: { file: 'x' } });
      t.app.ctx.events.emit({ name: 'data.changed', payload: { entity: 'payments', channel: 'reseller.pay' } });
      await readUntil('reseller.pay');
      expect(text).toContain('event: data.changed');
      expect(text).not.toContain('router.status');
      expect(text).not.toContain('Router Kantor');
      expect(text).not.toContain('backup.done');
    } finally {
      controller.abort();
      host.server.closeAllConnections();
      await new Promise<void>((resolve) => host.server.close(() => resolve()));
    }
  });
});
