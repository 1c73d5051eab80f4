import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Isolir from '../../../src-main/core/network/isolir';
import { testApp, type TestApp } from '../../helpers/app';
import { addAccount, seedBilling, travelTo } from './fixtures';
import { checkInvariants } from './invariants';

// The router side fails to restore (whatever the reason): the payment must still be taken.
vi.mock('../../../src-main/core/network/isolir', async (orig) => {
  const real = await orig<typeof Isolir>();
  return {
    ...real,
    restoreAccount: () => {
      throw new Error('router queue unavailable');
    },
  };
});

let t: TestApp;
afterEach(() => t?.close());

describe('restore failure', () => {
  it('keeps the payment, logs the failure, and leaves the account for the next tick', async () => {
    t = await testApp();
    const { customers, pkg } = await seedBilling(t, { customers: 1 });
    const acc = addAccount(t, customers[0]!.id, pkg.id, 'gagal');
    await t.ok('billing.generateInvoices', { period: '2026-11' });
    travelTo(t, '2026-12-10T03:00:00.000Z');
    expect((await t.ok('billing.runAutomation', {})).isolated).toBe(1);
    const p = await t.ok('payments.create', { customerId: customers[0]!.id, amount: 250_000, method: 'cash' });
    expect(p).toMatchObject({ status: 'live', restoredAccounts: 0 });
    const log = await t.ok('automation.log', { action: 'error' });
    expect(log.items[0]).toMatchObject({ accountId: acc, result: 'failed' });
    const tick = await t.ok('billing.runAutomation', {});
    expect(tick.restored).toBe(0);
    expect(tick.errors[0]).toContain('router queue unavailable');
    checkInvariants(t.app.ctx);
  });
});
