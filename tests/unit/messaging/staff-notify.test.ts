import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../src-shared/events';
import { markRouterDown, markRouterOnline } from '../../../src-main/core/network/health';
import { creditPaid } from '../../../src-main/core/gateway-payments/credit';
import { portalWorld, type PortalWorld } from '../portal/fixtures';
import { gatewayWorld, qrisOf } from '../gateway-payments/setup';
import { RESELLER_PASSWORD } from '../resellers/fixtures';

let w: PortalWorld;
afterEach(async () => {
  await w?.close();
});

function record(world: PortalWorld): AppEvent[] {
  const seen: AppEvent[] = [];
  world.t.app.ctx.events.subscribe((e) => {
    if (e.name === 'staff.notify') seen.push(e);
  });
  return seen;
}

describe('staff desktop notifications', () => {
  it('a new ticket, a router going down and money from a gateway each tell the signed-in screens once, after the commit', async () => {
    w = await portalWorld();
    const seen = record(w);
    const cookie = await w.signIn(w.a.code, w.a.password);
    const opened = await w.call('portal.tickets.open', { category: 'gangguan', text: 'Internet mati' }, cookie);
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    expect(seen.map((e) => e.payload)).toEqual([
      { kind: 'ticket_new', ticketId: opened.value.ticket.id, customerName: 'Pelanggan 1', brandId: 1 },
    ]);
    // A customer's reply to their own ticket is not a new ticket.
    await w.call('portal.tickets.reply', { id: opened.value.ticket.id, text: 'Masih mati' }, cookie);
    expect(seen).toHaveLength(1);

    const router = await w.t.ok('routers.create', {
      name: 'RB Utara',
      host: '127.0.0.2',
      port: 8728,
      username: 'admin',
      password: 'rahasia',
    });
    const ctx = w.t.app.ctx;
    markRouterOnline(ctx, router.id);
    markRouterDown(ctx, router.id, new Error('connect ECONNREFUSED'));
    markRouterDown(ctx, router.id, new Error('connect ECONNREFUSED')); // still down: no second notice
    expect(seen.slice(1).map((e) => e.payload)).toEqual([
      { kind: 'router_down', routerId: router.id, routerName: 'RB Utara', brandId: 1 },
    ]);

    // An online payment for an unknown reference goes to review, not the ledger: no "payment received".
    const call = { app: ctx, session: null, transport: 'internal' as const };
    creditPaid(call, {
      provider: 'tripay',
      merchantRef: 'INV-nope-1',
      providerRef: 'T1',
      paidAmount: 250_000,
      via: 'poll',
    });
    expect(seen).toHaveLength(2);
  });

  it('each user keeps their own switches, audited; a kind without a choice is on', async () => {
    w = await portalWorld();
    expect(await w.t.ok('messages.staffPrefs', {})).toEqual({
      ticket_new: true,
      payment_online: true,
      reseller_topup: true,
      router_down: true,
      messages_failed: true,
    });
    expect(await w.t.ok('messages.saveStaffPrefs', { router_down: false })).toEqual({
      ticket_new: true,
      payment_online: true,
      reseller_topup: true,
      router_down: false,
      messages_failed: true,
    });
    const bad = await w.t.call('messages.saveStaffPrefs', { fax: true } as never);
    expect(bad).toMatchObject({ ok: false });
    const audit = w.t.app.ctx.sqlite
      .prepare("SELECT before, after FROM audit_log WHERE action = 'messages.staffPrefs'")
      .all() as { before: string; after: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ router_down: false });
  });
});

describe('staff desktop notifications: online payment', () => {
  it('money credited from a gateway tells staff once (a duplicate of the same money says nothing)', async () => {
    const g = await gatewayWorld('xendit', { customers: 1 });
    try {
      const seen: AppEvent[] = [];
      g.t.app.ctx.events.subscribe((e) => void (e.name === 'staff.notify' && seen.push(e)));
      const tx = await g.t.ok('gatewayPayments.create', {
        customerId: g.customers[0]!.id,
        provider: 'xendit',
        method: 'QRIS',
      });
      const call = { app: g.t.app.ctx, session: null, transport: 'internal' as const };
      const paid = {
        provider: 'xendit' as const,
        merchantRef: tx.merchantRef,
        providerRef: null,
        paidAmount: tx.amount,
      };
      const first = creditPaid(call, { ...paid, via: 'poll' });
      creditPaid(call, { ...paid, via: 'callback' });
      expect(seen.map((e) => e.payload)).toEqual([
        {
          kind: 'payment_online',
          paymentId: 'paymentId' in first ? first.paymentId : -1,
          amount: tx.amount,
          provider: 'xendit',
          brandId: 1,
        },
      ]);
    } finally {
      await g.close();
    }
  });
});

describe('staff desktop notifications: reseller top-up', () => {
  it("a reseller's online top-up credited to their balance tells staff once, with the reseller's name", async () => {
    const g = await gatewayWorld('tripay', { customers: 1 });
    try {
      const seen: AppEvent[] = [];
      g.t.app.ctx.events.subscribe((e) => void (e.name === 'staff.notify' && seen.push(e)));
      const reseller = await g.t.ok('resellers.create', { name: 'Mitra Sukamaju', phone: '0812 3456 7890' });
      await g.t.ok('resellers.setLogin', { id: reseller.id, username: 'mitra1', password: RESELLER_PASSWORD });
      const { token } = await g.t.ok('auth.login', { username: 'mitra1', password: RESELLER_PASSWORD }, '');
      const tx = await g.t.ok(
        'reseller.topupCreate',
        { amount: 150_000, provider: 'tripay', method: qrisOf('tripay') },
        token,
      );
      const call = { app: g.t.app.ctx, session: null, transport: 'internal' as const };
      const paid = { provider: 'tripay' as const, merchantRef: tx.reference, providerRef: null, paidAmount: 150_000 };
      const first = creditPaid(call, { ...paid, via: 'poll' });
      expect(first).toMatchObject({ result: 'topup', resellerId: reseller.id });
      // The same money reported again (callback, replay) credits nothing and says nothing.
      expect(creditPaid(call, { ...paid, via: 'callback' })).toEqual({ result: 'duplicate' });
      expect(seen.map((e) => e.payload)).toEqual([
        {
          kind: 'reseller_topup',
          movementId: 'movementId' in first ? first.movementId : -1,
          resellerId: reseller.id,
          resellerName: 'Mitra Sukamaju',
          amount: 150_000,
          provider: 'tripay',
        },
      ]);
    } finally {
      await g.close();
    }
  });
});
