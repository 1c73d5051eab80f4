/**
 * A collector reaches only their assigned customers, on every channel: every channel the collector role
 * may call has a scope case here (the test fails when a new one appears without one), every other
 * channel answers FORBIDDEN, and nothing is written for a customer who is not theirs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { procedures, type Channel } from '../../../src-shared/contract';
import { roleCan } from '../../../src-shared/permissions';
import { testApp, type TestApp } from '../../helpers/app';
import { ownCallerCases, roleChannels } from '../../helpers/role-scope';
import { newKey, openInvoiceOf, paymentCount, seedCollectors } from './fixtures';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedCollectors>>;
beforeEach(async () => {
  t = await testApp();
  s = await seedCollectors(t);
});
afterEach(() => t.close());

const call = <C extends Channel>(channel: C, input: unknown) => t.call(channel, input as never, s.collector.token);

/** A desk payment for a customer (admin at the cash desk). */
async function deskPayment(customerId: number) {
  return t.ok('payments.create', { customerId, amount: 10_000, method: 'cash' });
}

/** Channels a collector can call, each with a check that it only reaches assigned customers. */
const SCOPED: Record<string, () => Promise<void>> = {
  ...ownCallerCases(call),
  'collector.route': async () => {
    const r = await t.ok('collector.route', {}, s.collector.token);
    expect(r.items.map((i) => i.customerId).sort()).toEqual(s.assigned.map((c) => c.id).sort());
    const other = await t.ok('collector.route', {}, s.other.token);
    expect(other.items.map((i) => i.customerId)).toEqual([s.notAssigned[0].id]);
  },
  'collector.customer': async () => {
    expect(
      (await t.ok('collector.customer', { customerId: s.assigned[2].id }, s.collector.token)).invoices,
    ).toHaveLength(1);
    for (const c of s.notAssigned) {
      const r = await call('collector.customer', { customerId: c.id });
      expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    }
  },
  'collector.sync': async () => {
    const before = paymentCount(t);
    for (const c of s.notAssigned) {
      const inv = openInvoiceOf(t, c.id);
      const r = await t.ok(
        'collector.sync',
        {
          items: [
            {
              key: newKey(),
              customerId: c.id,
              invoiceId: inv.id,
              amount: 10_000,
              collectedAt: t.clock.now().toISOString(),
            },
          ],
        },
        s.collector.token,
      );
      expect(r.results[0]).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' } });
    }
    // An assigned customer with someone else's invoice: refused, nothing written.
    const theirs = openInvoiceOf(t, s.notAssigned[0].id);
    const r = await t.ok(
      'collector.sync',
      {
        items: [
          {
            key: newKey(),
            customerId: s.assigned[0].id,
            invoiceId: theirs.id,
            amount: 10_000,
            collectedAt: t.clock.now().toISOString(),
          },
        ],
      },
      s.collector.token,
    );
    expect(r.results[0]).toMatchObject({ status: 'rejected', error: { code: 'BAD_INPUT' } });
    expect(paymentCount(t)).toBe(before);
  },
  'collector.visit': async () => {
    for (const c of s.notAssigned) {
      const r = await call('collector.visit', { customerId: c.id, kind: 'not_home' });
      expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    }
    expect((await call('collector.visit', { customerId: s.assigned[1].id, kind: 'not_home' })).ok).toBe(true);
  },
  'collector.receipt': async () => {
    // Neither an unassigned customer's payment nor a desk payment of an assigned one: only their own.
    for (const c of [s.notAssigned[0], s.assigned[0]]) {
      const p = await deskPayment(c.id);
      const r = await call('collector.receipt', { paymentId: p.id });
      expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    }
  },
};

describe('collector role: every channel', () => {
  it('may call exactly the channels that have a scope case', () => {
    expect(roleChannels('collector').sort()).toEqual(Object.keys(SCOPED).sort());
  });

  it.each(Object.keys(SCOPED))('%s reaches only assigned customers', async (channel) => {
    await SCOPED[channel]!();
  });

  it('every other signed-in channel answers FORBIDDEN (customer, payment and report reads included)', async () => {
    const denied = (Object.keys(procedures) as Channel[]).filter(
      (c) => procedures[c].permission !== 'public' && !roleCan('collector', procedures[c].permission),
    );
    expect(denied).toContain('customers.list');
    expect(denied).toContain('payments.create');
    for (const c of denied) {
      const r = await call(c, { customerId: s.notAssigned[0].id, id: s.notAssigned[0].id });
      expect(r.ok ? `${c} answered` : `${c}: ${r.error.code}`).toBe(`${c}: FORBIDDEN`);
    }
  });
});
